/** Import files: one row per extract file imported, with its hash and row counts. */
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
