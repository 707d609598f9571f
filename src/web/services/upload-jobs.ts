/**
 * Extracts uploaded on the Data page are imported in the background, so that nobody's browser waits
 * minutes on one request (a 200 MB extract takes a minute or more, longer than many proxies allow) and
 * reloading the page never sends the file again.
 *
 * `submit` checks the file while the person is still on the form (encoding and header row, through
 * {@link DataOverview.checkUpload}), moves it into a directory of the job's own and records the job as
 * queued; the process that received it then imports it, one upload at a time in the order received,
 * and records how it ended (table `upload_jobs`, migration 0370). While it runs, its progress (bytes and
 * rows read) is kept in this process for the pages it serves, and written to the database about once a
 * second for the pages another web process serves.
 *
 * A process that stops with uploads queued or running leaves them unfinished: at the next start,
 * before anything takes uploads, {@link UploadJobs.failInterrupted} ends them as failed. An import is
 * one transaction, so such an upload stored nothing, and the page says to upload it again.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Executor } from '../../data/repositories/executor.ts';
import { failUnfinishedUploadJobs, findUploadJob, finishUploadJob, insertUploadJob, recentUploadJobs, recordUploadProgress, startUploadJob, uploadJobsAhead, type UploadJob, type UploadJobEnd } from '../../data/repositories/upload-jobs.ts';
import type { ImportCounts } from '../../data/schema.ts';
import { actorSchema, type Actor } from '../../services/actor.ts';
import type { ImportProgress, ImportReport } from '../../services/import-service.ts';
import type { DataOverview, TextEncoding } from './data-overview.ts';
import { uploadRefusal, UploadsRefusedError, type UploadRefusal } from './upload-refusal.ts';

/** The file a form received, still where the upload put it. */
export interface ReceivedExtract {
  readonly source: string;
  readonly encoding: TextEncoding;
  /** The file's cleaned name: what the import records and the pages show. */
  readonly fileName: string;
  readonly path: string;
  readonly bytes: number;
}

/** Where failures are logged (the request's logger): ids and error names only, never file contents. */
export interface JobLog {
  error(fields: Record<string, unknown>, message: string): void;
}

/** A job as its page shows it: with its import's progress while it runs, or its place in its process's queue while it waits. */
export interface UploadJobView extends UploadJob {
  readonly progress?: ImportProgress;
  /** Uploads the process holding this queued one will import before it. */
  readonly waitingBehind?: number;
}

/** Written on jobs a stopped process left unfinished. */
export const interruptedProblem = 'Family Outcomes stopped before this upload was imported. Nothing from it was stored: upload the file again.';

export function failedProblem(jobId: string): string {
  return `The import stopped because of an error in Family Outcomes. Nothing from this file was stored. Upload it again; if this happens again, tell your administrator, quoting upload ${jobId}.`;
}

interface QueuedJob {
  readonly id: string;
  readonly extract: ReceivedExtract;
  /** The job's own directory, holding the file; removed when the job ends. */
  readonly directory: string;
  readonly log: JobLog;
}

export class UploadJobs {
  /** This process, as the jobs it takes record it: any process can then count the uploads ahead of one. */
  readonly #process = randomUUID();
  readonly #queue: QueuedJob[] = [];
  readonly #progress = new Map<string, ImportProgress>();
  #running: Promise<void> | undefined;
  #stopped = false;

  /**
   * `progressEveryMs`: how often a running import's progress is written to the database, for pages
   * served by another web process (this process shows its own from memory).
   */
  constructor(
    private readonly db: Executor,
    private readonly data: Pick<DataOverview, 'checkUpload' | 'importUpload'>,
    private readonly clock: () => Date = () => new Date(),
    private readonly progressEveryMs = 1_000,
  ) {}

