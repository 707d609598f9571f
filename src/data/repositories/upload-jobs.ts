/**
 * Extracts uploaded on the Data page and imported in the background (table `upload_jobs`, migration
 * 0370). A job is `queued` when the upload is received, `running` while it is imported, and ends
 * `imported`, `refused` (the file's own fault, with the reason) or `failed` (anything else).
 */
import type { Selectable } from 'kysely';
import type { ImportCounts, UploadJobsTable, UploadJobStatus } from '../schema.ts';
import type { Executor } from './executor.ts';

export interface UploadJob {
  readonly id: string;
  readonly source: string;
  readonly encoding: string;
  /** The name the person's computer gave the file, cleaned. */
  readonly fileName: string;
  readonly bytes: number;
  readonly status: UploadJobStatus;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** How far a running import had read when the process importing it last wrote it down. */
  readonly read: { readonly bytes: number; readonly rows: number } | null;
  readonly importFileId: string | null;
  readonly summary: ImportCounts | null;
  readonly problem: string | null;
}

export type NewUploadJob = Pick<UploadJob, 'id' | 'source' | 'encoding' | 'fileName' | 'bytes' | 'requestedBy' | 'requestedAt'> & {
  /** The process that takes it and will import it. */
  readonly takenBy: string;
};

/** How a job ended: imported (with the import's file and counts), or refused or failed with the reason. */
export type UploadJobEnd =
  | { readonly status: 'imported'; readonly importFileId: string; readonly summary: ImportCounts }
  | { readonly status: 'refused' | 'failed'; readonly problem: string };

export async function insertUploadJob(db: Executor, job: NewUploadJob): Promise<void> {
  await db
    .insertInto('upload_jobs')
    .values({
      id: job.id,
      source: job.source,
      encoding: job.encoding,
      file_name: job.fileName,
      bytes: job.bytes,
      status: 'queued',
      requested_by: job.requestedBy,
      requested_at: job.requestedAt,
      started_at: null,
      finished_at: null,
      bytes_read: null,
      rows_read: null,
      taken_by: job.takenBy,
      import_file_id: null,
      summary: null,
      problem: null,
    })
    .execute();
}

/** Moves a queued job to running; false when it was not queued (already taken, or ended). */
export async function startUploadJob(db: Executor, id: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('upload_jobs').set({ status: 'running', started_at: at }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records how a running job ended; false when it was not running (ended already as interrupted). */
export async function finishUploadJob(db: Executor, id: string, end: UploadJobEnd, at: Date): Promise<boolean> {
  const ending =
    end.status === 'imported'
      ? { status: end.status, import_file_id: end.importFileId, summary: JSON.stringify(end.summary), finished_at: at }
      : { status: end.status, problem: end.problem, finished_at: at };
  const result = await db.updateTable('upload_jobs').set(ending).where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Writes down how far a running job's import has read. */
export async function recordUploadProgress(db: Executor, id: string, read: { bytes: number; rows: number }): Promise<void> {
  await db.updateTable('upload_jobs').set({ bytes_read: read.bytes, rows_read: read.rows }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function findUploadJob(db: Executor, id: string): Promise<UploadJob | undefined> {
  const row = await db.selectFrom('upload_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && uploadJob(row);
}

/**
 * How many uploads the process holding a queued job will import before it: those it took earlier that
 * are still queued or running. Undefined when the job is not queued (or was recorded before processes
 * were).
 */
export async function uploadJobsAhead(db: Executor, id: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('upload_jobs as job')
    .leftJoin('upload_jobs as ahead', (join) =>
      join.onRef('ahead.taken_by', '=', 'job.taken_by').onRef('ahead.queue_order', '<', 'job.queue_order').on('ahead.status', 'in', ['queued', 'running']),
    )
    .select((eb) => eb.fn.count<string | number>('ahead.id').as('ahead'))
    .where('job.id', '=', id)
    .where('job.status', '=', 'queued')
    .where('job.taken_by', 'is not', null)
    .groupBy('job.id')
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.ahead);
}

/** The latest jobs, newest first. */
export async function recentUploadJobs(db: Executor, limit: number): Promise<UploadJob[]> {
  const rows = await db.selectFrom('upload_jobs').selectAll().orderBy('requested_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(uploadJob);
}

/**
 * Ends every job still queued or running as failed with `problem`: at start-up, before any process
 * takes uploads, those were left by a process that stopped. An import is one transaction, so such a
 * job stored nothing. Returns the ids of the jobs it ended.
 */
export async function failUnfinishedUploadJobs(db: Executor, problem: string, at: Date): Promise<string[]> {
  const rows = await db.updateTable('upload_jobs').set({ status: 'failed', problem, finished_at: at }).where('status', 'in', ['queued', 'running']).returning('id').execute();
  return rows.map((r) => r.id);
}

function uploadJob(row: Selectable<UploadJobsTable>): UploadJob {
  return {
    id: row.id,
    source: row.source,
    encoding: row.encoding,
    fileName: row.file_name,
    bytes: Number(row.bytes),
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    read: row.bytes_read === null || row.rows_read === null ? null : { bytes: Number(row.bytes_read), rows: row.rows_read },
    importFileId: row.import_file_id,
    summary: row.summary,
    problem: row.problem,
  };
}
