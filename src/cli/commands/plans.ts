/**
 * `family-outcomes plans …`: the outcome plans for people.
 *   plans [--json]                      the plans and versions, with the dates each is in force
 *   plans show <id[@version]>           a plan rendered for people (Markdown): problem → indicators → outcomes
 *   plans coverage <id[@version]>       every criterion of the source document and what encodes it
 *   plans diff <id@a> <id@b>            what changed between two versions
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { loadConfig } from '../../config.ts';
import { ValidationError } from '../../engine/errors.ts';
import { diffPlans, renderPlanDiff } from '../../engine/plan/diff-plans.ts';
import { checkCoverage, parseCriteria, renderCoverage, type CriteriaFile } from '../../engine/plan/plan-coverage.ts';
import { renderPlanMarkdown } from '../../engine/plan/render-plan.ts';
import { PlanRepository } from '../../plans/plan-repository.ts';
import { exitCodes, type CliIo } from '../main.ts';
import { renderPlansTable } from '../render-plans-table.ts';

interface PlansOptions {
  json?: boolean;
  plansDir?: string;
}

// Options may be given before or after a subcommand (`plans --plans-dir x show y` or `plans show y --plans-dir x`):
// commander gives a shared option to the parent, so subcommands read them with optsWithGlobals().
const plansDirOption = ['--plans-dir <directory>', 'where the plan files are (default: $FAMILY_OUTCOMES_PLANS or plans)'] as const;
const directory = (options: PlansOptions) => options.plansDir ?? loadConfig().FAMILY_OUTCOMES_PLANS;
const load = (options: PlansOptions) => PlanRepository.load([directory(options)]);

export function registerPlansCommand(program: Command, io: CliIo): void {
  const plans = program
    .command('plans')
    .description('list the outcome plans and their versions (and show, check coverage of, or compare them)')
    .option('--json', 'print JSON for machines')
    .option(...plansDirOption)
    .action(async (options: PlansOptions) => {
      const list = (await load(options)).list();
      io.out(options.json ? `${JSON.stringify(list, null, 2)}\n` : renderPlansTable(list));
    });

  plans
    .command('show <plan>')
    .description('render a plan for people: problems, indicators and outcomes with references and windows in plain English')
    .option(...plansDirOption)
    .action(async (ref: string, _options: PlansOptions, command: Command) => {
      io.out(renderPlanMarkdown((await load(command.optsWithGlobals<PlansOptions>())).get(ref)));
    });

  plans
    .command('coverage <plan>')
    .description("list every criterion of the plan's source document and the indicators and outcomes that encode it")
    .option('--json', 'print JSON for machines')
    .option(...plansDirOption)
    .action(async (ref: string, _options: PlansOptions, command: Command) => {
      const options = command.optsWithGlobals<PlansOptions>();
      const compiled = (await load(options)).get(ref);
      const sources = join(directory(options), 'sources');
      const criteria = await findCriteria(sources, compiled.plan.id);
      const text = await readFile(join(sources, criteria.document), 'utf8').catch(() => undefined);
      const report = checkCoverage(compiled.plan, criteria, text);
      io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderCoverage(compiled.plan, report));
      if (report.rows.some((r) => r.encodedBy.length === 0) || report.unlisted.length > 0) io.exitCode = exitCodes.internal;
    });

  plans
    .command('diff <from> <to>')
    .description('show what changed between two plan versions, e.g. plans diff leicester@10 leicester@11')
    .option('--json', 'print JSON for machines')
    .option(...plansDirOption)
    .action(async (from: string, to: string, _options: PlansOptions, command: Command) => {
      const options = command.optsWithGlobals<PlansOptions>();
      const repo = await load(options);
      const a = repo.get(from).plan;
      const b = repo.get(to).plan;
      const changes = diffPlans(a, b);
      io.out(options.json ? `${JSON.stringify(changes, null, 2)}\n` : renderPlanDiff(a, b, changes));
    });
}

async function findCriteria(sources: string, planId: string): Promise<CriteriaFile> {
  const names = await readdir(sources).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.criteria.yaml')).sort()) {
    const criteria = parseCriteria(parse(await readFile(join(sources, name), 'utf8')), join(sources, name));
    if (criteria.plan === planId) return criteria;
  }
  throw new ValidationError(sources, [{ path: '', message: `no criteria file for plan ${JSON.stringify(planId)} (expected a *.criteria.yaml with plan: ${planId})` }]);
}
