/**
 * Coverage of a source document by a plan: every criterion the document contains (listed, per
 * problem, in a criteria file beside the document) must be encoded by at least one indicator or
 * outcome whose `ref` names it. Where the document numbers its criteria, regular expressions in the
 * criteria file re-extract the references from the text itself, so a criterion missing from the list
 * is caught too.
 */
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { problemId, problemIds, type ProblemId } from '../timeline/timeline-schema.ts';
import { toInputIssues } from '../zod-issues.ts';
import type { Plan } from './plan-schema.ts';

const refList = z.array(z.union([z.string(), z.number()]).transform(String));

export const criteriaFile = z.strictObject({
  document: z.string(),
  plan: z.string(),
  note: z.string().optional(),
  problems: z.partialRecord(problemId, z.strictObject({ indicators: refList.default([]), outcomes: refList.default([]) })),
  /** Optional cross-checks against the document's text. */
  extract: z
    .strictObject({
      /** A header that starts each problem's section; its first group is a 1-based index into `problems`. */
      sections: z.strictObject({ pattern: z.string(), problems: z.array(problemId).min(1) }),
      indicators: z.string().optional(),
      outcomes: z.string().optional(),
    })
    .optional(),
});
export type CriteriaFile = z.infer<typeof criteriaFile>;

export function parseCriteria(data: unknown, fileName: string): CriteriaFile {
  const r = criteriaFile.safeParse(data);
  if (!r.success) throw new ValidationError(fileName, toInputIssues(r.error, data));
  return r.data;
}

export interface CoverageRow {
  readonly problem: ProblemId;
  readonly kind: 'indicator' | 'outcome';
  readonly criterion: string;
  /** Ids of the plan elements whose reference names the criterion. Empty: unencoded. */
  readonly encodedBy: readonly string[];
}

export interface CoverageReport {
  readonly rows: readonly CoverageRow[];
  /** References found in the document's text that the criteria list does not include. */
  readonly unlisted: ReadonlyArray<{ readonly problem: ProblemId; readonly kind: 'indicator' | 'outcome'; readonly criterion: string }>;
}

const tokens = (text: string) => text.toLowerCase().split(/[^a-z0-9.]+/).map((t) => t.replace(/^\.+|\.+$/g, '')).filter(Boolean);

/** A reference names a criterion when the criterion's words appear in it consecutively: "Education outcome v) & vi)" names "vi)". */
export function refNames(ref: string, criterion: string): boolean {
  const r = tokens(ref);
  const c = tokens(criterion);
  if (c.length === 0) return false;
  for (let i = 0; i + c.length <= r.length; i++) if (c.every((t, j) => r[i + j] === t)) return true;
  return false;
}

export function checkCoverage(plan: Plan, criteria: CriteriaFile, documentText?: string): CoverageReport {
  const rows: CoverageRow[] = [];
  for (const pid of problemIds) {
    const listed = criteria.problems[pid];
    if (!listed) continue;
    const problem = plan.problems[pid];
    for (const [kind, refs] of [['indicator', listed.indicators], ['outcome', listed.outcomes]] as const) {
      const elements = problem ? (kind === 'indicator' ? problem.indicators : problem.outcomes) : [];
      for (const criterion of refs) {
        rows.push({ problem: pid, kind, criterion, encodedBy: elements.filter((e) => refNames(e.ref, criterion)).map((e) => e.id) });
      }
    }
  }
  return { rows, unlisted: documentText && criteria.extract ? unlistedReferences(criteria, documentText) : [] };
}

function unlistedReferences(criteria: CriteriaFile, text: string): CoverageReport['unlisted'] {
  const extract = criteria.extract!;
  const header = new RegExp(extract.sections.pattern, 'gm');
  const starts = [...text.matchAll(header)].map((m) => ({ at: m.index, problem: extract.sections.problems[Number(m[1]) - 1] }));
  const out: Array<{ problem: ProblemId; kind: 'indicator' | 'outcome'; criterion: string }> = [];
  starts.forEach((s, i) => {
    if (!s.problem) return;
    const section = text.slice(s.at, starts[i + 1]?.at ?? text.length);
    for (const [kind, pattern] of [['indicator', extract.indicators], ['outcome', extract.outcomes]] as const) {
      if (!pattern) continue;
      const listed = new Set((kind === 'indicator' ? criteria.problems[s.problem]?.indicators : criteria.problems[s.problem]?.outcomes) ?? []);
      for (const m of section.matchAll(new RegExp(pattern, 'gm'))) {
        const criterion = m[1]!;
        if (!listed.has(criterion) && !out.some((o) => o.problem === s.problem && o.kind === kind && o.criterion === criterion)) {
          out.push({ problem: s.problem, kind, criterion });
        }
      }
    }
  });
  return out;
}

export function renderCoverage(plan: Plan, report: CoverageReport): string {
  const lines = [`Coverage of ${plan.source.document} by ${plan.id}@${plan.version}`];
  let missing = 0;
  for (const r of report.rows) {
    if (r.encodedBy.length === 0) missing++;
    lines.push(`${r.encodedBy.length ? 'ok     ' : 'MISSING'} ${r.problem.padEnd(18)} ${r.kind.padEnd(9)} ${r.criterion.padEnd(28)} ${r.encodedBy.join(', ')}`);
  }
  for (const u of report.unlisted) lines.push(`UNLISTED ${u.problem} ${u.kind} ${u.criterion}: in the document but not in the criteria list`);
  lines.push(`${report.rows.length - missing} of ${report.rows.length} criteria encoded${report.unlisted.length ? `; ${report.unlisted.length} found in the text but not listed` : ''}`);
  return `${lines.join('\n')}\n`;
}
