/**
 * Import throughput: a school-attendance extract of 1,000,000 rows (200,000 pupils × 5 terms; `--quick`:
 * 20,000 rows) imported into an empty database, on PGlite (a data directory) and, when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL names a PostgreSQL server, on that server (a fresh database
 * per run). Target: under 60 s for 1,000,000 rows on each. `BENCH_IMPORT_ROWS` overrides the size,
 * `BENCH_IMPORT_RUNS` the number of runs (3; `--quick` 2), and `BENCH_IMPORT_DATABASES` (`pglite`,
 * `postgres` or both, comma-separated; default both) which databases are measured.
 *
 * The machine may be shared, so each run also reports the 1-minute load average and the CPU time of
 * this process: PGlite runs inside it, so for PGlite that is the import's own work (for a server, only
 * the client's share), a figure that depends less on what else the machine is doing than wall time.
 * For a server on this machine (scripts/test-postgres.sh) the server's processes' CPU is read from /proc.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { createDatabase, type DatabaseHandle } from '../src/data/database.ts';
import { femaleForenames, maleForenames, surnames } from '../src/generator/names.ts';
import { ImportService } from '../src/services/import-service.ts';
import { median, withPeakRss, type BenchOptions, type BenchResult } from './harness.ts';
import { postmasterPid, serverCpuSeconds } from './server-cpu.ts';

const terms = ['2018-autumn', '2019-spring', '2019-summer', '2019-autumn', '2020-spring'];

export async function writeAttendanceExtract(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('record_id,person_id,forename,surname,date_of_birth,sex,address,postcode,upn,term,possible_sessions,attended_sessions,authorised_absences,unauthorised_absences\n');
  const pupils = Math.ceil(rows / terms.length);
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const pupil = i % pupils;
    const term = terms[Math.floor(i / pupils)]!;
    const upn = `A${String(100000000000 + pupil).slice(1)}${pupil % 10}`;
    const day = String((pupil % 28) + 1).padStart(2, '0');
    const attended = 80 + (pupil % 40);
    const { forename, surname } = pupilName(pupil);
    buffer += `ATT-${term}-${pupil},EDU${pupil},${forename},${surname},2008-03-${day},${pupil % 2 ? 'F' : 'M'},${pupil >> 2} Long Street,LE${(pupil >> 2) % 9 + 1} ${pupil % 9}AB,${upn},${term},120,${attended},${Math.min(10, 120 - attended)},${Math.max(0, 120 - attended - 10)}\n`;
    if (buffer.length > 1 << 16) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  out.end();
  await once(out, 'finish');
}

/**
 * A distinct real-looking name for each pupil: forename from the generator's lists (by sex), surname
 * from its surname list, with a double-barrelled second surname once the single ones run out. No two
 * pupils below 80 × 80 × 54 share a name, so every pupil is a person of their own after normalisation
 * (digits in names would be dropped by it, collapsing pupils into one another).
 */
export function pupilName(pupil: number): { forename: string; surname: string } {
  const forenames = pupil % 2 ? femaleForenames : maleForenames;
  const n = Math.floor(pupil / 2);
  const forename = forenames[n % forenames.length]!;
  const rest = Math.floor(n / forenames.length);
  const first = surnames[rest % surnames.length]!;
  const second = Math.floor(rest / surnames.length);
  return { forename, surname: second === 0 ? first : `${first}-${surnames[(second - 1) % surnames.length]!}` };
}

interface ImportTiming {
  readonly ms: number;
  /** CPU time (user + system) of this process during the import. */
  readonly cpuMs: number;
  /** CPU time of a PostgreSQL server's processes during the import, when the server runs on this machine. */
  readonly serverCpuMs?: number;
  /** The 1-minute load average at the end of the import. */
  readonly load: number;
}

async function timeImport(open: () => Promise<DatabaseHandle & { cleanup?: () => Promise<void> }>, file: string, serverPid?: number): Promise<ImportTiming> {
  const handle = await open();
  try {
    const imports = new ImportService(handle.db);
    const serverBefore = serverPid === undefined ? undefined : await serverCpuSeconds(serverPid);
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const report = await imports.importFile('school-attendance', file);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const used = process.cpuUsage(cpu);
    const serverCpuMs = serverBefore === undefined ? undefined : ((await serverCpuSeconds(serverPid!)) - serverBefore) * 1000;
    if (report.stored !== report.rows || report.quarantined !== 0) throw new Error(`benchmark extract had ${report.quarantined} quarantined rows`);
    const pupils = Math.ceil(report.rows / terms.length);
    if (report.newPeople !== pupils) throw new Error(`benchmark extract of ${pupils} pupils made ${report.newPeople} people: its names must stay distinct after normalisation`);
    return { ms, cpuMs: (used.user + used.system) / 1000, ...(serverCpuMs !== undefined && { serverCpuMs }), load: loadavg()[0]! };
  } finally {
    await handle.close();
    await handle.cleanup?.();
  }
}

