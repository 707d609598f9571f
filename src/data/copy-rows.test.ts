import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CopyLines, copyRows, CopyRowsError, type CopyValue } from './copy-rows.ts';
import type { DatabaseHandle } from './database.ts';
import { insertRawRows } from './repositories/raw-rows.ts';
import { testDatabases, truncateAll } from './testing/test-databases.ts';
import { timeOrderedId } from './time-ordered-id.ts';
import { importFileRow } from './testing/import-file-row.ts';

describe('CopyLines', () => {
  const text = (lines: CopyLines) => new TextDecoder().decode(lines.bytes());
  const copyText = (rows: Iterable<readonly CopyValue[]>) => text(CopyLines.of(rows));

  it('separates columns with tabs, ends rows with newlines, writes NULL as \\N', () => {
    expect(copyText([['a', 1, null], ['b', 2.5, '']])).toBe('a\t1\t\\N\nb\t2.5\t\n');
  });

  it('escapes backslash, tab, newline and carriage return, so a value cannot end its column or row', () => {
    expect(copyText([['a\tb', 'c\nd', 'e\rf', 'g\\h', '\\N']])).toBe('a\\tb\tc\\nd\te\\rf\tg\\\\h\t\\\\N\n');
  });

  it('is empty for no rows', () => {
    expect(copyText([])).toBe('');
  });

  it('encodes each row as UTF-8 as it is added, characters outside ASCII and surrogate pairs included', () => {
    const lines = new CopyLines();
    lines.add(['Zoë “quoted”', 1]);
    lines.add(['😀 emoji', null]);
    expect(lines.rows).toBe(2);
    expect(text(lines)).toBe('Zoë “quoted”\t1\n😀 emoji\t\\N\n');
    expect(lines.bytes().byteLength).toBe(Buffer.byteLength(text(lines)));
  });

  it('grows past its first 64 KB without losing or reordering a byte', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => [`row ${i} ${'é'.repeat(i % 40)}`, i] as const);
    const lines = CopyLines.of(rows);
    expect(lines.bytes().byteLength).toBeGreaterThan(64 * 1024);
    expect(text(lines)).toBe(rows.map(([t, i]) => `${t}\t${i}\n`).join(''));
    expect(text(lines).split('\n').slice(0, -1)).toEqual(rows.map(([t, i]) => `${t}\t${i}`));
  });

  it('is empty until a row is added', () => {
    expect(new CopyLines().bytes().byteLength).toBe(0);
    expect(new CopyLines().rows).toBe(0);
  });
});

describe.each(testDatabases())('copyRows on $name', ({ open }) => {
  let h: DatabaseHandle;
  const fileId = timeOrderedId();
  beforeAll(async () => {
    h = await open();
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    await truncateAll(h);
    await h.db.insertInto('import_files').values(importFileRow(fileId, 0)).execute();
  });

  const awkward = ['tab\there', 'new\nline', 'carriage\rreturn', 'back\\slash', '\\N', '', 'Zoë “quoted”, comma', '=1+1'];

  it('stores every value exactly as given, awkward characters and all, and NULL apart from the text \\N', async () => {
    await insertRawRows(
      h.db,
      fileId,
      awkward.map((value, i) => ({ rowNumber: i + 2, recordKey: i === 0 ? null : value, values: [value, value], outcome: 'stored' as const })),
    );
    const rows = await h.db.selectFrom('raw_rows').select(['row_number', 'record_key', 'raw_values']).orderBy('row_number').execute();
    expect(rows.map((r) => r.record_key)).toEqual([null, ...awkward.slice(1)]);
    expect(rows.map((r) => JSON.parse(r.raw_values) as string[])).toEqual(awkward.map((v) => [v, v]));
  });

  it('runs inside the transaction it is given: rolled back with it', async () => {
    await expect(
      h.db.transaction().execute(async (trx) => {
        await copyRows(trx, 'raw_rows', ['file_id', 'row_number', 'raw_values', 'outcome'], [[fileId, 2, '[]', 'stored']]);
        expect((await trx.selectFrom('raw_rows').select('row_number').execute()).length).toBe(1);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await h.db.selectFrom('raw_rows').selectAll().execute()).toEqual([]);
  });

  it('fails the statement on a bad row (a repeated key) and leaves the connection usable', async () => {
    const row = [fileId, 2, '[]', 'stored'] as const;
    await expect(copyRows(h.db, 'raw_rows', ['file_id', 'row_number', 'raw_values', 'outcome'], [row, row])).rejects.toThrow(/duplicate key/);
    expect(await h.db.selectFrom('raw_rows').selectAll().execute()).toEqual([]);
    expect((await sql<{ one: number }>`select 1 as one`.execute(h.db)).rows).toEqual([{ one: 1 }]);
  });

  it('refuses a table or column name that is not a plain identifier', async () => {
    await expect(copyRows(h.db, 'raw_rows; drop table events', ['file_id'], [[fileId]])).rejects.toThrow(CopyRowsError);
    await expect(copyRows(h.db, 'raw_rows', ['file_id', 'Row Number'], [[fileId, 2]])).rejects.toThrow(/"Row Number" is not a plain/);
  });
});
