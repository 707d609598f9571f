/**
 * Who saw quarantined rows. A quarantined row is an agency's row exactly as received (names, dates of
 * birth, addresses) that failed validation, so it belongs to no family yet and the family access log
 * (migration 0100) cannot hold it. Every listing of a file's quarantined rows and every export of them
 * is recorded here: who, in what role, which file, what they did, when. Only ids go in.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table quarantine_access_log (
    id bigint generated always as identity primary key,
    user_id text not null,
    role text not null,
    import_file_id uuid not null references import_files (id),
    action text not null,
    at timestamptz not null
  )`.execute(db);
  await sql`create index quarantine_access_log_at on quarantine_access_log (at)`.execute(db);
  await sql`create index quarantine_access_log_file on quarantine_access_log (import_file_id, at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table quarantine_access_log`.execute(db);
}
