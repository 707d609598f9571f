/**
 * `family-outcomes import <source|auto> <file.csv|file.xlsx> [--json] [--encoding windows-1252]`
 *
 * Imports one agency extract (formats: docs/data-sources.md). With `auto` for the kind of extract, the
 * kind is worked out from the file's header row, as the Data page's "Work it out from the file's header
 * row" does; a header that fits no kind, or several equally well, is refused and the kind must be
 * named. Prints the kind worked out (on standard error, so `--json` stays one document), a summary and every problem found
 * (file, row, column, value, reason), or the whole report as JSON. Shows a progress bar on a terminal.
 * Exit code 0 when every row was stored, 2 when some rows were quarantined or the file could not be
 * imported (nothing is stored then), 1 on an internal error.
 */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../composition.ts';
import { FamilyOutcomesError } from '../../engine/errors.ts';
import { sourceIds } from '../../imports/sources/index.ts';
import type { ImportReport } from '../../services/import-service.ts';
import { exitCodes, type CliIo } from '../main.ts';

/** The kind of extract that asks for it to be worked out from the file's header row. */
export const autoSource = 'auto';

interface ImportCommandOptions {
  json?: boolean;
  encoding: 'utf-8' | 'windows-1252';
}

export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('import an agency extract (CSV or .xlsx); see docs/data-sources.md for the formats')
    .addArgument(program.createArgument('<source>', `the kind of extract, or ${autoSource} to work it out from the file's header row`).choices([autoSource, ...sourceIds]))
    .argument('<file>', 'the extract: .csv or .xlsx')
    .option('--json', 'print the full report as JSON')
    .addOption(new Option('--encoding <encoding>', 'text encoding of a CSV file').choices(['utf-8', 'windows-1252']).default('utf-8'))
    .action(async (source: string, file: string, options: ImportCommandOptions) => {
      const services = await createServices(loadConfig());
      const bar = io.interactive && !options.json ? new cliProgress.SingleBar({ format: 'importing {bar} {percentage}% | {rows} rows | {eta_formatted} left', stream: process.stderr }, cliProgress.Presets.shades_classic) : undefined;
      try {
        const kind = source === autoSource ? await services.imports.detectSource(file, { encoding: options.encoding }) : source;
        if (kind !== source) io.err(`${basename(file)}: its header row fits a ${kind} extract\n`);
        bar?.start(1, 0, { rows: 0 });
        const report = await services.imports.importFile(kind, file, {
          encoding: options.encoding,
          onProgress: (p) => {
            bar?.setTotal(Math.max(1, p.totalBytes));
            bar?.update(p.bytesRead, { rows: p.rows });
          },
        });
        bar?.stop();
        io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report));
        if (report.quarantined > 0) io.exitCode = exitCodes.invalidInput;
      } catch (error) {
        bar?.stop();
        if (options.json && error instanceof FamilyOutcomesError) {
          io.out(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
          io.exitCode = exitCodes.invalidInput;
          return;
        }
        throw error;
      } finally {
        await services.close();
      }
    });
}

export function renderReport(r: ImportReport): string {
  const lines = [
    `${r.file} (${r.source}, sha256 ${r.sha256.slice(0, 12)}…)`,
    r.alreadyImported
      ? `  already imported: nothing changed (${r.stored} rows stored, ${r.quarantined} quarantined then)`
      : `  ${r.rows} rows: ${r.stored} stored (${r.inserted} new, ${r.corrected} corrected, ${r.unchanged} unchanged), ${r.quarantined} quarantined`,
  ];
  if (!r.alreadyImported) {
    lines.push(`  ${r.blankLines} blank lines skipped; ${r.newPeople} new people; ${r.matchReviews} person matches to review; ${r.releasedFromQuarantine} earlier quarantined rows corrected`);
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  for (const i of r.issues) {
    lines.push(`  ${i.file} row ${i.row}${i.column ? ` column ${i.column}` : ''}${i.value === undefined ? '' : ` value ${JSON.stringify(i.value)}`}: ${i.reason}`);
  }
  if (r.issueCount > r.issues.length) lines.push(`  … and ${r.issueCount - r.issues.length} more problems (all stored with the quarantined rows)`);
  return `${lines.join('\n')}\n`;
}
