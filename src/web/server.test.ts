/**
 * Serving the web app in this process: uploads a stopped process left unfinished are ended before it
 * takes any, and the app answers on its address.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { findUploadJob, insertUploadJob, startUploadJob } from '../data/repositories/upload-jobs.ts';
import { createTestApp, type TestApp } from './testing/test-app.ts';
import { serveWeb } from './server.ts';
import { interruptedProblem } from './services/upload-jobs.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('ends the uploads a stopped process left queued or running before it serves, then serves', async () => {
  const at = new Date('2026-12-02T09:00:00Z');
  const job = (id: string) => ({ id, source: 'housing', encoding: 'utf-8', fileName: 'left.csv', bytes: 10, requestedBy: 'u', requestedAt: at, takenBy: 'a stopped process' });
  const queued = '00000000-0000-4000-8000-0000000000c1';
  const running = '00000000-0000-4000-8000-0000000000c2';
  await insertUploadJob(t.db, job(queued));
  await insertUploadJob(t.db, job(running));
  await startUploadJob(t.db, running, at);

  const served = await serveWeb(t.services, { config: loadConfig({ PORT: '0', NODE_ENV: 'test' }) }, { logger: false });
  try {
    for (const id of [queued, running]) expect(await findUploadJob(t.db, id)).toMatchObject({ status: 'failed', problem: interruptedProblem });
    expect((await fetch(`${served.url}/sign-in`)).status).toBe(200);
  } finally {
    await served.close();
  }
});
