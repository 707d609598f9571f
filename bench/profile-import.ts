/**
 * Where an import's time goes: `node --import ./bin/register-typescript.mjs bench/profile-import.ts [rows] [postgres-url]`.
 * Times reading/parsing alone, reading + validation + matching alone, then a whole import with each SQL
 * statement kind timed (Kysely's query log). Not a benchmark (no medians): a profile for one run.
 * A batch is written while the next is built, so on PostgreSQL a statement's time includes waiting for
 * this process to finish building: the kinds add up to more than the whole import. On a shared
 * machine, compare CPU time: each phase prints this process's (`process.cpuUsage()`) and, for a server
 * on this machine, the server processes' (/proc). `PROFILE_IMPORT_ONLY=1` skips the phases before the
 * whole import (for `node --cpu-prof`, so the profile is the import's alone); `PROFILE_IMPORT_BATCH=n` imports
 * in batches of n rows instead of the default.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, type LogEvent } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../src/data/migrate.ts';
import { PGliteDialect } from '../src/data/pglite-dialect.ts';
import { PostgresCopyDialect } from '../src/data/postgres-dialect.ts';
import type { Database } from '../src/data/schema.ts';
import { parseDay } from '../src/engine/calendar/day.ts';
import { mapHeader, type HeaderMapping } from '../src/imports/header.ts';
import { readExtract } from '../src/imports/readers/extract-reader.ts';
import { findSource } from '../src/imports/sources/index.ts';
import { validateRow } from '../src/imports/validation/validate-row.ts';
import { ExactPersonMatcher } from '../src/matching/exact-person-matcher.ts';
import { ImportService } from '../src/services/import-service.ts';
import { writeAttendanceExtract } from './import.bench.ts';
import { postmasterPid, serverCpuSeconds, threadCpuSeconds } from './server-cpu.ts';

const rows = Number(process.argv[2] ?? 100_000);
const serverUrl = process.argv[3];
const dir = await mkdtemp(path.join(tmpdir(), 'fo-profile-import-'));
const file = path.join(dir, 'attendance.csv');
await writeAttendanceExtract(file, rows);
const spec = findSource('school-attendance')!;
const today = parseDay('2026-01-01');

const importOnly = process.env['PROFILE_IMPORT_ONLY'] === '1';
const serverPid = serverUrl ? await postmasterPid(serverUrl) : undefined;
const time = async (label: string, fn: () => Promise<void>) => {
  const serverBefore = serverPid === undefined ? undefined : await serverCpuSeconds(serverPid);
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const server = serverBefore === undefined ? '' : `, server ${((await serverCpuSeconds(serverPid!)) - serverBefore).toFixed(2)} s CPU`;
  const [main, busiest] = await threadCpuSeconds();
  const threads = `; since start: main thread ${main!.seconds.toFixed(2)} s, busiest other thread ${busiest?.seconds.toFixed(2) ?? '0'} s`;
  console.log(
    `${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${Math.round(rows / (ms / 1000)).toLocaleString('en-GB').padStart(9)} rows/s` +
      `  (this process ${((used.user + used.system) / 1e6).toFixed(2)} s CPU${server}${threads})`,
  );
};

if (!importOnly) await time('read + parse CSV', async () => {
  for await (const _ of readExtract(file, { bytesRead: 0, blankLines: 0 }));
});
if (!importOnly) await time('read + parse + validate + match', async () => {
  let mapping: HeaderMapping | undefined;
  const matcher = new ExactPersonMatcher({ identifiers: [], matchKeys: [] });
  for await (const r of readExtract(file, { bytesRead: 0, blankLines: 0 })) {
    if (!mapping) mapping = mapHeader(file, spec, r.cells);
    else {
      const v = validateRow(spec, mapping.columnIndex, r.cells, today);
      if (v.ok) matcher.resolve(v.person);
    }
  }
});

const perStatement = new Map<string, { n: number; ms: number }>();
const log = (event: LogEvent) => {
  const kind = /^\s*(insert into \w+|copy \w+|update \w+|select .*? from \w+|\w+)/is.exec(event.query.sql)?.[1]?.replace(/\s+/g, ' ').replace(/select .* from/, 'select … from') ?? '?';
  const e = perStatement.get(kind) ?? { n: 0, ms: 0 };
  e.n += 1;
  e.ms += event.queryDurationMillis;
  perStatement.set(kind, e);
};
const dbName = `fo_profile_${process.pid}`;
if (serverUrl) await admin(`create database ${dbName}`);
const dialect = serverUrl
  ? new PostgresCopyDialect(new pg.Pool({ connectionString: Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString(), max: 4 }))
  : new PGliteDialect({ dataDir: path.join(dir, 'pglite') });
const db = new Kysely<Database>({ dialect, log });
await migrateToLatest(db as Kysely<unknown>);
perStatement.clear();
await time(`whole import into ${serverUrl ? 'PostgreSQL' : 'PGlite'}`, async () => {
  const batchSize = process.env['PROFILE_IMPORT_BATCH'] ? Number(process.env['PROFILE_IMPORT_BATCH']) : undefined;
  await new ImportService(db, { today: () => today, ...(batchSize && { batchSize }) }).importFile('school-attendance', file);
});
for (const [kind, { n, ms }] of [...perStatement].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`  ${kind.padEnd(42)} ${String(n).padStart(5)}× ${(ms / 1000).toFixed(2).padStart(7)} s`);
}
await db.destroy();
if (serverUrl) await admin(`drop database ${dbName} with (force)`);
await rm(dir, { recursive: true, force: true });

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(statement).finally(() => client.end());
}
