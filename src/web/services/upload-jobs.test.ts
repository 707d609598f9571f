import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../data/database.ts';
import { findUploadJob, insertUploadJob, startUploadJob } from '../../data/repositories/upload-jobs.ts';
import { importFileRow } from '../../data/testing/import-file-row.ts';
import { testDatabases } from '../../data/testing/test-databases.ts';
import { ExtractFileError } from '../../imports/readers/extract-reader.ts';
import { heldFileId, HeldImports } from '../testing/held-imports.ts';
import { DataOverview, NotUtf8Error } from './data-overview.ts';
import { failedProblem, interruptedProblem, UploadJobs, type JobLog, type ReceivedExtract } from './upload-jobs.ts';
import { UploadsRefusedError } from './upload-refusal.ts';

const analyst = { userId: 'u-analyst', role: 'data-analyst' } as const;
const jobDirectories = () => readdirSync(tmpdir()).filter((d) => d.startsWith('fo-import-job-'));

/** A log that keeps what it was given, to check that failures are logged without file contents. */
function recordingLog(): JobLog & { entries: Array<{ fields: Record<string, unknown>; message: string }> } {
  const entries: Array<{ fields: Record<string, unknown>; message: string }> = [];
  return { entries, error: (fields, message) => entries.push({ fields, message }) };
}


