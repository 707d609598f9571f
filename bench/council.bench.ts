/**
 * The real pipeline, end to end, on one generated council (src/generator/council-pipeline.ts): generate
 * the extracts, import every one with the import service (exact person matching happens inside it),
 * judge person and household resolution against the ground truth, run identification over timelines
 * assembled from the database, attach the engaged families (from the ground truth, as the demo does) and
 * track them.
 *
 * Sizes: 10,000 and 100,000 families (`--quick`: 1,000); `FO_BENCH_COUNCIL_FAMILIES=2000,20000` overrides,
 * and `FO_BENCH_COUNCIL_RUNS=1` sets the number of runs per size. `FO_BENCH_COUNCIL_GENERATED=<dir>` reuses
 * a council generated earlier (its manifest must say the same families and seed) instead of generating
 * one: the generate stage is then left out of the results (a 100,000-family council takes 8 minutes to write).
 * Each run starts from an empty database: embedded PGlite in a temporary data directory (not in memory:
 * 100,000 families' rows do not fit in PGlite's WebAssembly memory), or, when FO_BENCH_DATABASE_URL is
 * set, a new database created on that PostgreSQL server and dropped afterwards. Three runs per size and
 * the median of each stage; councils of 50,000 families or more are run once (one run takes on the
 * order of an hour on a shared 2-core machine). Peak RSS is the process's (Node and, for PGlite, its
 * WebAssembly heap, which never shrinks) sampled during each stage.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type DatabaseHandle } from '../src/data/database.ts';
import { testDatabases } from '../src/data/testing/test-databases.ts';
import { CouncilPipeline, type IdentifyStage, type ImportStage, type MatchingStage, type TrackStage } from '../src/generator/council-pipeline.ts';
import type { CouncilSummary } from '../src/generator/extracts/write-council.ts';
import { PlanSourceCatalogue } from '../src/services/plan-sources.ts';
import { median, withPeakRss, type BenchOptions, type BenchResult } from './harness.ts';

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out', 'council');
const asOf = '2020-03-31';
const seed = 2026;

/** FO_BENCH_COUNCIL_GENERATED: a council generated earlier with these families and the bench's seed. */
function generatedCouncil(families: number): string | undefined {
  const dir = process.env['FO_BENCH_COUNCIL_GENERATED'];
  if (!dir) return undefined;
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { families?: unknown; seed?: unknown };
  if (manifest.families !== families || manifest.seed !== seed) {
    throw new Error(`FO_BENCH_COUNCIL_GENERATED: ${dir} holds ${String(manifest.families)} families with seed ${String(manifest.seed)}, not ${families} with seed ${seed}`);
  }
  process.stderr.write(`  generate: reusing ${dir}\n`);
  return dir;
}

interface Timed<T> {
  readonly ms: number;
  /** The process's CPU time (user and system; PGlite runs inside it): on a shared machine, steadier than wall time. */
  readonly cpuMs: number;
  readonly peakRssMiB: number;
  readonly result: T;
}

interface Run {
  /** Undefined when the council was reused (FO_BENCH_COUNCIL_GENERATED). */
  readonly generate: Timed<CouncilSummary> | undefined;
  readonly import: Timed<ImportStage>;
  readonly matching: Timed<MatchingStage>;
  readonly identify: Timed<IdentifyStage>;
  readonly attach: Timed<number>;
  readonly track: Timed<TrackStage>;
}

async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<Timed<T>> {
  process.stderr.write(`  ${label}… `);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { result, peakRssMiB } = await withPeakRss(fn);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const counts = typeof result === 'object' && result !== null ? JSON.stringify(result, (k, v: unknown) => (k === 'familyOfHousehold' || k === 'files' ? undefined : v)) : String(result);
  process.stderr.write(`${(ms / 1000).toFixed(1)} s (CPU ${(cpuMs / 1000).toFixed(1)} s), peak RSS ${peakRssMiB} MiB (load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}) ${counts}\n`);
  return { ms, cpuMs, peakRssMiB, result };
}

async function openDatabase(dataDir: string): Promise<DatabaseHandle> {
  const server = process.env['FO_BENCH_DATABASE_URL'];
  if (server) return testDatabases({ TEST_DATABASE_URL: server }).find((d) => d.name === 'postgres')!.open();
  return createDatabase({ kind: 'pglite', dataDir });
}

