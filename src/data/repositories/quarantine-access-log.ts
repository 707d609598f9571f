/**
 * Who listed or exported quarantined rows (migration 0360): rows as received, with the personal data
 * they carry, that belong to no family yet. Only ids go in, never the rows' values.
 */
import type { Executor } from './executor.ts';

export interface QuarantineAccess {
  readonly userId: string;
  readonly role: string;
  readonly importFileId: string;
  readonly action: string;
  readonly at: Date;
}

/** A record joined to the file it is about, for the access log page. */
export interface QuarantineAccessRecord extends QuarantineAccess {
  readonly fileName: string;
  readonly source: string;
}

export async function insertQuarantineAccess(db: Executor, records: readonly QuarantineAccess[]): Promise<void> {
  if (records.length === 0) return;
  await db
    .insertInto('quarantine_access_log')
    .values(records.map((r) => ({ user_id: r.userId, role: r.role, import_file_id: r.importFileId, action: r.action, at: r.at })))
    .execute();
}

/** Newest first. */
export async function listQuarantineAccess(db: Executor, limit: number): Promise<QuarantineAccessRecord[]> {
  const rows = await db
    .selectFrom('quarantine_access_log as a')
    .innerJoin('import_files as f', 'f.id', 'a.import_file_id')
    .select(['a.user_id', 'a.role', 'a.import_file_id', 'a.action', 'a.at', 'f.file_name', 'f.source'])
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ userId: r.user_id, role: r.role, importFileId: r.import_file_id, action: r.action, at: r.at, fileName: r.file_name, source: r.source }));
}