describe.each(testDatabases())('upload jobs on $name', ({ open }) => {
  let database: DatabaseHandle;
  let dir: string;
  beforeAll(async () => {
    database = await open();
    await database.db.insertInto('import_files').values(importFileRow(heldFileId)).execute();
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fo-upload-jobs-test-'));
    await database.db.deleteFrom('upload_jobs').execute();
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A received file, as the upload hook leaves it: in a directory of the request's own. */
  async function received(name: string, content: string | Buffer, source = 'housing'): Promise<ReceivedExtract> {
    const at = path.join(dir, name);
    await writeFile(at, content);
    return { source, encoding: 'utf-8', fileName: name, path: at, bytes: Buffer.byteLength(content) };
  }

  it('imports a checked upload in the background and records its counts; the file is taken and then removed', async () => {
    const jobs = new UploadJobs(database.db, new DataOverview(database.db));
    const before = jobDirectories();
    const extract = await received('housing.csv', '');
    await copyFile('examples/extracts/housing.csv', extract.path);
    const queued = await jobs.submit(extract, analyst, recordingLog());
    expect(queued.status).toBe('queued');
    expect(existsSync(extract.path)).toBe(false);
    await jobs.idle();
    const done = await jobs.job(queued.id);
    expect(done).toMatchObject({ status: 'imported', fileName: 'housing.csv', source: 'housing', requestedBy: 'u-analyst', problem: null });
    expect(done!.summary).toMatchObject({ alreadyImported: false, quarantined: 0, issueCount: 0 });
    expect(done!.summary!.rows).toBeGreaterThan(0);
    expect(done!.summary!.stored).toBe(done!.summary!.rows);
    expect(done!.startedAt).not.toBeNull();
    expect(done!.finishedAt!.getTime()).toBeGreaterThanOrEqual(done!.startedAt!.getTime());
    const file = await database.db.selectFrom('import_files').select(['id', 'file_name']).where('id', '=', done!.importFileId!).executeTakeFirst();
    expect(file?.file_name).toBe('housing.csv');
    expect(jobDirectories().filter((d) => !before.includes(d))).toEqual([]);
  });

  it('refuses a file at once when its check fails: nothing is queued and the file stays where it was', async () => {
    const jobs = new UploadJobs(database.db, new DataOverview(database.db));
    const extract = await received('latin.csv', Buffer.from('record_id,forename\nH-1,Zo\xeb\n', 'latin1'));
    await expect(jobs.submit(extract, analyst, recordingLog())).rejects.toBeInstanceOf(NotUtf8Error);
    expect(existsSync(extract.path)).toBe(true);
    expect(await jobs.recent(10)).toEqual([]);
  });

  it('queues several files in the order given only once every one has passed its check; a refusal names each refused file', async () => {
    const jobs = new UploadJobs(database.db, new DataOverview(database.db));
    const [header] = (await readFile('examples/extracts/housing.csv', 'utf8')).split('\n');
    const good = await received('good.csv', `${header}\n`);
    const latin = await received('latin.csv', Buffer.from('record_id,forename\nH-1,Zo\xeb\n', 'latin1'));
    const wrongKind = await received('asb.csv', await readFile('examples/extracts/police-asb.csv'));
    const refused = await jobs.submitAll([good, latin, wrongKind], analyst, recordingLog()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UploadsRefusedError);
    const refusals = (refused as UploadsRefusedError).refusals;
    expect(refusals.map((r) => [r.fileName, r.refusal.field])).toEqual([
      ['latin.csv', 'file'],
      ['asb.csv', 'file'],
    ]);
    expect(refusals[0]!.refusal.text).toMatch(/^latin\.csv is not UTF-8 text/);
    expect(refusals[1]!.refusal.text).toMatch(/^The header row of asb\.csv is missing the columns? .* for a housing extract\./);
    expect(await jobs.recent(10)).toEqual([]);
    expect([good, latin, wrongKind].map((e) => existsSync(e.path))).toEqual([true, true, true]);

    const asb = await received('asb-too.csv', await readFile('examples/extracts/police-asb.csv'), 'from-header');
    const queued = await jobs.submitAll([good, asb], analyst, recordingLog());
    expect(queued.map((j) => [j.fileName, j.source, j.status])).toEqual([
      ['good.csv', 'housing', 'queued'],
      ['asb-too.csv', 'police-asb', 'queued'],
    ]);
    await jobs.idle();
    const done = await Promise.all(queued.map((j) => jobs.job(j.id)));
    expect(done.map((j) => j?.status)).toEqual(['imported', 'imported']);
    expect(done[0]!.startedAt!.getTime()).toBeLessThanOrEqual(done[1]!.startedAt!.getTime());
  });

  it('records every file of an upload before the first import takes the database, which embedded PGlite has one connection to', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const imported: string[] = [];
    // Imports that hold a transaction open, as the real one does, until the test releases them.
    const transactional = {
      checkUpload: (source: string) => Promise.resolve(source),
      importUpload: (_source: string, file: string) =>
        database.db.transaction().execute(async (tx) => {
          await sql`select 1`.execute(tx);
          imported.push(path.basename(file));
          await held;
          throw new ExtractFileError(file, 'is not really imported here');
        }),
    };
    const jobs = new UploadJobs(database.db, transactional);
    const files = [await received('1.csv', 'a'), await received('2.csv', 'b'), await received('3.csv', 'c')];
    try {
      const submitted = jobs.submitAll(files, analyst, recordingLog()).then((queued) => queued.length);
      const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5_000));
      expect(await Promise.race([submitted, timeout])).toBe(3);
    } finally {
      release();
    }
    await jobs.idle();
    expect(imported).toEqual(['1.csv', '2.csv', '3.csv']);
  });

  it('lets an error that is not a refusal through from a check of several files, queueing none', async () => {
    const failing = { checkUpload: () => Promise.reject(new Error('database went away')), importUpload: () => Promise.reject(new Error('not called')) };
    const jobs = new UploadJobs(database.db, failing);
    await expect(jobs.submitAll([await received('a.csv', 'x')], analyst, recordingLog())).rejects.toThrow('database went away');
    expect(await jobs.recent(10)).toEqual([]);
  });

  it('refuses to queue for an actor that is not valid', async () => {
    const jobs = new UploadJobs(database.db, new HeldImports());
    await expect(jobs.submit(await received('a.csv', 'x'), { userId: '', role: 'data-analyst' }, recordingLog())).rejects.toThrow();
    expect(await jobs.recent(10)).toEqual([]);
  });

  it('imports uploads one at a time in the order received, showing a running one’s progress and a queued one’s place', async () => {
    const imports = new HeldImports();
    const jobs = new UploadJobs(database.db, imports);
    const first = await jobs.submit(await received('first.csv', 'a'), analyst, recordingLog());
    const second = await jobs.submit(await received('second.csv', 'bb'), analyst, recordingLog());
    await vi.waitUntil(() => imports.started.length === 1);
    expect(imports.started).toEqual(['first.csv']);
    imports.progress({ bytesRead: 1, totalBytes: 4, rows: 7 });
    expect(await jobs.job(first.id)).toMatchObject({ status: 'running', progress: { bytesRead: 1, totalBytes: 4, rows: 7 } });
    expect(await jobs.job(second.id)).toMatchObject({ status: 'queued', waitingBehind: 1 });
    expect((await jobs.recent(10)).map((j) => j.fileName)).toEqual(['second.csv', 'first.csv']);
    imports.finish();
    await vi.waitUntil(() => imports.started.length === 2);
    expect(imports.started).toEqual(['first.csv', 'second.csv']);
    const firstDone = await jobs.job(first.id);
    expect(firstDone).toMatchObject({ status: 'imported', summary: { rows: 3, newPeople: 2 } });
    expect(firstDone).not.toHaveProperty('progress');
    imports.finish();
    await jobs.idle();
    expect((await jobs.job(second.id))?.status).toBe('imported');
  });

  it('tells any process how many uploads come before a queued one: those its own process took earlier and has not finished', async () => {
    const imports = new HeldImports();
    const jobs = new UploadJobs(database.db, imports);
    const elsewhere = new HeldImports();
    const anotherProcess = new UploadJobs(database.db, elsewhere);
    const [first, second, third] = await jobs.submitAll([await received('1.csv', 'a'), await received('2.csv', 'b'), await received('3.csv', 'c')], analyst, recordingLog());
    // Another process's own upload, taken between them, is not in their queue, nor they in its.
    const theirs = await anotherProcess.submit(await received('theirs.csv', 'd'), analyst, recordingLog());
    await vi.waitUntil(() => imports.started.length === 1 && elsewhere.started.length === 1);
    const fourth = await anotherProcess.submit(await received('4.csv', 'e'), analyst, recordingLog());
    for (const process of [jobs, anotherProcess]) {
      expect(await process.job(first!.id)).not.toHaveProperty('waitingBehind');
      expect((await process.job(second!.id))?.waitingBehind).toBe(1);
      expect((await process.job(third!.id))?.waitingBehind).toBe(2);
      expect((await process.job(fourth.id))?.waitingBehind).toBe(1);
    }
    imports.finish();
    await vi.waitUntil(() => imports.started.length === 2);
    expect((await anotherProcess.job(third!.id))?.waitingBehind).toBe(1);
    imports.finish();
    await vi.waitUntil(() => imports.started.length === 3);
    imports.finish();
    elsewhere.finish();
    await vi.waitUntil(() => elsewhere.started.length === 2);
    elsewhere.finish();
    await Promise.all([jobs.idle(), anotherProcess.idle()]);
    expect((await anotherProcess.job(theirs.id))?.status).toBe('imported');
  });

  it('writes a running import’s progress down for another process’s pages, and only while it runs', async () => {
    const imports = new HeldImports();
    const jobs = new UploadJobs(database.db, imports, () => new Date(), 0);
    const anotherProcess = new UploadJobs(database.db, new HeldImports());
    const job = await jobs.submit(await received('far.csv', 'x'), analyst, recordingLog());
    await vi.waitUntil(() => imports.started.length === 1);
    expect(await anotherProcess.job(job.id)).not.toHaveProperty('progress');
    imports.progress({ bytesRead: 600, totalBytes: 999, rows: 5_000 });
    await vi.waitUntil(async () => (await anotherProcess.job(job.id))?.progress !== undefined);
    // The total is the upload's size, as the import's own is.
    expect((await anotherProcess.job(job.id))?.progress).toEqual({ bytesRead: 600, totalBytes: 1, rows: 5_000 });
    imports.finish();
    await jobs.idle();
    const done = await anotherProcess.job(job.id);
    expect(done?.status).toBe('imported');
    expect(done).not.toHaveProperty('progress');
  });

  it('ends a job refused when the import finds the file unreadable part-way, with the reason in words', async () => {
    const imports = new HeldImports();
    const jobs = new UploadJobs(database.db, imports);
    const job = await jobs.submit(await received('broken.csv', 'x'), analyst, recordingLog());
    await vi.waitUntil(() => imports.started.length === 1);
    imports.finish(new ExtractFileError('/tmp/somewhere/broken.csv', 'has an unclosed quote', 4_812));
    await jobs.idle();
    expect(await jobs.job(job.id)).toMatchObject({ status: 'refused', problem: 'broken.csv row 4812 has an unclosed quote. Nothing was imported.', summary: null, importFileId: null });
  });

  it('ends a job failed on any other error, logging its name and the job, not its message', async () => {
    const imports = new HeldImports();
    const jobs = new UploadJobs(database.db, imports);
    const log = recordingLog();
    const job = await jobs.submit(await received('people.csv', 'x'), analyst, log);
    await vi.waitUntil(() => imports.started.length === 1);
    imports.finish(new TypeError('Jordan Smith, 2005-03-14'));
    await jobs.idle();
    expect(await jobs.job(job.id)).toMatchObject({ status: 'failed', problem: failedProblem(job.id) });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({ message: 'upload import failed', fields: { uploadJob: job.id, errorName: 'TypeError' } });
    const { stack: _stack, ...logged } = log.entries[0]!.fields;
    expect(JSON.stringify(logged)).not.toContain('Jordan');
  });

  it('at start-up, ends as failed the jobs a stopped process left queued or running, and no others', async () => {
    const at = new Date('2026-12-01T09:00:00Z');
    const job = (id: string) => ({ id, source: 'housing', encoding: 'utf-8', fileName: `${id.slice(-1)}.csv`, bytes: 10, requestedBy: 'u', requestedAt: at, takenBy: 'a stopped process' });
    await insertUploadJob(database.db, job('00000000-0000-4000-8000-00000000000a'));
    await insertUploadJob(database.db, job('00000000-0000-4000-8000-00000000000b'));
    expect(await startUploadJob(database.db, '00000000-0000-4000-8000-00000000000b', at)).toBe(true);
    expect(await startUploadJob(database.db, '00000000-0000-4000-8000-00000000000b', at)).toBe(false);
    const imports = new HeldImports();
    const jobs = new UploadJobs(database.db, imports);
    const finished = await jobs.submit(await received('done.csv', 'x'), analyst, recordingLog());
    await vi.waitUntil(() => imports.started.length === 1);
    imports.finish();
    await jobs.idle();

    // The files a stopped process left in its jobs' directories go with them.
    const left = path.join(tmpdir(), 'fo-import-job-00000000-0000-4000-8000-00000000000b');
    await mkdir(left);
    await writeFile(path.join(left, 'b.csv'), 'x');
    expect(await jobs.failInterrupted()).toBe(2);
    expect(existsSync(left)).toBe(false);
    for (const id of ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b']) {
      expect(await findUploadJob(database.db, id)).toMatchObject({ status: 'failed', problem: interruptedProblem });
    }
    expect((await jobs.job(finished.id))?.status).toBe('imported');
    expect(await jobs.failInterrupted()).toBe(0);
  });

  it('stops taking jobs when stopped: the running one ends, queued ones stay queued and their files go', async () => {
    const imports = new HeldImports();
    const jobs = new UploadJobs(database.db, imports);
    const before = jobDirectories();
    const running = await jobs.submit(await received('one.csv', 'x'), analyst, recordingLog());
    const queued = await jobs.submit(await received('two.csv', 'x'), analyst, recordingLog());
    await vi.waitUntil(() => imports.started.length === 1);
    const stopped = jobs.stop();
    imports.finish();
    await stopped;
    expect(imports.started).toEqual(['one.csv']);
    expect((await jobs.job(running.id))?.status).toBe('imported');
    expect((await jobs.job(queued.id))?.status).toBe('queued');
    expect(jobDirectories().filter((d) => !before.includes(d))).toEqual([]);
  });
});
