/** The generated plan pages: docs/plans/<id>.md for the latest version of each plan in plans/. */
import { renderPlanMarkdown } from '../src/engine/plan/render-plan.ts';
import { PlanRepository } from '../src/plans/plan-repository.ts';

export const plansDirectory = new URL('../plans/', import.meta.url).pathname;
export const docsDirectory = new URL('../docs/plans/', import.meta.url).pathname;

const banner = (file: string) =>
  `<!-- Generated from plans/${file} by \`npm run docs:plans\`. Do not edit: change the plan and regenerate. -->\n\n`;

export async function renderPlanDocs(): Promise<Record<string, string>> {
  const repo = await PlanRepository.load([plansDirectory]);
  const latest = new Map<string, string>();
  for (const summary of repo.list()) latest.set(summary.id, summary.ref);
  const out: Record<string, string> = {};
  for (const [id, ref] of latest) {
    const compiled = repo.get(ref);
    out[`${id}.md`] = banner(compiled.fileName.split('/').pop()!) + renderPlanMarkdown(compiled);
  }
  return out;
}
