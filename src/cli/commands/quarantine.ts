/**
 * `family-outcomes quarantine list|export|log`: which imported files hold quarantined rows, those rows
 * back out as CSV for correction (docs/quarantine.md), and who listed or exported them. Rows carry
 * personal data as received, so every export is recorded in the acting user's name (`--user`,
 * `--role`). Correct the cells, then import the file with `family-outcomes import <source> <file>`:
 * each corrected row releases its quarantined row.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { ValidationError } from '../../engine/errors.ts';
import { sourceIds } from '../../imports/sources/index.ts';
import type { QuarantineSelection } from '../../services/quarantine-export.ts';
import type { CliIo } from '../main.ts';
import { actorFrom, printJson, withActorOptions, withServices, type ActorOptions } from './workflow-context.ts';

interface ExportOptions extends ActorOptions {
  file?: string;
  source?: string;
  out?: string;
}

export function registerQuarantineCommand(program: Command, io: CliIo): void {
  const quarantine = program.command('quarantine').description('quarantined rows: counts per file, export as CSV for correction and re-import, and who saw them');

  quarantine
    .command('list')
    .description('list imported files with quarantined rows: still open and released by a later file')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) =>
      withServices(async (services) => {
        const files = await services.quarantine.list();
        if (options.json) printJson(io, files.map(({ header: _header, ...f }) => f));
        else if (files.length === 0) io.out('No quarantined rows.\n');
        else {
          io.out('file id                               source               open  released  imported             file\n');
          for (const f of files) {
            io.out(`${f.fileId}  ${f.source.padEnd(19)} ${String(f.open).padStart(5)}  ${String(f.released).padStart(8)}  ${timestamp(f.importedAt)}  ${f.fileName}\n`);
          }
        }
      }),
    );

  quarantine
    .command('log')
    .description('who listed or exported quarantined rows, and when (newest first)')
    .option('--limit <n>', 'how many records', '100')
    .option('--json', 'print as JSON')
    .action(async (options: { limit: string; json?: boolean }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new ValidationError('--limit', [{ path: '', message: 'must be a whole number of at least 1', value: options.limit }]);
      return withServices(async (services) => {
        const records = await services.quarantine.accessLog(limit);
        if (options.json) printJson(io, records);
        else if (records.length === 0) io.out('Nobody has listed or exported quarantined rows.\n');
        else {
          io.out('when                 user                 role            action                   file\n');
          for (const r of records) {
            io.out(`${timestamp(r.at)}  ${r.userId.padEnd(20)} ${r.role.padEnd(15)} ${r.action.padEnd(24)} ${r.importFileId}  ${r.fileName}\n`);
          }
        }
      });
    });

  withActorOptions(
    quarantine
      .command('export')
      .description('write still-quarantined rows as CSV in the extract’s own columns, plus row_problems, original_file and original_row (recorded in the quarantine access log)')
      .option('--file <id>', 'the rows of one imported file (its id, from `quarantine list`)')
      .addOption(new Option('--source <source>', 'the rows of every file of one kind of extract (newest row per record)').choices(sourceIds))
      .option('--out <file.csv>', 'write to this file instead of standard output'),
    'data-analyst',
  ).action(async (options: ExportOptions) => {
    const selection = exportSelection(options);
    return withServices(async (services) => {
      const { csv, files } = await services.quarantine.open(selection, actorFrom(options));
      if (options.out) {
        await pipeline(csv, createWriteStream(options.out));
        io.err(`Wrote ${options.out}: open quarantined rows from ${files.length} file${files.length === 1 ? '' : 's'}\n`);
      } else {
        for await (const chunk of csv) io.out(String(chunk));
      }
    });
  });
}

/** A time as the listings print it: `2026-12-02 14:58:01` (UTC). */
function timestamp(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

function exportSelection(options: ExportOptions): QuarantineSelection {
  if (options.file !== undefined && options.source === undefined) return { fileId: options.file };
  if (options.source !== undefined && options.file === undefined) return { source: options.source };
  throw new ValidationError('quarantine export options', [{ path: '--file/--source', message: 'give exactly one of --file <id> or --source <source>' }]);
}
