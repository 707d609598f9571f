/** Data-quality issues (file, row, column, value, reason) and the quarantine of the rows that have them. */
import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export interface NewIssue {
  readonly rowNumber: number;
  readonly column: string | null;
  readonly value: string | null;
  readonly reason: string;
}

export interface NewQuarantinedRow {
  readonly rowNumber: number;
  readonly recordKey: string | null;
}

export async function insertIssues(db: Executor, fileId: string, issues: readonly NewIssue[]): Promise<void> {
  if (issues.length === 0) return;
  await sql`insert into data_quality_issues (file_id, row_number, column_name, value, reason)
    select ${fileId}::uuid, r, c, v, x from unnest(${issues.map((i) => i.rowNumber)}::int[], ${issues.map((i) => i.column)}::text[],
      ${issues.map((i) => i.value)}::text[], ${issues.map((i) => i.reason)}::text[]) as t(r, c, v, x)`.execute(db);
}

export async function quarantineRows(db: Executor, fileId: string, source: string, rows: readonly NewQuarantinedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`insert into quarantine (file_id, row_number, source, record_key, status)
    select ${fileId}::uuid, r, ${source}, k, 'open' from unnest(${rows.map((r) => r.rowNumber)}::int[], ${rows.map((r) => r.recordKey)}::text[]) as t(r, k)`.execute(db);
}

/** Whether `source` has quarantined rows still open: if not, an import has none to release. */
export async function hasOpenQuarantine(db: Executor, source: string): Promise<boolean> {
  const row = await db.selectFrom('quarantine').select('file_id').where('source', '=', source).where('status', '=', 'open').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Releases open quarantined rows of `source` whose record has now been stored from a later file. Returns how many. */
export async function releaseQuarantine(db: Executor, source: string, recordKeys: readonly string[], byFileId: string): Promise<number> {
  if (recordKeys.length === 0) return 0;
  const result = await sql`update quarantine set status = 'released', released_by_file_id = ${byFileId}::uuid, released_at = now()
    where source = ${source} and status = 'open' and file_id <> ${byFileId}::uuid and record_key = any(${recordKeys}::text[])`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface QuarantinedRow {
  readonly fileName: string;
  readonly rowNumber: number;
  readonly recordKey: string | null;
  readonly status: 'open' | 'released';
  readonly header: readonly string[];
  readonly values: readonly string[];
  readonly issues: readonly { column: string | null; value: string | null; reason: string }[];
}

/** The quarantined rows of one import file, with their original cells and every problem found in them. */
export async function quarantinedRows(db: Executor, fileId: string): Promise<QuarantinedRow[]> {
  const rows = await db
    .selectFrom('quarantine as q')
    .innerJoin('raw_rows as r', (j) => j.onRef('r.file_id', '=', 'q.file_id').onRef('r.row_number', '=', 'q.row_number'))
    .innerJoin('import_files as f', 'f.id', 'q.file_id')
    .select(['f.file_name', 'f.header', 'q.row_number', 'q.record_key', 'q.status', 'r.raw_values'])
    .where('q.file_id', '=', fileId)
    .orderBy('q.row_number')
    .execute();
  const issues = await db
    .selectFrom('data_quality_issues')
    .select(['row_number', 'column_name', 'value', 'reason'])
    .where('file_id', '=', fileId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    fileName: r.file_name,
    rowNumber: r.row_number,
    recordKey: r.record_key,
    status: r.status,
    header: JSON.parse(r.header) as string[],
    values: JSON.parse(r.raw_values) as string[],
    issues: issues.filter((i) => i.row_number === r.row_number).map((i) => ({ column: i.column_name, value: i.value, reason: i.reason })),
  }));
}
