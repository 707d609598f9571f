/** Registers every CLI command. Each command lives in its own file under src/cli/commands/. */
import type { Command } from 'commander';
import type { CliIo } from './main.ts';
import { registerEvaluateCommand } from './commands/evaluate.ts';
import { registerPlansCommand } from './commands/plans.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerTimelineCommand } from './commands/timeline.ts';
import { registerGenerateCommand } from './commands/generate.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerIdentifyCommand } from './commands/identify.ts';
import { registerAttachCommand } from './commands/attach.ts';
import { registerTrackCommand } from './commands/track.ts';
import { registerClaimsCommand } from './commands/claims.ts';
import { registerAuditCommand } from './commands/audit.ts';
import { registerEvidencePackCommand } from './commands/evidence-pack.ts';
import { registerRecordCommands } from './commands/record.ts';
import { registerQuarantineCommand } from './commands/quarantine.ts';
import { registerUsersCommand } from './commands/users.ts';

export function registerCommands(program: Command, io: CliIo): void {
  program
    .command('version')
    .description('print the version')
    .action(() => void io.out('family-outcomes 0.1.0\n'));
  registerEvaluateCommand(program, io);
  registerPlansCommand(program, io);
  registerImportCommand(program, io);
  registerTimelineCommand(program, io);
  registerGenerateCommand(program, io);
  registerDemoCommand(program, io);
  registerIdentifyCommand(program, io);
  registerAttachCommand(program, io);
  registerTrackCommand(program, io);
  registerClaimsCommand(program, io);
  registerAuditCommand(program, io);
  registerEvidencePackCommand(program, io);
  registerRecordCommands(program, io);
  registerQuarantineCommand(program, io);
  registerUsersCommand(program, io);
}