  /**
   * Checks the received file (working out its kind from its header when asked to), takes it from where
   * the upload put it and queues its import.
   * @throws NotUtf8Error, SourceNotDetectedError, ExtractFileError, HeaderError, UnknownSourceError (the file is refused; nothing is queued)
   */
  async submit(extract: ReceivedExtract, actor: Actor, log: JobLog): Promise<UploadJob> {
    const requestedBy = actorSchema.parse(actor);
    const source = await this.data.checkUpload(extract.source, extract.path, extract.encoding);
    const job = await this.#enqueue({ ...extract, source }, requestedBy.userId, log);
    this.#start();
    return job;
  }

  /**
   * Several files received together (an analyst's month of extracts): every one is checked first, and
   * they are queued, in the order given, only when none is refused. Refusing them all together means a
   * person who mends one file sends the same set again, with no file imported twice by mistake and none
   * forgotten (importing a file again would change nothing, but nobody need reason about that).
   * @throws UploadsRefusedError naming each refused file with its reason (nothing is queued)
   */
  async submitAll(extracts: readonly ReceivedExtract[], actor: Actor, log: JobLog): Promise<UploadJob[]> {
    const requestedBy = actorSchema.parse(actor);
    const checked: ReceivedExtract[] = [];
    const refusals: Array<{ fileName: string; refusal: UploadRefusal }> = [];
    for (const extract of extracts) {
      try {
        checked.push({ ...extract, source: await this.data.checkUpload(extract.source, extract.path, extract.encoding) });
      } catch (error) {
        const refusal = uploadRefusal(error, extract.fileName, extract.source);
        if (!refusal) throw error;
        refusals.push({ fileName: extract.fileName, refusal });
      }
    }
    if (refusals.length > 0) throw new UploadsRefusedError(refusals);
    // Every job is recorded before the first import starts: an import holds its transaction open, and on
    // embedded PGlite (one connection) recording the next job would wait for the whole import.
    const jobs: UploadJob[] = [];
    try {
      for (const extract of checked) jobs.push(await this.#enqueue(extract, requestedBy.userId, log));
    } finally {
      this.#start();
    }
    return jobs;
  }

  /** Takes a checked file from where the upload put it into a directory of its job's own, records the job and queues it (without starting the queue). */
  async #enqueue(extract: ReceivedExtract, requestedBy: string, log: JobLog): Promise<UploadJob> {
    const id = randomUUID();
    const directory = jobDirectory(id);
    await mkdir(directory, { mode: 0o700 });
    const job = { id, source: extract.source, encoding: extract.encoding, fileName: extract.fileName, bytes: extract.bytes, requestedBy, requestedAt: this.clock() };
    try {
      const file = path.join(directory, extract.fileName);
      await rename(extract.path, file);
      await insertUploadJob(this.db, { ...job, takenBy: this.#process });
      this.#queue.push({ id: job.id, extract: { ...extract, path: file }, directory, log });
    } catch (error) {
      await rm(directory, { recursive: true, force: true });
      throw error;
    }
    return { ...job, status: 'queued', startedAt: null, finishedAt: null, read: null, importFileId: null, summary: null, problem: null };
  }

  /** The job, with its import's progress while it runs, or the number of uploads before it while it waits (whichever process holds it). */
  async job(id: string): Promise<UploadJobView | undefined> {
    const job = await findUploadJob(this.db, id);
    if (!job) return undefined;
    const ahead = job.status === 'queued' ? await uploadJobsAhead(this.db, id) : undefined;
    return { ...this.#view(job), ...(ahead !== undefined && { waitingBehind: ahead }) };
  }

  /** The latest uploads, newest first. */
  async recent(limit: number): Promise<UploadJobView[]> {
    return (await recentUploadJobs(this.db, limit)).map((job) => this.#view(job));
  }

  /**
   * Ends as failed the uploads a stopped process left queued or running, and removes the files they
   * left; call at start-up, before uploads are taken. Returns how many it ended.
   */
  async failInterrupted(): Promise<number> {
    const ended = await failUnfinishedUploadJobs(this.db, interruptedProblem, this.clock());
    await Promise.all(ended.map((id) => rm(jobDirectory(id), { recursive: true, force: true })));
    return ended.length;
  }

  /** Resolves when this process has nothing queued or running. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /**
   * Takes no more jobs and waits for the one running to end. Jobs still queued stay queued in the
   * database (the next start ends them as interrupted) and their files are removed.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    const left = this.#queue.splice(0);
    await Promise.all(left.map((job) => rm(job.directory, { recursive: true, force: true })));
    await this.idle();
  }

  #view(job: UploadJob): UploadJobView {
    const progress = this.#progress.get(job.id) ?? (job.read ? { bytesRead: job.read.bytes, totalBytes: job.bytes, rows: job.read.rows } : undefined);
    return progress && job.status === 'running' ? { ...job, progress } : job;
  }

  #start(): void {
    if (this.#running || this.#stopped) return;
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#queue.length > 0) this.#start();
    });
  }

  async #drain(): Promise<void> {
    for (let job = this.#queue.shift(); job && !this.#stopped; job = this.#queue.shift()) await this.#run(job);
  }

  async #run(job: QueuedJob): Promise<void> {
    try {
      if (!(await startUploadJob(this.db, job.id, this.clock()))) return;
      this.#progress.set(job.id, { bytesRead: 0, totalBytes: job.extract.bytes, rows: 0 });
      const end = await this.#import(job);
      await finishUploadJob(this.db, job.id, end, this.clock());
    } catch (error) {
      // Recording the job failed (the database went away): the next start ends it as interrupted.
      job.log.error({ uploadJob: job.id, errorName: errorName(error), errorCode: errorCode(error) }, 'upload job could not be recorded');
    } finally {
      this.#progress.delete(job.id);
      await rm(job.directory, { recursive: true, force: true });
    }
  }

  async #import(job: QueuedJob): Promise<UploadJobEnd> {
    const { source, encoding, fileName, path: file } = job.extract;
    const written = progressWriter(this.db, job.id, this.progressEveryMs);
    try {
      const report = await this.data.importUpload(source, file, encoding, (progress) => {
        this.#progress.set(job.id, progress);
        written.note(progress);
      });
      return { status: 'imported', importFileId: report.fileId, summary: summaryOf(report) };
    } catch (error) {
      const refused = uploadRefusal(error, fileName, source);
      if (refused) return { status: 'refused', problem: refused.text };
      job.log.error({ uploadJob: job.id, errorName: errorName(error), errorCode: errorCode(error), stack: error instanceof Error ? error.stack : undefined }, 'upload import failed');
      return { status: 'failed', problem: failedProblem(job.id) };
    } finally {
      await written.settled();
    }
  }
}

/** Where a job keeps its file: named by the job, so that a later start can remove what a stopped process left. */
function jobDirectory(jobId: string): string {
  return path.join(tmpdir(), `fo-import-job-${jobId}`);
}

/**
 * Writes a job's progress down at most every `everyMs`, one write at a time; a write that fails is
 * dropped (the next one, or the job's end, says more). On embedded PGlite the writes wait behind the
 * import's transaction and run as it ends: harmless, as a write only changes a job still running.
 */
function progressWriter(db: Executor, jobId: string, everyMs: number) {
  let lastAt = -Infinity;
  let writing: Promise<void> = Promise.resolve();
  return {
    note(progress: ImportProgress): void {
      const now = performance.now();
      if (now - lastAt < everyMs) return;
      lastAt = now;
      const read = { bytes: progress.bytesRead, rows: progress.rows };
      writing = writing.then(() => recordUploadProgress(db, jobId, read)).catch(() => undefined);
    },
    /** Resolves when every write begun has ended. */
    settled: (): Promise<void> => writing,
  };
}

/** The report's counts and warnings; its row problems stay with the import, where reading them is logged. */
function summaryOf(report: ImportReport): ImportCounts {
  const { file: _file, source: _source, sha256: _sha256, fileId: _fileId, issues: _issues, ...counts } = report;
  return counts;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function errorCode(error: unknown): unknown {
  return error instanceof Error && 'code' in error ? error.code : undefined;
}
