import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database.ts';
import { testDatabases } from '../testing/test-databases.ts';
import { importFileRow } from '../testing/import-file-row.ts';
import { insertImportFile } from './import-files.ts';
import { importsFingerprint } from './programme-version.ts';

describe.each(testDatabases())('the imports’ fingerprint on $name', ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(() => handle.close());

  const fingerprint = async () => (await sql<{ v: string }>`select ${importsFingerprint} as v`.execute(handle.db)).rows[0]!.v;
  const file = () => importFileRow(randomUUID());

  it('stays the same while nothing is imported, and moves on with every import file written or changed', async () => {
    const before = await fingerprint();
    expect(await fingerprint()).toBe(before);
    const first = file();
    await insertImportFile(handle.db, first);
    const afterInsert = await fingerprint();
    expect(afterInsert).not.toBe(before);
    await handle.db.updateTable('import_files').set({ row_count: 1 }).where('id', '=', first.id).execute();
    expect(await fingerprint()).not.toBe(afterInsert);
  });

  it('does not move for an import that rolled back, and moves for one that committed', async () => {
    const before = await fingerprint();
    await expect(handle.db.transaction().execute(async (trx) => {
      await insertImportFile(trx, file());
      throw new Error('killed');
    })).rejects.toThrow('killed');
    expect(await fingerprint()).toBe(before);
    await handle.db.transaction().execute((trx) => insertImportFile(trx, file()));
    expect(await fingerprint()).not.toBe(before);
  });
});
