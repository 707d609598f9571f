/** `family-outcomes evidence-pack <family> [--output file.html]`: the claimed family's printable evidence pack; logged as an access. */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliIo } from '../main.ts';
import { actorFrom, withActorOptions, withWorkflow, type ActorOptions } from './workflow-context.ts';

export function registerEvidencePackCommand(program: Command, io: CliIo): void {
  withActorOptions(
    program
      .command('evidence-pack')
      .description('write the self-contained HTML evidence pack of a claimed family (print it to PDF from a browser)')
      .argument('<family>', 'family reference (F-000123) or id')
      .option('--output <file>', 'write to this file instead of standard output'),
    'auditor',
  ).action(async (family: string, options: ActorOptions & { output?: string }) => {
    await withWorkflow(async (w) => {
      await w.accessLog.recordAccess({ ...actorFrom(options), familyId: family, action: 'evidence-pack' });
      const pack = await w.evidencePacks.render({ family });
      if (options.output) {
        await writeFile(options.output, pack.html);
        io.err(`Wrote ${options.output}\n`);
      } else io.out(pack.html);
    });
  });
}
