/** `family-outcomes track --as-of <date>` re-evaluates every attached family and prints what changed (run after each import). */
import type { Command } from 'commander';
import type { CliIo } from '../main.ts';
import { actorFrom, printJson, progress, withActorOptions, withWorkflow, type ActorOptions } from './workflow-context.ts';

export function registerTrackCommand(program: Command, io: CliIo): void {
  withActorOptions(
    program
      .command('track')
      .description('re-evaluate every attached family and record status changes in each family history')
      .requiredOption('--as-of <YYYY-MM-DD>', 'the date to evaluate at')
      .option('--json', 'print the changes as JSON'),
    'data-analyst',
  ).action(async (options: ActorOptions & { asOf: string; json?: boolean }) => {
    await withWorkflow(async (w) => {
      const bar = progress(io, 'Families');
      const result = await w.tracking.trackAll({ asOf: options.asOf, actor: actorFrom(options) }, bar.update);
      bar.stop();
      if (options.json) return printJson(io, result);
      io.out(`Evaluated ${result.evaluated} attached families as of ${result.asOf}: ${result.changes.length} changes\n`);
      for (const c of result.changes) io.out(`${c.familyReference}  ${c.kind.padEnd(22)}  ${c.summary}\n`);
      for (const f of result.failed) io.err(`${f.familyReference}: not evaluated: ${f.reason}\n`);
    });
  });
}
