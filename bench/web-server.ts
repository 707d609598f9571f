/**
 * The web bench's server process: sets up the council (bench/web-council.ts), listens on loopback,
 * signs the demo manager in, and tells its parent (bench/web.bench.ts, bench/profile-web.ts) where it is.
 * The load generator runs in the parent, so its CPU is not counted in the server's latency. Messages
 * from the parent: `counts` (the evaluator's), `profile-start`, `profile-stop` (CPU profile of this
 * process, written to the file named), `close`.
 * Environment: FO_BENCH_WEB_FAMILIES (default 1,000), FO_BENCH_WEB_TIMELINES (`database` or `memory`),
 * FO_BENCH_WEB_DATABASE_URL (a PostgreSQL server to use instead of embedded PGlite).
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { demoAccounts } from '../src/services/users-service-demo.ts';
import { TestAgent } from '../src/web/testing/test-app.ts';
import { setUpWebCouncil, type TimelineStorage } from './web-council.ts';

export type ServerMessage =
  | { type: 'ready'; url: string; cookie: string; references: string[]; setupSeconds: number; timelines: TimelineStorage; database: string }
  | { type: 'counts'; evaluated: number; reused: number; timelineReadsSkipped: number }
  | { type: 'cpu'; micros: number }
  | { type: 'profiled'; file: string };

export type ParentMessage = { type: 'counts' } | { type: 'cpu' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string } | { type: 'close' };

const send = (message: ServerMessage) => process.send!(message);

const families = Number(process.env['FO_BENCH_WEB_FAMILIES'] ?? 1_000);
const timelines = (process.env['FO_BENCH_WEB_TIMELINES'] ?? 'database') as TimelineStorage;
const council = await setUpWebCouncil(families, timelines);
const url = await council.app.listen({ port: 0, host: '127.0.0.1' });
const agent = new TestAgent(council.app);
const manager = demoAccounts.find((a) => a.role === 'manager')!;
await agent.submit('/sign-in', '/sign-in', { username: manager.username, password: manager.password });

let session: Session | undefined;
process.on('message', (message: ParentMessage) => {
  void (async () => {
    if (message.type === 'counts') send({ type: 'counts', ...council.services.evaluator.counts, timelineReadsSkipped: council.services.evaluator.timelineReadsSkipped });
    else if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', micros: user + system });
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
      await council.close();
      process.exit(0);
    }
  })();
});
send({ type: 'ready', url, cookie: agent.cookieHeader(), references: council.references, setupSeconds: council.setupSeconds, timelines: council.timelines, database: council.database });
