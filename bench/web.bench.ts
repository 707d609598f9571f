/**
 * Web app under load: the family page and the dashboard with 50 concurrent signed-in users
 * (autocannon against the app listening on loopback), on a generated council. Reports requests/s and
 * the p95 latency seen by the client, the median of three runs of each page. Before the runs each of
 * the 500 families is viewed once, alone, and that first view (which evaluates the family from its
 * stored timeline) is reported apart: the runs measure the views after it.
 *
 * The app runs in a child process of its own (bench/web-server.ts), as it would in production, so the
 * load generator's CPU is not counted as the server's. The council (bench/web-council.ts): generated
 * households, engaged families attached under the plan in force and tracked; their timelines stored in
 * the database and read back by the real timeline service (FO_BENCH_WEB_TIMELINES=memory holds them in
 * memory instead, as this bench used to). `--quick`: 1,000 families, one shorter run each.
 * FO_BENCH_WEB_FAMILIES overrides the size; FO_BENCH_WEB_DATABASE_URL puts the council on that PostgreSQL server
 * instead of embedded PGlite, and then FO_BENCH_WEB_PROCESSES=N serves it with N web processes (WEB_PROCESSES);
 * FO_BENCH_WEB_CONNECTIONS changes the 50 concurrent connections (the target is at 50); FO_BENCH_WEB_IN_PROCESS=1 runs autocannon inside the app's
 * process (the old, unfair method, kept to compare).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { demoAccounts } from '../src/services/users-service-demo.ts';
import { TestAgent } from '../src/web/testing/test-app.ts';
import { median, type BenchOptions, type BenchResult } from './harness.ts';
import { setUpWebCouncil, type TimelineStorage } from './web-council.ts';
import type { ParentMessage, ServerMessage } from './web-server.ts';

const connections = Number(process.env.FO_BENCH_WEB_CONNECTIONS ?? 50);

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonInstance extends PromiseLike<{ requests: { average: number; total: number }; errors: number; timeouts: number; non2xx: number }> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => AutocannonInstance;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export interface LoadResult {
  readonly rps: number;
  /** Responses in the run. */
  readonly requests: number;
  readonly p95: number;
  readonly errors: number;
  readonly non2xx: number;
}

