/**
 * Reads for getting quarantined rows back out for correction: which files hold quarantined rows (with
 * how many are still open), and one file's open rows, page by page, with their cells as received and
 * every problem found in them. Read-only: quarantining and releasing happen in the import.
 */
import type { Executor } from './executor.ts';

export interface QuarantineFileCounts {
  readonly fileId: string;
  readonly source: string;
  readonly fileName: string;
  /** The file's header row as read: the raw values line up with it. */
  readonly header: readonly string[];
  readonly importedAt: Date;
  readonly open: number;
  readonly released: number;
}

/** Files with quarantined rows, newest first; only `fileId`'s or `source`'s when given. */
export async function quarantineFileCounts(db: Executor, filter: { fileId?: string; source?: string } = {}): Promise<QuarantineFileCounts[]> {
  let query = db
    .selectFrom('quarantine as q')
    .innerJoin('import_files as f', 'f.id', 'q.file_id')
    .select((eb) => [
      'f.id',
      'f.source',
      'f.file_name',
      'f.header',
      'f.started_at',
      eb.fn.count<string>('q.row_number').filterWhere('q.status', '=', 'open').as('open'),
      eb.fn.count<string>('q.row_number').filterWhere('q.status', '=', 'released').as('released'),
    ])
    .groupBy(['f.id', 'f.source', 'f.file_name', 'f.header', 'f.started_at'])
    .orderBy('f.started_at', 'desc')
    .orderBy('f.id');
  if (filter.fileId !== undefined) query = query.where('f.id', '=', filter.fileId);
  if (filter.source !== undefined) query = query.where('f.source', '=', filter.source);
  const rows = await query.execute();
  return rows.map((r) => ({
    fileId: r.id,
    source: r.source,
    fileName: r.file_name,
    header: JSON.parse(r.header) as string[],
    importedAt: r.started_at,
    open: Number(r.open),
    released: Number(r.released),
  }));
}

export interface OpenQuarantinedRow {
  readonly rowNumber: number;
  readonly recordKey: string | null;
  /** The cells as text, in the file's header order (more cells than the header when the row had them). */
  readonly values: readonly string[];
  readonly issues: ReadonlyArray<{ readonly column: string | null; readonly value: string | null; readonly reason: string }>;
}

/** Up to `limit` of a file's still-quarantined rows after row `afterRow`, in row order. */
export async function openQuarantinedRows(db: Executor, fileId: string, afterRow: number, limit: number): Promise<OpenQuarantinedRow[]> {
  const rows = await db
    .selectFrom('quarantine as q')
    .innerJoin('raw_rows as r', (j) => j.onRef('r.file_id', '=', 'q.file_id').onRef('r.row_number', '=', 'q.row_number'))
    .select(['q.row_number', 'q.record_key', 'r.raw_values'])
    .where('q.file_id', '=', fileId)
    .where('q.status', '=', 'open')
    .where('q.row_number', '>', afterRow)
    .orderBy('q.row_number')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const issues = await db
    .selectFrom('data_quality_issues')
    .select(['row_number', 'column_name', 'value', 'reason'])
    .where('file_id', '=', fileId)
    .where('row_number', '>=', rows[0]!.row_number)
    .where('row_number', '<=', rows.at(-1)!.row_number)
    .orderBy('id')
    .execute();
  const byRow = new Map<number, Array<{ column: string | null; value: string | null; reason: string }>>();
  for (const i of issues) {
    const list = byRow.get(i.row_number) ?? [];
    list.push({ column: i.column_name, value: i.value, reason: i.reason });
    byRow.set(i.row_number, list);
  }
  return rows.map((r) => ({ rowNumber: r.row_number, recordKey: r.record_key, values: JSON.parse(r.raw_values) as string[], issues: byRow.get(r.row_number) ?? [] }));
}
