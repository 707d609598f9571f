/** Registers every CLI command. Each command lives in its own file under src/cli/commands/. */
import type { Command } from 'commander';
import type { CliIo } from './main.ts';
import { registerEvaluateCommand } from './commands/evaluate.ts';
import { registerPlansCommand } from './commands/plans.ts';
import { registerGenerateCommand } from './commands/generate.ts';
import { registerDemoCommand } from './commands/demo.ts';

export function registerCommands(program: Command, io: CliIo): void {
  program
    .command('version')
    .description('print the version')
    .action(() => io.out('family-outcomes 0.1.0\n'));
  registerEvaluateCommand(program, io);
  registerPlansCommand(program, io);
  registerGenerateCommand(program, io);
  registerDemoCommand(program, io);
}