async function runOnce(families: number, plans: PlanSourceCatalogue): Promise<Run> {
  mkdirSync(outDir, { recursive: true });
  const workDir = mkdtempSync(path.join(outDir, `council-${families}-`));
  const handle = await openDatabase(path.join(workDir, 'pglite'));
  try {
    const reused = generatedCouncil(families);
    const pipeline = new CouncilPipeline({ families, seed, councilDir: reused ?? path.join(workDir, 'council'), db: handle.db, plans, plan: 'southampton', asOf });
    const generate = reused === undefined ? await timed('generate', () => pipeline.generate()) : undefined;
    const imported = await timed('import', () => pipeline.import());
    const matching = await timed('matching vs ground truth', () => pipeline.matching());
    const identify = await timed('identify', () => pipeline.identify(matching.result));
    const attach = await timed('attach', () => pipeline.attach());
    const track = await timed('track', () => pipeline.track());
    return { generate, import: imported, matching, identify, attach, track };
  } finally {
    await handle.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

function sizes(options: BenchOptions): number[] {
  const override = process.env['FO_BENCH_COUNCIL_FAMILIES'];
  if (override) {
    const list = override.split(',').map((s) => Number(s.trim()));
    for (const n of list) if (!Number.isInteger(n) || n < 1) throw new Error(`FO_BENCH_COUNCIL_FAMILIES: ${JSON.stringify(override)} is not a comma-separated list of family counts`);
    return list;
  }
  return options.quick ? [1_000] : [10_000, 100_000];
}

/** FO_BENCH_COUNCIL_RUNS=1: one run per size (a 10,000-family run takes half an hour on a busy 2-core machine). */
function runsOverride(): number | undefined {
  const value = process.env['FO_BENCH_COUNCIL_RUNS'];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FO_BENCH_COUNCIL_RUNS: ${JSON.stringify(value)} is not a positive whole number`);
  return n;
}

function results(families: number, runs: readonly Run[]): BenchResult[] {
  const label = `${families.toLocaleString('en-GB')} families`;
  const stages = (x: Run) => [x.generate, x.import, x.matching, x.identify, x.attach, x.track];
  const wholeRunMinutes = Math.round(stages(runs[0]!).reduce((t, s) => t + (s?.ms ?? 0), 0) / 60000);
  const once = runs.length === 1 ? `; run once (the whole run took ${wholeRunMinutes} min)` : `; median of ${runs.length} runs`;
  const rate = (name: string, unit: string, stage: (r: Run) => Timed<unknown>, amount: (r: Run) => number, notes: string): BenchResult => {
    const values = runs.map((r) => amount(r) / (stage(r).ms / 1000));
    return { name: `${label}: ${name}`, unit, median: median(values), runs: values, peakRssMiB: Math.max(...runs.map((r) => stage(r).peakRssMiB)), notes: `${notes}; median ${(median(runs.map((r) => stage(r).ms)) / 1000).toFixed(1)} s (CPU ${(median(runs.map((r) => stage(r).cpuMs)) / 1000).toFixed(1)} s)${once}` };
  };
  const share = (name: string, values: number[], notes: string): BenchResult => ({ name: `${label}: ${name}`, unit: '%', median: median(values.map((v) => v * 100)), runs: values.map((v) => v * 100), notes });
  const r = runs[0]!; // Counts are the same in every run (same seed); the figures below come from the first.
  const g = r.generate?.result;
  const i = r.import.result;
  const m = r.matching.result;
  const id = r.identify.result;
  const t = r.track.result;
  const n = (x: number) => x.toLocaleString('en-GB');
  const pct = (a: number, b: number) => `${((a / Math.max(1, b)) * 100).toFixed(1)}%`;
  return [
    ...(g === undefined ? [] : [rate('generate', 'families/s', (x) => x.generate!, () => families, `${n(g.totalRows)} rows in ${Object.keys(g.rows).length} extracts (${n(g.invalidRows)} invalid on purpose), ${n(g.people)} people; ${(g.bytes / 1048576).toFixed(0)} MiB written with the ground truth`)]),
    rate('import every extract', 'rows/s', (x) => x.import, (x) => x.import.result.rows, `${n(i.rows)} rows: ${n(i.stored)} stored, ${n(i.quarantined)} quarantined; ${n(i.newPeople)} person records, ${n(i.matchReviews)} match reviews, ${n(i.households)} households (exact matching runs inside the import)`),
    share('person resolution, pairwise precision', runs.map((x) => x.matching.result.pairwisePrecision), `of pairs of stored rows put in one person record, the share truly about one person; ${n(m.personRecords)} records for ${n(m.truePeople)} true people, ${pct(m.pureRecords, m.personRecords)} of records hold one true person only`),
    share('person resolution, pairwise recall', runs.map((x) => x.matching.result.pairwiseRecall), `of pairs of stored rows truly about one person, the share put in one record; ${pct(m.wholePeople, m.truePeople)} of true people have all their rows in one record; ${n(m.householdRecords)} household records for ${n(m.trueHouseholds)} true households (${pct(m.pureHouseholds, m.householdRecords)} hold one family only); comparison took ${(r.matching.ms / 1000).toFixed(1)} s`),
    rate('identify (timelines from the database)', 'families/s', (x) => x.identify, () => families, `${n(id.households)} households evaluated (${n(Math.round(id.households / (r.identify.ms / 1000)))} households/s), ${n(id.candidates)} candidates, ${n(id.failed)} failed`),
    share('identify, truly eligible families found', runs.map((x) => x.identify.result.trulyEligibleFound / Math.max(1, x.identify.result.trulyEligible)), `${n(id.trulyEligibleFound)} of ${n(id.trulyEligible)} families with two or more true problems have a candidate household; ${n(id.candidatesNotTrulyEligible)} candidates are households of families with fewer`),
    rate('attach engaged families (evaluated at engagement)', 'families/s', (x) => x.attach, (x) => x.attach.result, `${n(r.attach.result)} families attached from the ground truth's engagement dates`),
    rate('track every attached family (trackAll)', 'families/s', (x) => x.track, (x) => x.track.result.evaluated, `${n(t.evaluated)} evaluated, ${n(t.changes)} status changes, ${n(t.failed)} failed`),
  ];
}

export default async function bench(options: BenchOptions): Promise<BenchResult[]> {
  const plans = PlanSourceCatalogue.fromTexts({ 'plans/southampton.yaml': readFileSync(new URL('../plans/southampton.yaml', import.meta.url), 'utf8') });
  const out: BenchResult[] = [];
  process.stderr.write(`council: ${process.env['FO_BENCH_DATABASE_URL'] ? 'PostgreSQL (FO_BENCH_DATABASE_URL)' : 'PGlite in a temporary data directory'}\n`);
  for (const families of sizes(options)) {
    const runCount = runsOverride() ?? (families >= 50_000 ? 1 : 3);
    const runs: Run[] = [];
    for (let i = 0; i < runCount; i++) {
      process.stderr.write(`council: ${families.toLocaleString('en-GB')} families, run ${i + 1} of ${runCount}\n`);
      runs.push(await runOnce(families, plans));
    }
    out.push(...results(families, runs));
  }
  return out;
}
