/**
 * The web bench's server process: sets up the council (bench/web-council.ts), listens on loopback,
 * signs the demo manager in, and tells its parent (bench/web.bench.ts, bench/profile-web.ts) where it is.
 * The load generator runs in the parent, so its CPU is not counted in the server's latency. Messages
 * from the parent: `counts` (the evaluator's), `profile-start`, `profile-stop` (CPU profile of this
 * process, written to the file named), `close`.
 * Environment: FO_BENCH_WEB_FAMILIES (default 1,000), FO_BENCH_WEB_TIMELINES (`database` or `memory`),
 * FO_BENCH_WEB_DATABASE_URL (a PostgreSQL server to use instead of embedded PGlite), FO_BENCH_WEB_PROCESSES
 * (serve with that many of the product's web processes, WEB_PROCESSES; needs the PostgreSQL server).
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { demoAccounts } from '../src/services/users-service-demo.ts';
import { TestAgent } from '../src/web/testing/test-app.ts';
import { loadConfig } from '../src/config.ts';
import { startWebProcesses, type WebProcesses } from '../src/web/web-processes.ts';
import { serverCpuSeconds } from './server-cpu.ts';
import { benchSessionSecret, setUpWebCouncil, type TimelineStorage } from './web-council.ts';

export type ServerMessage =
  | { type: 'ready'; url: string; cookie: string; references: string[]; setupSeconds: number; timelines: TimelineStorage; database: string }
  | { type: 'counts'; evaluated: number; reused: number; timelineReadsSkipped: number }
  | { type: 'cpu'; micros: number }
  | { type: 'profiled'; file: string };

export type ParentMessage = { type: 'counts' } | { type: 'cpu' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string } | { type: 'close' };

const send = (message: ServerMessage) => process.send!(message);

const families = Number(process.env['FO_BENCH_WEB_FAMILIES'] ?? 1_000);
const timelines = (process.env['FO_BENCH_WEB_TIMELINES'] ?? 'database') as TimelineStorage;
const processCount = Number(process.env['FO_BENCH_WEB_PROCESSES'] ?? 1);
const council = await setUpWebCouncil(families, timelines);
const agent = new TestAgent(council.app);
const manager = demoAccounts.find((a) => a.role === 'manager')!;
await agent.submit('/sign-in', '/sign-in', { username: manager.username, password: manager.password });
// One process: this one's app listens. Several: the product's web processes over the council's database
// (WEB_PROCESSES), with the cookie secret of this app, so the session signed in above is good there too.
let processes: WebProcesses | undefined;
let url: string;
if (processCount > 1) {
  if (!council.databaseUrl) throw new Error('FO_BENCH_WEB_PROCESSES needs FO_BENCH_WEB_DATABASE_URL: several processes need a PostgreSQL server');
  const config = loadConfig({ DATABASE_URL: council.databaseUrl, PORT: '0', HOST: '127.0.0.1', SESSION_SECRET: benchSessionSecret, NODE_ENV: 'production', WEB_PROCESSES: String(processCount) });
  processes = await startWebProcesses({ config, logRequests: false }, processCount);
  url = processes.url;
} else url = await council.app.listen({ port: 0, host: '127.0.0.1' });

let session: Session | undefined;
process.on('message', (message: ParentMessage) => {
  void (async () => {
    // With several processes the evaluator's counts are each process's own and not gathered (-1).
    if (message.type === 'counts') {
      if (processes) send({ type: 'counts', evaluated: -1, reused: -1, timelineReadsSkipped: -1 });
      else send({ type: 'counts', ...council.services.evaluator.counts, timelineReadsSkipped: council.services.evaluator.timelineReadsSkipped });
    } else if (message.type === 'cpu') {
      // This process's CPU, and with several processes theirs too (from /proc: this one and its live children).
      if (processes) send({ type: 'cpu', micros: (await serverCpuSeconds(process.pid)) * 1e6 });
      else {
        const { user, system } = process.cpuUsage();
        send({ type: 'cpu', micros: user + system });
      }
    }
    else if (message.type === 'profile-start') {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    } else if (message.type === 'profile-stop' && session) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(message.file, JSON.stringify(profile));
      session.disconnect();
      send({ type: 'profiled', file: message.file });
    } else if (message.type === 'close') {
      await processes?.close();
      await council.close();
      process.exit(0);
    }
  })();
});
send({ type: 'ready', url, cookie: agent.cookieHeader(), references: council.references, setupSeconds: council.setupSeconds, timelines: council.timelines, database: council.database });
