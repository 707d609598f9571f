/**
 * `family-outcomes identify --plan <id[@version]> --as-of <date> [--problem p]… [--area SO14]… [--compare-last] [--json]`
 * runs the plan over every household, stores the run and prints the candidates (and what changed since the
 * previous run of the same plan with --compare-last).
 */
import type { Command } from 'commander';
import type { CliIo } from '../main.ts';
import { actorFrom, collect, printJson, progress, withActorOptions, withWorkflow, type ActorOptions } from './workflow-context.ts';

interface IdentifyOptions extends ActorOptions {
  plan: string;
  asOf: string;
  problem?: string[];
  area?: string[];
  compareLast?: boolean;
  json?: boolean;
}

export function registerIdentifyCommand(program: Command, io: CliIo): void {
  withActorOptions(
    program
      .command('identify')
      .description('run a plan over every household as of a date, store the run and list the candidate families')
      .requiredOption('--plan <id[@version]>', 'the plan (an id gives the version in force on --as-of)')
      .requiredOption('--as-of <YYYY-MM-DD>', 'the identification date')
      .option('--problem <problem>', 'only candidates with this headline problem (repeatable)', collect)
      .option('--area <district>', 'only candidates in this postcode district, e.g. SO14 (repeatable)', collect)
      .option('--compare-last', 'also show what changed since the previous run of the same plan')
      .option('--json', 'print the run and candidates as JSON'),
    'data-analyst',
  ).action(async (options: IdentifyOptions) => {
    await withWorkflow(async (w) => {
      const previous = (await w.identification.runs(20)).find((r) => r.planId === options.plan.split('@')[0]);
      const bar = progress(io, 'Households');
      const result = await w.identification.identify(
        { plan: options.plan, asOf: options.asOf, filters: { problems: options.problem as never, areas: options.area }, actor: actorFrom(options) },
        bar.update,
      );
      bar.stop();
      const comparison = options.compareLast && previous ? await w.identification.compare(previous.id, result.run.id) : undefined;
      if (options.json) return printJson(io, { ...result, comparison });
      const { run } = result;
      io.out(`Run ${run.id}: ${run.planId}@${run.planVersion} as of ${run.asOf}: ${run.candidateCount} candidate families of ${run.householdCount} households\n`);
      for (const c of result.candidates) {
        io.out(`${c.familyReference}  ${c.postcodeDistrict.padEnd(5)}  ${c.problems.join(', ')}  (indicators: ${c.indicators.map((i) => i.ref).join('; ')})\n`);
      }
      if (result.failed.length > 0) io.err(`${result.failed.length} households could not be evaluated, e.g. ${result.failed[0]!.householdId}: ${result.failed[0]!.reason}\n`);
      if (comparison) io.out(`Since run ${comparison.from.id} (as of ${comparison.from.asOf}): ${comparison.added.length} new candidates, ${comparison.removed.length} no longer candidates, ${comparison.continuing} continuing\n`);
    });
  });
}
