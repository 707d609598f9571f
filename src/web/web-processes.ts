/**
 * The web app in several processes on one port (`WEB_PROCESSES`), for a council on a PostgreSQL
 * server: one Node process renders pages on one core, so on a machine with more cores a busy app
 * waits for CPU it has. Node's cluster module hands each new connection to the next process.
 *
 * Only with a PostgreSQL server (config refuses more than one process on embedded PGlite, which lives
 * inside one process). Every process builds the same services from the same config through the
 * composition root; what they share lives in the database: sessions (each process keeps a signed-in
 * user for at most 2 seconds, see session-cache.ts), the access log, verdicts. They must sign cookies
 * with one secret: without SESSION_SECRET the first process makes one and gives it to the others.
 *
 * A process that dies is replaced (at most 5 times a minute, then the app stops rather than loop).
 */
import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { FamilyOutcomesError } from '../engine/errors.ts';

/** What a web process is told to start with (sent over IPC: dates cannot travel as functions). */
export interface WebProcessStart {
  readonly type: 'start';
  readonly config: Config;
  /** The as-of date pages evaluate at (the demo's), instead of today. */
  readonly asOf?: string;
  readonly claimTarget?: number;
  /** Log each request (Fastify's logger; no personal data). Default: yes, except when NODE_ENV=test. */
  readonly logRequests?: boolean;
}

/** From a web process: ready for its start message (its module has loaded), listening, or failed to start. */
export type WebProcessMessage = { type: 'ready' } | { type: 'listening'; url: string } | { type: 'failed'; message: string };

export class WebProcessesError extends FamilyOutcomesError {
  readonly code = 'internal';
}

export interface WebProcesses {
  readonly url: string;
  /** The processes' ids (for measuring their CPU). */
  pids(): number[];
  close(): Promise<void>;
}

const workerEntry = fileURLToPath(new URL('./web-worker.ts', import.meta.url));
const typescriptHook = fileURLToPath(new URL('../../bin/register-typescript.mjs', import.meta.url));

/** Starts `count` web processes and resolves once every one listens (rejects if one fails to). */
export async function startWebProcesses(start: Omit<WebProcessStart, 'type'>, count: number): Promise<WebProcesses> {
  if (!cluster.isPrimary) throw new WebProcessesError('web processes are started from the primary process');
  const config: Config = { ...start.config, SESSION_SECRET: start.config.SESSION_SECRET ?? randomBytes(32).toString('base64url') };
  const message: WebProcessStart = { ...start, type: 'start', config };
  cluster.setupPrimary({ exec: workerEntry, execArgv: ['--import', typescriptHook] });

  let closing = false;
  const restarts: number[] = [];
  const workers = new Set<Worker>();
  const fork = () =>
    new Promise<string>((resolve, reject) => {
      const worker = cluster.fork();
      workers.add(worker);
      worker.on('message', (m: WebProcessMessage) => {
        if (m.type === 'ready') worker.send(message);
        else if (m.type === 'listening') resolve(m.url);
        else reject(new WebProcessesError(`a web process failed to start: ${m.message}`));
      });
      worker.on('exit', (code, signal) => {
        workers.delete(worker);
        reject(new WebProcessesError(`a web process exited (${signal ?? code}) before listening`));
        if (closing) return;
        const now = Date.now();
        restarts.push(now);
        while (restarts[0]! < now - 60_000) restarts.shift();
        if (restarts.length > 5) {
          console.error('Web processes keep exiting; stopping the app.');
          void close().finally(() => process.exit(1));
          return;
        }
        console.error(`A web process exited (${signal ?? code}); starting another.`);
        fork().catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
      });
    });

  const close = async () => {
    closing = true;
    // Each is asked to stop; one that has not within 10 seconds is killed.
    await Promise.all([...workers].map((w) => new Promise<void>((resolve) => {
      const timer = setTimeout(() => w.process.kill('SIGKILL'), 10_000);
      w.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (w.isConnected()) w.send({ type: 'close' });
      else w.process.kill('SIGTERM');
    })));
  };

  try {
    const urls = await Promise.all(Array.from({ length: count }, fork));
    if (new Set(urls).size !== 1) throw new WebProcessesError(`the web processes listen on different addresses: ${[...new Set(urls)].join(', ')}`);
    return { url: urls[0]!, pids: () => [...workers].flatMap((w) => (w.process.pid === undefined ? [] : [w.process.pid])), close };
  } catch (error) {
    await close();
    throw error;
  }
}
