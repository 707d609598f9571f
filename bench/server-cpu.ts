/**
 * CPU time used by a local PostgreSQL server's processes, read from /proc: the postmaster's own and
 * its reaped children's (utime, stime, cutime, cstime) plus every live child's. Only meaningful when
 * the server runs on this machine (as `scripts/test-postgres.sh` starts it); otherwise `undefined`.
 * The machine may be shared, so import benchmarks report this beside wall time.
 */
import { readFile, readdir } from 'node:fs/promises';
import pg from 'pg';

const ticksPerSecond = 100;

/** The postmaster's pid, from `postmaster.pid` in the server's data directory; undefined if unreadable. */
export async function postmasterPid(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('show data_directory');
    const text = await readFile(`${rows[0]!.data_directory}/postmaster.pid`, 'utf8');
    return Number(text.split('\n')[0]);
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** CPU seconds used so far by the server whose postmaster is `pid` (itself, reaped and live children). */
export async function serverCpuSeconds(pid: number): Promise<number> {
  const fields = async (p: number | string) => {
    const stat = await readFile(`/proc/${p}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  };
  // Fields after the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
  const own = await fields(pid);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = await fields(entry).catch(() => undefined);
    if (f && Number(f[1]) === pid) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks / ticksPerSecond;
}

/**
 * CPU seconds of each thread of this process, from /proc/self/task: the main thread (its id is the
 * process id) first. With PGlite on its own thread (`pglite-dialect.ts`) the busiest other thread is
 * PGlite's; V8's helper threads (garbage collection, compilation) are the rest.
 */
export async function threadCpuSeconds(): Promise<Array<{ readonly tid: number; readonly seconds: number }>> {
  const threads = [];
  for (const entry of await readdir('/proc/self/task')) {
    const stat = await readFile(`/proc/self/task/${entry}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    threads.push({ tid: Number(entry), seconds: (Number(f[11]) + Number(f[12])) / ticksPerSecond });
  }
  return threads.sort((a, b) => (a.tid === process.pid ? -1 : b.tid === process.pid ? 1 : b.seconds - a.seconds));
}
