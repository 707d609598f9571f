/**
 * Gets quarantined rows back out for correction. Writes the still-quarantined rows of one import file,
 * or of every file of a source, as CSV in the extract's own column layout with the cells exactly as
 * received, followed by three columns: `row_problems` (every problem found in the row), `original_file`
 * and `original_row`. An analyst fixes the cells and imports the file as a normal extract: the import
 * ignores the three extra columns, and each corrected row releases the quarantined row with the same
 * record_id (see docs/quarantine.md). Cells that a spreadsheet would run as a formula are written with a
 * leading apostrophe, which the import takes off again (src/imports/formula-escape.ts).
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { FamilyOutcomesError } from '../engine/errors.ts';
import { quarantineExportColumns } from '../imports/formula-escape.ts';
import { normaliseColumnName } from '../imports/header.ts';
import { findSource } from '../imports/sources/index.ts';
import type { Executor } from '../data/repositories/executor.ts';
import { openQuarantinedRows, quarantineFileCounts, type OpenQuarantinedRow, type QuarantineFileCounts } from '../data/repositories/quarantine-rows.ts';
import { insertQuarantineAccess, listQuarantineAccess, type QuarantineAccessRecord } from '../data/repositories/quarantine-access-log.ts';
import { actorSchema, type Actor } from './actor.ts';
import { UnknownSourceError } from './import-service.ts';
import { parseInput } from './parse-input.ts';

/** The columns added after the extract's own (defined beside the import's reading of them). */
export { quarantineExportColumns };

export class UnknownImportFileError extends FamilyOutcomesError {
  readonly code = 'unknown-import-file';
  constructor(readonly fileId: string) {
    super(`No imported file with id ${JSON.stringify(fileId)} (see \`family-outcomes quarantine list\`)`);
  }
}

export type QuarantineSelection = { readonly fileId: string } | { readonly source: string };

export interface QuarantineExportFile {
  /** A file name to save the export as, e.g. `school-attendance-quarantine.csv`. */
  readonly fileName: string;
  /** Still-quarantined rows that will be written (after keeping only the newest row per record). */
  readonly files: readonly QuarantineFileCounts[];
  /** The CSV, produced as it is read. */
  readonly csv: Readable;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pageSize = 2000;

export class QuarantineExport {
  constructor(
    private readonly db: Executor,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every file with quarantined rows, newest first, with how many are still open and how many were released. */
  async list(): Promise<QuarantineFileCounts[]> {
    return quarantineFileCounts(this.db);
  }

  /**
   * Records that the actor was shown the file's quarantined rows as received (the web's file page):
   * written before the rows are shown. Exports record themselves (`open`).
   * @throws ValidationError (an invalid actor)
   */
  async recordListing(fileId: string, actor: Actor): Promise<void> {
    await this.#recordAccess(parseInput(actorSchema, actor, 'quarantine listing actor'), 'view-quarantined-rows', [fileId]);
  }

  /** One quarantine access log record per file, all at one time, in the name of an actor already checked. */
  async #recordAccess(by: Actor, action: 'view-quarantined-rows' | 'export-quarantined-rows', fileIds: readonly string[]): Promise<void> {
    const at = this.now();
    await insertQuarantineAccess(this.db, fileIds.map((importFileId) => ({ userId: by.userId, role: by.role, importFileId, action, at })));
  }

  /** Who listed or exported quarantined rows, newest first (at most `limit` records). */
  async accessLog(limit: number): Promise<QuarantineAccessRecord[]> {
    return listQuarantineAccess(this.db, limit);
  }

