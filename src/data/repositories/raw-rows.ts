/** Raw rows: every data row of every imported file, exactly as read, with whether it was stored or quarantined. */
import { CopyLines, copyLines, type CopyValue } from '../copy-rows.ts';
import type { Executor } from './executor.ts';

export interface NewRawRow {
  readonly rowNumber: number;
  readonly recordKey: string | null;
  /** The cells as text, in header order. */
  readonly values: readonly string[];
  readonly outcome: 'stored' | 'quarantined';
}

/**
 * Loaded with COPY (see `copy-rows.ts`), each row's cells as the JSON text stored in `raw_values`.
 * 50,000 rows: PostgreSQL's CPU 0.28–0.38 s against 0.36–0.42 s as one `jsonb_to_recordset` document;
 * on PGlite 0.7–0.84 s against 1.3–1.9 s.
 */
export async function insertRawRows(db: Executor, fileId: string, rows: readonly NewRawRow[]): Promise<void> {
  await copyRawRowLines(db, CopyLines.of(rows.map((r) => rawRowCopyRow(fileId, r))));
}

/** One raw row's values for {@link copyRawRowLines}, in its columns' order: added as the row is read. */
export function rawRowCopyRow(fileId: string, r: NewRawRow): CopyValue[] {
  return [fileId, r.rowNumber, r.recordKey, JSON.stringify(r.values), r.outcome];
}

/** Inserts the raw rows added to `lines` ({@link rawRowCopyRow} each), as {@link insertRawRows} does. */
export async function copyRawRowLines(db: Executor, lines: CopyLines): Promise<void> {
  await copyLines(db, 'raw_rows', ['file_id', 'row_number', 'record_key', 'raw_values', 'outcome'], lines);
}

export async function countRawRows(db: Executor, fileId: string): Promise<{ stored: number; quarantined: number }> {
  const rows = await db
    .selectFrom('raw_rows')
    .select(['outcome', (eb) => eb.fn.countAll<string>().as('n')])
    .where('file_id', '=', fileId)
    .groupBy('outcome')
    .execute();
  const get = (o: string) => Number(rows.find((r) => r.outcome === o)?.n ?? 0);
  return { stored: get('stored'), quarantined: get('quarantined') };
}
