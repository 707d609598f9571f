import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.ts';
import { createMigrator } from './migrate.ts';
import { testDatabases } from './testing/test-databases.ts';

describe.each(testDatabases())('database on $name', ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('applies every migration and creates the data platform tables', async () => {
    const migrations = await createMigrator(handle.db as never).getMigrations();
    expect(migrations.every((m) => m.executedAt !== undefined)).toBe(true);
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema()`.execute(handle.db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['people', 'households', 'events', 'raw_rows', 'quarantine', 'match_reviews']));
  });

  it('returns dates as YYYY-MM-DD strings', async () => {
    const result = await sql<{ d: unknown }>`select date '2019-03-14' as d`.execute(handle.db);
    expect(result.rows[0]?.d).toBe('2019-03-14');
  });

  it('rolls back a failed transaction completely', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`insert into households (id, address, postcode, address_key) values (gen_random_uuid(), 'x', 'LE1 5AB', 'x|LE1 5AB')`.execute(trx);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const count = await handle.db.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
