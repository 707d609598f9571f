/**
 * The databases every database test runs on: embedded PGlite (in memory) always, and a PostgreSQL
 * server as well when `TEST_DATABASE_URL` is set (`.ci/run` starts one with scripts/test-postgres.sh).
 * Each call to `open()` gives a fresh, migrated database of its own: on the server a new database
 * is created and dropped again on close, so test files never see each other's data.
 *
 *   describe.each(testDatabases())('imports on $name', ({ open }) => { … });
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '../database.ts';

export interface TestDatabase {
  readonly name: 'pglite' | 'postgres';
  open(): Promise<DatabaseHandle>;
}

export function testDatabases(env: Record<string, string | undefined> = process.env): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: () => createDatabase({ kind: 'pglite-memory' }) }];
  const serverUrl = env['TEST_DATABASE_URL'];
  if (serverUrl) list.push({ name: 'postgres', open: () => openServerDatabase(serverUrl) });
  return list;
}

/** A new, migrated database of its own on the server at `serverUrl`, dropped on close; `url` is its address. */
export async function openServerDatabase(serverUrl: string): Promise<DatabaseHandle & { url: string }> {
  const name = `fo_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await createDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...handle,
    url: url.toString(),
    close: async () => {
      await handle.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Empties the data platform's tables (and, by cascade, any table that refers to them) between tests. */
export async function truncateAll(handle: DatabaseHandle): Promise<void> {
  await sql`truncate import_files, raw_rows, people, person_identifiers, households, household_members, events, event_history,
    data_quality_issues, quarantine, match_reviews cascade`.execute(handle.db);
}
