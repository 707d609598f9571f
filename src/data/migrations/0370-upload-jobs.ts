/**
 * Extracts uploaded on the Data page, imported in the background. The web request that receives a file
 * only checks it (kind of extract, encoding, header row) and queues it here; the process that received
 * it imports it and records how that ended, so the person who uploaded it can leave the page and come
 * back. Only what the job page needs goes in: the file's cleaned name and size, the import's counts (its
 * row problems stay with the import's own records, where reading them is logged), and the reason a file
 * was refused or failed, and how far a running import has read (for pages served by another web
 * process). No row values.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table upload_jobs (
    id uuid primary key,
    source text not null,
    encoding text not null,
    file_name text not null,
    bytes bigint not null,
    status text not null check (status in ('queued', 'running', 'imported', 'refused', 'failed')),
    requested_by text not null,
    requested_at timestamptz not null,
    started_at timestamptz,
    finished_at timestamptz,
    bytes_read bigint,
    rows_read integer,
    import_file_id uuid references import_files (id),
    summary jsonb,
    problem text
  )`.execute(db);
  await sql`create index upload_jobs_requested_at on upload_jobs (requested_at)`.execute(db);
  await sql`create index upload_jobs_unfinished on upload_jobs (status) where status in ('queued', 'running')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table upload_jobs`.execute(db);
}