  /**
   * The CSV of the selected still-quarantined rows. For a source, files are read newest first and a
   * record quarantined in more than one file is written once, from the newest file. The rows carry
   * personal data as received, so the export is written to the quarantine access log (one record per
   * file whose rows it holds, in the actor's name) before the CSV is handed back.
   * @throws UnknownImportFileError, UnknownSourceError, ValidationError (an invalid actor)
   */
  async open(selection: QuarantineSelection, actor: Actor): Promise<QuarantineExportFile> {
    const by = parseInput(actorSchema, actor, 'quarantine export actor');
    let files: QuarantineFileCounts[];
    let name: string;
    // The layout when no row is left to write: the file's own header, or the source's columns.
    let layout: readonly string[];
    if ('fileId' in selection) {
      if (!uuid.test(selection.fileId)) throw new UnknownImportFileError(selection.fileId);
      const found = await this.db.selectFrom('import_files').select(['file_name', 'header']).where('id', '=', selection.fileId).executeTakeFirst();
      if (!found) throw new UnknownImportFileError(selection.fileId);
      files = await quarantineFileCounts(this.db, { fileId: selection.fileId });
      name = `${found.file_name.replace(/\.(csv|xlsx|txt)$/i, '')}-quarantine.csv`;
      layout = JSON.parse(found.header) as string[];
    } else {
      const spec = findSource(selection.source);
      if (!spec) throw new UnknownSourceError(selection.source);
      files = await quarantineFileCounts(this.db, { source: selection.source });
      name = `${selection.source}-quarantine.csv`;
      layout = spec.columns.map((c) => c.name);
    }
    files = files.filter((f) => f.open > 0);
    await this.#recordAccess(by, 'export-quarantined-rows', files.map((f) => f.fileId));
    const columns = files.length > 0 ? exportColumns(files.map((f) => f.header)) : exportColumns([layout]);
    const records = Readable.from(this.#records(files, columns));
    const csv = records.pipe(stringify({ header: true, columns: [...columns, ...quarantineExportColumns], escape_formulas: true }));
    records.on('error', (error) => csv.destroy(error));
    return { fileName: name, files, csv };
  }

  async *#records(files: readonly QuarantineFileCounts[], columns: readonly string[]): AsyncGenerator<string[]> {
    const written = new Set<string>();
    for (const file of files) {
      const at = columnPositions(file.header, columns);
      for (let after = 0; ; ) {
        const page = await openQuarantinedRows(this.db, file.fileId, after, pageSize);
        if (page.length === 0) break;
        for (const row of page) {
          if (row.recordKey !== null) {
            if (written.has(row.recordKey)) continue;
            written.add(row.recordKey);
          }
          yield [...at.map((i) => (i < 0 ? '' : (row.values[i] ?? ''))), rowProblems(row, file.header.length), file.fileName, String(row.rowNumber)];
        }
        after = page.at(-1)!.rowNumber;
      }
    }
  }
}

/** The union of the files' headers, in order of first appearance, without earlier exports' own columns. */
function exportColumns(headers: ReadonlyArray<readonly string[]>): string[] {
  const reserved = new Set<string>(quarantineExportColumns);
  const seen = new Set<string>();
  const columns: string[] = [];
  for (const header of headers) {
    for (const h of header) {
      const key = normaliseColumnName(h);
      if (key === '' || reserved.has(key) || seen.has(key)) continue;
      seen.add(key);
      columns.push(h);
    }
  }
  return columns;
}

function columnPositions(header: readonly string[], columns: readonly string[]): number[] {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normaliseColumnName(h);
    if (!index.has(key)) index.set(key, i);
  });
  return columns.map((c) => index.get(normaliseColumnName(c)) ?? -1);
}

/** Every problem in the row, joined; cells beyond the header are kept here so nothing is lost. */
function rowProblems(row: OpenQuarantinedRow, headerLength: number): string {
  const problems = row.issues.map((i) => `${i.column ? `${i.column}${i.value ? ` "${i.value}"` : ''}: ` : ''}${i.reason}`);
  const beyond = row.values.slice(headerLength).filter((v) => v.trim() !== '');
  if (beyond.length > 0) problems.push(`cells beyond the header: ${beyond.map((v) => JSON.stringify(v)).join(', ')}`);
  return problems.join('; ');
}
