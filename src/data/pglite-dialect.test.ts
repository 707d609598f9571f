/**
 * The PGlite dialect, whose database runs on a thread of its own: one query or transaction at a time,
 * rollback, COPY, prepared statements, values and PostgreSQL errors as PGlite gives them on this
 * thread, a thread that dies failing every query with a typed error, and a process that exits once
 * its database is closed (or even when it is not).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { messages, PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyRows, type CopyQuery } from './copy-rows.ts';
import { PGliteDialect, PGliteThreadError } from './pglite-dialect.ts';
import { dataDirectorySettings } from './pglite-worker.ts';
import { prepared, PreparedQueryError } from './prepared-query.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/** The error `promise` rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('PGlite dialect on its own thread', () => {
  let db: Kysely<unknown>;
  beforeAll(async () => {
    db = new Kysely<unknown>({ dialect: new PGliteDialect() });
    await sql`create table t (n int primary key, note text)`.execute(db);
    await sql`create table child (n int references t (n))`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('runs concurrent queries one at a time, in the order they were asked', async () => {
    await sql`truncate t cascade`.execute(db);
    const counts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sql<{ before: number }>`insert into t (n) values (${i}) returning (select count(*)::int from t) as before`.execute(db)),
    );
    expect(counts.map((r) => r.rows[0]!.before)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it("keeps a transaction's statements together: a query asked during it runs after the commit", async () => {
    await sql`truncate t cascade`.execute(db);
    let outside: Promise<number> | undefined;
    await db.transaction().execute(async (trx) => {
      await sql`insert into t (n) values (1)`.execute(trx);
      outside = sql<{ n: number }>`select count(*)::int as n from t`.execute(db).then((r) => r.rows[0]!.n);
      await new Promise((resolve) => setTimeout(resolve, 30));
      await sql`insert into t (n) values (2)`.execute(trx);
    });
    expect(await outside).toBe(2);
  });

  it('rolls back a failed transaction, and the connection serves the next query', async () => {
    await sql`truncate t cascade`.execute(db);
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`insert into t (n) values (1)`.execute(trx);
        await sql`insert into t (n) values (1)`.execute(trx);
      }),
    ).rejects.toThrow(/duplicate key/);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from t`.execute(db);
    expect(rows[0]!.n).toBe(0);
  });

  it('loads COPY text through the thread, escapes and NULLs included', async () => {
    await sql`truncate t cascade`.execute(db);
    await copyRows(db as never, 't', ['n', 'note'], [[1, 'tab\there'], [2, 'new\nline \\ back'], [3, null]]);
    const { rows } = await sql<{ n: number; note: string | null }>`select n, note from t order by n`.execute(db);
    expect(rows).toEqual([{ n: 1, note: 'tab\there' }, { n: 2, note: 'new\nline \\ back' }, { n: 3, note: null }]);
  });

  it("sends COPY bytes without taking the caller's buffer from it", async () => {
    await sql`truncate t cascade`.execute(db);
    const text = 'spare\n1\tone\n2\ttwo\n';
    const buffer = Buffer.alloc(16 * 1024); // a buffer of its own (not Node's pool) with room to spare, as CopyLines grows one
    buffer.write(text);
    const copyData = buffer.subarray('spare\n'.length, text.length);
    const query: CopyQuery = { ...CompiledQuery.raw('copy t (n, note) from stdin'), copyInto: 't (n, note)', copyData };
    await db.executeQuery(query);
    expect(buffer.byteLength).toBe(16 * 1024);
    expect(buffer.subarray(0, text.length).toString()).toBe(text);
    const { rows } = await sql<{ n: number; note: string }>`select n, note from t order by n`.execute(db);
    expect(rows).toEqual([{ n: 1, note: 'one' }, { n: 2, note: 'two' }]);
  });

  it('reports rows affected', async () => {
    await sql`truncate t cascade`.execute(db);
    await sql`insert into t (n) values (1), (2), (3)`.execute(db);
    const result = await db.executeQuery(CompiledQuery.raw('update t set note = $1 where n > 1', ['x']));
    expect(result.numAffectedRows).toBe(2n);
  });

  it('prepares a statement once per database, then executes it; refuses the name with another text', async () => {
    await sql`truncate t cascade`.execute(db);
    await sql`insert into t (n, note) values (1, 'it''s')`.execute(db);
    const query = (n: number) => prepared<{ note: string }>('dialect_test_note', CompiledQuery.raw('select note from t where n = $1', [n]));
    expect((await db.executeQuery(query(1))).rows).toEqual([{ note: "it's" }]);
    expect((await db.executeQuery(query(2))).rows).toEqual([]);
    const statements = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements where name = 'dialect_test_note'`.execute(db);
    expect(statements.rows[0]!.n).toBe(1);
    await expect(db.executeQuery(prepared('dialect_test_note', CompiledQuery.raw('select n from t where n = $1', [1])))).rejects.toBeInstanceOf(PreparedQueryError);
  });

  it('gives PostgreSQL errors with their fields, as PGlite on this thread does', async () => {
    await sql`truncate t cascade`.execute(db);
    await sql`insert into t (n) values (1)`.execute(db);
    const duplicate = await rejection(sql`insert into t (n) values (1)`.execute(db));
    expect(duplicate).toBeInstanceOf(messages.DatabaseError);
    expect(duplicate).toMatchObject({
      code: '23505',
      constraint: 't_pkey',
      table: 't',
      schema: 'public',
      severity: 'ERROR',
      detail: 'Key (n)=(1) already exists.',
      message: 'duplicate key value violates unique constraint "t_pkey"',
    });
    expect(await rejection(sql`insert into child (n) values (99)`.execute(db))).toMatchObject({ code: '23503', constraint: 'child_n_fkey' });
    expect(await rejection(sql`select nonsense from t`.execute(db))).toMatchObject({ code: '42703', position: '8' });
  });

  it('returns values as PGlite on this thread does (with DATE as YYYY-MM-DD text)', async () => {
    const select = `select 1::int8 as i8, 2::int4 as i4, 1.5::numeric as num, timestamptz '2026-03-14 09:26:53.589+00' as ts,
      date '2019-03-14' as d, '{"a":[1,{"b":null}]}'::jsonb as j, '\\xdeadbeef'::bytea as bytes, array[1, 2] as arr, null::text as nothing, true as yes`;
    const local = new PGlite({ parsers: { 1082: (v: string) => v } });
    try {
      const expected = (await local.query(select)).rows;
      const { rows } = await sql.raw(select).execute(db);
      expect(rows).toEqual(expected);
      expect((rows[0] as { d: unknown }).d).toBe('2019-03-14');
      expect((rows[0] as { ts: unknown }).ts).toBeInstanceOf(Date);
      expect((rows[0] as { bytes: unknown }).bytes).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    } finally {
      await local.close();
    }
  });
});

describe('a PGlite thread that dies', () => {
  it('fails the waiting query and every later one with PGliteThreadError, and still closes', async () => {
    let worker: Worker | undefined;
    const db = new Kysely<unknown>({ dialect: new PGliteDialect({ onThreadStart: (w) => (worker = w) }) });
    await sql`select 1`.execute(db);
    const waiting = sql`select count(*) from generate_series(1, 200000000)`.execute(db);
    const queued = sql`select 2`.execute(db);
    await worker!.terminate(); // as a crash or running out of memory would end it
    const error = await rejection(waiting);
    expect(error).toBeInstanceOf(PGliteThreadError);
    expect(error.message).toMatch(/PGlite database thread stopped/);
    expect(await rejection(queued)).toBeInstanceOf(PGliteThreadError);
    expect(await rejection(sql`select 3`.execute(db))).toBeInstanceOf(PGliteThreadError);
    await db.destroy();
  });

  it('reports a database that cannot be opened, and ends the thread', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fo-pglite-dialect-'));
    try {
      const file = path.join(dir, 'not-a-directory');
      await writeFile(file, 'x');
      let worker: Worker | undefined;
      const db = new Kysely<unknown>({ dialect: new PGliteDialect({ dataDir: file, onThreadStart: (w) => (worker = w) }) });
      const error = await rejection(sql`select 1`.execute(db));
      expect(error).not.toBeInstanceOf(PGliteThreadError);
      expect(worker!.threadId).toBe(-1); // ended: a Worker's threadId is -1 once it has exited
      await db.destroy();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a PGlite database in a data directory', () => {
  it('runs with the settings chosen for it (a large import), and keeps its data across a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fo-pglite-settings-'));
    try {
      const open = () => new Kysely<unknown>({ dialect: new PGliteDialect({ dataDir: path.join(dir, 'db') }) });
      const first = open();
      const shown: string[] = [];
      for (const name of ['shared_buffers', 'max_wal_size', 'full_page_writes', 'wal_init_zero']) {
        const { rows } = await sql<Record<string, string>>`select current_setting(${name}) as value`.execute(first);
        shown.push(`${name}=${rows[0]!['value']}`);
      }
      expect(shown).toEqual([...dataDirectorySettings]);
      await sql`create table kept (n int)`.execute(first);
      await sql`insert into kept values (7)`.execute(first);
      await first.destroy();
      const second = open();
      expect((await sql<{ n: number }>`select n from kept`.execute(second)).rows).toEqual([{ n: 7 }]);
      await second.destroy();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a process with a PGlite database', () => {
  const script = (close: boolean) => `
    import { Kysely, sql } from 'kysely';
    import { PGliteDialect } from ${JSON.stringify(path.join(root, 'src/data/pglite-dialect.ts'))};
    const db = new Kysely({ dialect: new PGliteDialect() });
    const { rows } = await sql\`select 40 + 2 as answer\`.execute(db);
    console.log(rows[0].answer);
    ${close ? 'await db.destroy(); console.log("closed");' : ''}
  `;
  const node = (source: string) =>
    run(process.execPath, ['--import', path.join(root, 'bin/register-typescript.mjs'), '--input-type=module', '--eval', source], { cwd: root, timeout: 60_000 });

  it('exits once the database is closed', async () => {
    const { stdout } = await node(script(true));
    expect(stdout.trim().split('\n')).toEqual(['42', 'closed']);
  }, 90_000);

  it('exits even when the database is left open (the idle thread does not hold it)', async () => {
    const { stdout } = await node(script(false));
    expect(stdout.trim()).toBe('42');
  }, 90_000);
});