const target = '1,000,000 rows in < 60 s (16,667 rows/s)';

export default async function importBench(opts: BenchOptions): Promise<BenchResult[]> {
  const rows = Number(process.env['BENCH_IMPORT_ROWS'] ?? (opts.quick ? 20_000 : 1_000_000));
  const runs = Number(process.env['BENCH_IMPORT_RUNS'] ?? (opts.quick ? 2 : 3));
  const databases = (process.env['BENCH_IMPORT_DATABASES'] ?? 'pglite,postgres').split(',').map((d) => d.trim());
  const dir = await mkdtemp(path.join(tmpdir(), 'fo-bench-import-'));
  const results: BenchResult[] = [];
  try {
    const file = path.join(dir, 'attendance.csv');
    await writeAttendanceExtract(file, rows);
    const targets: Array<[string, () => Promise<DatabaseHandle & { cleanup?: () => Promise<void> }>, number?]> = [];
    let n = 0;
    if (databases.includes('pglite')) {
      targets.push([
        'PGlite (data directory)',
        async () => {
          const dataDir = path.join(dir, `pglite-${++n}`);
          return { ...(await createDatabase({ kind: 'pglite', dataDir })), cleanup: () => rm(dataDir, { recursive: true, force: true }) };
        },
      ]);
    }
    const serverUrl = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
    if (serverUrl && databases.includes('postgres')) {
      targets.push([
        'PostgreSQL server',
        async () => {
          const name = `fo_bench_${process.pid}_${++n}`;
          await admin(serverUrl, `create database ${name}`);
          const url = new URL(serverUrl);
          url.pathname = `/${name}`;
          return { ...(await createDatabase({ kind: 'postgres', url: url.toString() })), cleanup: () => admin(serverUrl, `drop database ${name} with (force)`) };
        },
        await postmasterPid(serverUrl),
      ]);
    }
    if (!serverUrl && databases.includes('postgres')) process.stderr.write('  PostgreSQL server: not measured (set BENCH_DATABASE_URL or TEST_DATABASE_URL, e.g. from scripts/test-postgres.sh start)\n');
    for (const [name, open, serverPid] of targets) {
      const timings: ImportTiming[] = [];
      const { peakRssMiB } = await withPeakRss(async () => {
        for (let i = 0; i < runs; i++) {
          const t = await timeImport(open, file, serverPid);
          timings.push(t);
          process.stderr.write(
            `  ${name}: ${rows} rows in ${(t.ms / 1000).toFixed(1)} s (${Math.round(rows / (t.ms / 1000)).toLocaleString('en-GB')} rows/s; ` +
              `this process used ${(t.cpuMs / 1000).toFixed(1)} s CPU` +
              (t.serverCpuMs === undefined ? '' : `, the server's processes ${(t.serverCpuMs / 1000).toFixed(1)} s`) +
              `; load average ${t.load.toFixed(1)} on ${availableParallelism()} cores)\n`,
          );
        }
      });
      const perSecond = timings.map((t) => rows / (t.ms / 1000));
      const perCpuSecond = timings.map((t) => rows / (t.cpuMs / 1000));
      const notes =
        `median ${(median(timings.map((t) => t.ms)) / 1000).toFixed(1)} s per import; ${Math.round(median(perCpuSecond)).toLocaleString('en-GB')} rows per CPU-second of this process; ` +
        `load average ${timings.map((t) => t.load.toFixed(1)).join(', ')} on ${availableParallelism()} cores`;
      process.stderr.write(`  ${name}: ${notes}; target ${target}\n`);
      results.push({
        name: `import ${rows.toLocaleString('en-GB')} attendance rows into ${name}`,
        unit: 'rows/s',
        median: median(perSecond),
        runs: perSecond,
        peakRssMiB,
        target,
        notes,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return results;
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
