/** Raw rows: every data row of every imported file, exactly as read, with whether it was stored or quarantined. */
import { copyLine, copyLines } from '../copy-rows.ts';
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
  await copyRawRowLines(db, rows.map((r) => rawRowCopyLine(fileId, r)));
}

/** One raw row as a line of COPY text for {@link copyRawRowLines}: made as the row is read. */
export function rawRowCopyLine(fileId: string, r: NewRawRow): string {
  return copyLine([fileId, r.rowNumber, r.recordKey, JSON.stringify(r.values), r.outcome]);
}

/** Inserts raw rows given as COPY text ({@link rawRowCopyLine} each), as {@link insertRawRows} does. */
export async function copyRawRowLines(db: Executor, lines: readonly string[]): Promise<void> {
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
