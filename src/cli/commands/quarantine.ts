/**
 * `family-outcomes quarantine list|export`: which imported files hold quarantined rows, and those rows
 * back out as CSV for correction (docs/quarantine.md). Correct the cells, then import the file with
 * `family-outcomes import <source> <file>`: each corrected row releases its quarantined row.
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../composition.ts';
import { ValidationError } from '../../engine/errors.ts';
import { sourceIds } from '../../imports/sources/index.ts';
import type { QuarantineSelection } from '../../services/quarantine-export.ts';
import type { CliIo } from '../main.ts';

interface ExportOptions {
  file?: string;
  source?: string;
  out?: string;
}

export function registerQuarantineCommand(program: Command, io: CliIo): void {
  const quarantine = program.command('quarantine').description('quarantined rows: counts per file, and export as CSV for correction and re-import');

  quarantine
    .command('list')
    .description('list imported files with quarantined rows: still open and released by a later file')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) => {
      const services = await createServices(loadConfig());
      try {
        const files = await services.quarantine.list();
        if (options.json) {
          io.out(`${JSON.stringify(files.map(({ header: _header, ...f }) => f), null, 2)}\n`);
          return;
        }
        if (files.length === 0) {
          io.out('No quarantined rows.\n');
          return;
        }
        io.out('file id                               source               open  released  imported             file\n');
        for (const f of files) {
          io.out(`${f.fileId}  ${f.source.padEnd(19)} ${String(f.open).padStart(5)}  ${String(f.released).padStart(8)}  ${f.importedAt.toISOString().slice(0, 19).replace('T', ' ')}  ${f.fileName}\n`);
        }
      } finally {
        await services.close();
      }
    });

  quarantine
    .command('export')
    .description('write still-quarantined rows as CSV in the extract’s own columns, plus row_problems, original_file and original_row')
    .option('--file <id>', 'the rows of one imported file (its id, from `quarantine list`)')
    .addOption(new Option('--source <source>', 'the rows of every file of one kind of extract (newest row per record)').choices(sourceIds))
    .option('--out <file.csv>', 'write to this file instead of standard output')
    .action(async (options: ExportOptions) => {
      const selection = exportSelection(options);
      const services = await createServices(loadConfig());
      try {
        const { csv, files } = await services.quarantine.open(selection);
        if (options.out) {
          await pipeline(csv, createWriteStream(options.out));
          io.err(`Wrote ${options.out}: open quarantined rows from ${files.length} file${files.length === 1 ? '' : 's'}\n`);
        } else {
          for await (const chunk of csv) io.out(String(chunk));
        }
      } finally {
        await services.close();
      }
    });
}

function exportSelection(options: ExportOptions): QuarantineSelection {
  if (options.file !== undefined && options.source === undefined) return { fileId: options.file };
  if (options.source !== undefined && options.file === undefined) return { source: options.source };
  throw new ValidationError('quarantine export options', [{ path: '--file/--source', message: 'give exactly one of --file <id> or --source <source>' }]);
}
