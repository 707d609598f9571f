/** Import files: one row per extract file imported, with its hash and row counts. */
import { sql } from 'kysely';
import type { Executor } from './executor.ts';
import type { ImportFile, NewImportFile } from '../schema.ts';

export async function findImportFile(db: Executor, source: string, sha256: string): Promise<ImportFile | undefined> {
  return db.selectFrom('import_files').selectAll().where('source', '=', source).where('sha256', '=', sha256).executeTakeFirst();
}

export async function insertImportFile(db: Executor, file: NewImportFile): Promise<void> {
  await db.insertInto('import_files').values(file).execute();
}

export async function listImportFiles(db: Executor): Promise<ImportFile[]> {
  return db.selectFrom('import_files').selectAll().orderBy('started_at').execute();
}

/** Any number fixed for this use: the advisory lock that imports take for their whole transaction. */
const importLockKey = 4_774_260_501;

/**
 * Waits until no other import is running, then holds the lock until the caller's transaction ends.
 * Imports read what is stored (people, households, event hashes) and write on that basis.
 */
export async function lockImports(db: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(${importLockKey}::bigint)`.execute(db);
}
