/**
 * Several web processes on one port over one PostgreSQL database (WEB_PROCESSES): a session signed in
 * through one is good on every other, a process that dies is replaced, and config refuses more than one
 * process on the embedded database. The processes need a server, so that part runs where the suite has
 * one (TEST_DATABASE_URL, as `.ci/run` provides).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../composition.ts';
import { loadConfig } from '../config.ts';
import { ValidationError } from '../engine/errors.ts';
import { openServerDatabase } from '../data/testing/test-databases.ts';
import { demoAccounts, seedDemoAccounts } from '../services/users-service-demo.ts';
import { startWebProcesses, type WebProcesses } from './web-processes.ts';

describe('WEB_PROCESSES', () => {
  it('is one unless set, and more than one is refused without a PostgreSQL server', () => {
    expect(loadConfig({}).WEB_PROCESSES).toBe(1);
    expect(loadConfig({ WEB_PROCESSES: '4', DATABASE_URL: 'postgres://localhost/x' }).WEB_PROCESSES).toBe(4);
    const refused = (() => {
      try {
        loadConfig({ WEB_PROCESSES: '2' });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toEqual([expect.objectContaining({ path: 'WEB_PROCESSES', value: 2 })]);
    expect(() => loadConfig({ WEB_PROCESSES: '0', DATABASE_URL: 'postgres://localhost/x' })).toThrow(ValidationError);
  });
});

const serverUrl = process.env['TEST_DATABASE_URL'];

/** Signs in over HTTP as a browser would and returns the cookie header. */
async function signIn(url: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${url}/sign-in`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const answer = await fetch(`${url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
    body: new URLSearchParams({ _csrf: token ?? '', username, password }).toString(),
  });
  expect(answer.status).toBe(303);
  return answer.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

// Only with a PostgreSQL server: more than one process on PGlite is refused (tested above).
describe.runIf(serverUrl !== undefined)('two web processes on a PostgreSQL server', () => {
  let database: Awaited<ReturnType<typeof openServerDatabase>>;
  let processes: WebProcesses;
  beforeAll(async () => {
    database = await openServerDatabase(serverUrl!);
    const config = loadConfig({ DATABASE_URL: database.url, PORT: '0', NODE_ENV: 'test', WEB_PROCESSES: '2' });
    const services = await createServices(config);
    await seedDemoAccounts((await services.web(config.FAMILY_OUTCOMES_PLANS)).users);
    await services.close();
    processes = await startWebProcesses({ config }, config.WEB_PROCESSES);
  }, 120_000);
  afterAll(async () => {
    await processes?.close();
    await database?.close();
  });

  it('serves on one port from two processes, a session signed in through one good on both', async () => {
    expect(processes.pids()).toHaveLength(2);
    const manager = demoAccounts.find((a) => a.role === 'manager')!;
    const cookie = await signIn(processes.url, manager.username, manager.password);
    // New connections go to the processes in turn; every one of them knows the session.
    const statuses = await Promise.all(Array.from({ length: 8 }, () => fetch(`${processes.url}/families`, { headers: { cookie, connection: 'close' } }).then((r) => r.status)));
    expect(statuses).toEqual(Array(8).fill(200));
    expect((await fetch(`${processes.url}/families`, { redirect: 'manual', headers: { connection: 'close' } })).status).toBe(302);
  });

  it('replaces a process that dies', async () => {
    const [first, second] = processes.pids();
    process.kill(first!, 'SIGKILL');
    await expect.poll(() => processes.pids().length === 2 && !processes.pids().includes(first!), { timeout: 60_000, interval: 200 }).toBe(true);
    expect(processes.pids()).toContain(second);
    expect((await fetch(`${processes.url}/sign-in`, { headers: { connection: 'close' } })).status).toBe(200);
  }, 90_000);
});