export async function load(url: string, cookie: string, seconds: number, paths: readonly string[]): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    headers: { cookie, 'accept-encoding': 'gzip, deflate, br' },
    requests: [{ setupRequest: (req: { path: string }) => ({ ...req, path: paths[next++ % paths.length]! }) }],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  return { rps: result.requests.average, requests: result.requests.total, p95: percentile(latencies, 95), errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

/** Views each page once, one at a time (a family's first view evaluates it); the time each took, in ms. */
export async function viewEachOnce(server: Pick<WebServer, 'url' | 'cookie'>, paths: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (const path of paths) {
    const started = performance.now();
    const response = await fetch(server.url + path, { headers: { cookie: server.cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`first view of ${path}: HTTP ${response.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

/** The app under test, wherever it runs. */
export interface WebServer {
  readonly url: string;
  readonly cookie: string;
  readonly references: readonly string[];
  readonly setupSeconds: number;
  readonly timelines: TimelineStorage;
  readonly database: string;
  counts(): Promise<{ evaluated: number; reused: number; timelineReadsSkipped: number }>;
  /** The server's CPU time so far, in microseconds (in-process: the load generator's too). */
  cpuMicros(): Promise<number>;
  /** Starts a CPU profile of the server; the returned function stops it and writes it to `file`. */
  profile(file: string): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Starts bench/web-server.ts in a child process and waits until it listens. */
export async function startWebServer(families: number, timelines: TimelineStorage = 'database'): Promise<WebServer> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./web-server.ts', import.meta.url)), {
    execArgv: ['--import', './bin/register-typescript.mjs'],
    env: { ...process.env, FO_BENCH_WEB_FAMILIES: String(families), FO_BENCH_WEB_TIMELINES: timelines },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends ServerMessage['type']>(type: T) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (m: ServerMessage) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<ServerMessage, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`web bench server exited (${code}) before sending ${type}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const send = (m: ParentMessage) => child.send(m);
  const ready = await next('ready');
  return {
    ...ready,
    async counts() {
      const answer = next('counts');
      send({ type: 'counts' });
      const { evaluated, reused, timelineReadsSkipped } = await answer;
      return { evaluated, reused, timelineReadsSkipped };
    },
    async cpuMicros() {
      const answer = next('cpu');
      send({ type: 'cpu' });
      return (await answer).micros;
    },
    async profile(file) {
      send({ type: 'profile-start' });
      return async () => {
        const done = next('profiled');
        send({ type: 'profile-stop', file });
        await done;
      };
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'close' });
      await exited;
    },
  };
}

/** The old method: the app in this process, sharing its event loop with autocannon. */
async function startInProcess(families: number, timelines: TimelineStorage): Promise<WebServer> {
  const council = await setUpWebCouncil(families, timelines);
  const url = await council.app.listen({ port: 0, host: '127.0.0.1' });
  const agent = new TestAgent(council.app);
  const manager = demoAccounts.find((a) => a.role === 'manager')!;
  await agent.submit('/sign-in', '/sign-in', { username: manager.username, password: manager.password });
  return {
    url,
    cookie: agent.cookieHeader(),
    references: council.references,
    setupSeconds: council.setupSeconds,
    timelines,
    database: council.database,
    counts: async () => ({ ...council.services.evaluator.counts, timelineReadsSkipped: council.services.evaluator.timelineReadsSkipped }),
    cpuMicros: async () => {
      const { user, system } = process.cpuUsage();
      return user + system;
    },
    profile: () => Promise.reject(new Error('profile the child-process server')),
    close: () => council.close(),
  };
}

export default async function bench(options: BenchOptions): Promise<BenchResult[]> {
  const families = Number(process.env['FO_BENCH_WEB_FAMILIES'] ?? (options.quick ? 1_000 : 10_000));
  const timelines = (process.env['FO_BENCH_WEB_TIMELINES'] ?? 'database') as TimelineStorage;
  const inProcess = process.env['FO_BENCH_WEB_IN_PROCESS'] === '1';
  const webProcesses = Number(process.env['FO_BENCH_WEB_PROCESSES'] ?? 1);
  const seconds = options.quick ? 5 : 15;
  const runs = options.quick ? 1 : 3;
  const server = inProcess ? await startInProcess(families, timelines) : await startWebServer(families, timelines);
  try {
    const familyPaths = server.references.slice(0, 500).map((r) => `/families/${r}`);
    const loadBefore = os.loadavg()[0]!;
    // Each family's first view evaluates it (reading its timeline); measured here, one at a time, and
    // reported apart, so the load runs measure what every later view costs. Then a short warm-up of each page.
    const firstViews = await viewEachOnce(server, familyPaths);
    await load(server.url, server.cookie, 2, familyPaths);
    await load(server.url, server.cookie, 2, ['/dashboard']);
    const family: LoadResult[] = [];
    const dashboard: LoadResult[] = [];
    // The server's CPU time per response: on a shared machine wall-clock figures swing with others' work.
    const familyCpu: number[] = [];
    const dashboardCpu: number[] = [];
    const measured = async (paths: readonly string[], cpu: number[]) => {
      const before = await server.cpuMicros();
      const run = await load(server.url, server.cookie, seconds, paths);
      cpu.push(((await server.cpuMicros()) - before) / 1000 / Math.max(1, run.requests));
      return run;
    };
    for (let i = 0; i < runs; i++) {
      family.push(await measured(familyPaths, familyCpu));
      dashboard.push(await measured(['/dashboard'], dashboardCpu));
    }
    const loadAfter = os.loadavg()[0]!;
    // Verdicts are reused while a family's data is unchanged (src/services/family-evaluation.ts): say how often.
    const { evaluated, reused, timelineReadsSkipped } = await server.counts();
    const sum = (rs: LoadResult[], k: 'errors' | 'non2xx') => rs.reduce((n, r) => n + r[k], 0);
    const notes = `${families} households, ${server.references.length} attached (set-up ${server.setupSeconds.toFixed(0)} s), ${server.database}, timelines in ${server.timelines}; app ${inProcess ? 'in the load generator’s process (old method)' : webProcesses > 1 ? `in ${webProcesses} processes (WEB_PROCESSES)` : 'in its own process'}; ${connections} connections, ${runs} × ${seconds} s per page; family page: ${evaluated < 0 ? 'evaluations counted in each process, not gathered' : `${evaluated} evaluated, ${reused} reused (${timelineReadsSkipped} without reading the timeline)`}; errors ${sum(family, 'errors')}/${sum(dashboard, 'errors')}, non-2xx ${sum(family, 'non2xx')}/${sum(dashboard, 'non2xx')}; load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} (shared machine)`;
    const result = (name: string, unit: string, values: number[], target?: string): BenchResult => ({ name, unit, median: median(values), runs: values, ...(target ? { target } : {}), notes });
    return [
      result('family page requests/s', 'req/s', family.map((r) => r.rps)),
      result('family page p95 latency', 'ms', family.map((r) => r.p95), '< 150 ms'),
      result('family page server CPU per response', 'ms', familyCpu),
      result('family page first view, one user (evaluates the family)', 'ms', firstViews),
      result('dashboard requests/s', 'req/s', dashboard.map((r) => r.rps)),
      result('dashboard p95 latency', 'ms', dashboard.map((r) => r.p95), '< 150 ms'),
      result('dashboard server CPU per response', 'ms', dashboardCpu),
    ];
  } finally {
    await server.close();
  }
}
