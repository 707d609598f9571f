/**
 * The rules engine benchmark's measurements, run as a process of their own by evaluate.bench.ts
 * (pinned to one CPU there): `node --import ./bin/register-typescript.mjs bench/evaluate-passes.ts
 * [--quick] [--headline-only]` prints the results as JSON on its last line.
 *
 * 100,000 generated families (about 4 members and 100 events each) evaluated against Southampton.
 * Families are generated and validated in chunks outside the timed region (so memory stays flat),
 * and only preparation + evaluation is timed. Target: the whole 100,000 in under 5 s on one core,
 * under 1 GB.
 *
 * The headline (first row, compared with the target) is full evaluation with explanations, as the
 * family page, the CLI's `evaluate` and identification (which lists the rows behind each met
 * indicator) give. The same families are then evaluated statuses-only (`explain: false`, as tracking
 * lists run). Those totals are reported beside the headline, never in its place. The statuses-only
 * pass runs second on each chunk, when its events are warm in the cache.
 *
 * A separate pass generates the same households again and evaluates them, first on each chunk, as an
 * identification run sees them: identified on the as-of date, not yet engaged (so outcomes are not
 * yet measured), with explanations. Also reported beside the headline. Each pass also records
 * process CPU time, steadier than wall time on a shared machine.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { formatDay, parseDay } from '../src/engine/calendar/day.ts';
import { evaluatePrepared, parsePlan, parseTimeline, prepareTimeline, type Timeline } from '../src/engine/index.ts';
import { generateTimelines } from '../src/generator/index.ts';
import { allocationProbeMs, median, withPeakRss, type BenchResult } from './harness.ts';

const plan = parsePlan(readFileSync(new URL('../plans/southampton.yaml', import.meta.url), 'utf8'), 'plans/southampton.yaml');
const asOf = parseDay('2020-03-31');
const chunkSize = 2_000;
const identificationProgramme: Timeline['programme'] = { identifiedOn: formatDay(asOf), engagedOn: null, closedOn: null };

interface Pass {
  evaluateMs: number;
  /** Process CPU time (user + system) over the explained evaluation. */
  evaluateCpuMs: number;
  /** The same families evaluated with `explain: false` (statuses only, as tracking lists use). */
  statusesMs: number;
  validateMs: number;
  events: number;
  eligible: number;
  ssp: number;
  ce: number;
}

/**
 * The generated families, validated (the time that takes added to `validation.ms`), in chunks of
 * {@link chunkSize}, each given to `evaluate` before the next is made, so memory stays flat.
 * `programme`, when given, replaces each family's programme dates.
 */
function inChunks(families: number, validation: { ms: number }, programme: Timeline['programme'] | undefined, evaluate: (chunk: readonly Timeline[]) => void): void {
  let chunk: Timeline[] = [];
  for (const input of generateTimelines({ families, seed: 2026, eventsPerFamily: 100 })) {
    const t = performance.now();
    chunk.push(parseTimeline(programme ? { ...input, programme } : input, input.familyId));
    validation.ms += performance.now() - t;
    if (chunk.length === chunkSize) {
      evaluate(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) evaluate(chunk);
}

/** `statuses`: also evaluate each chunk statuses-only, after the explained evaluation. */
function pass(families: number, statuses: boolean): Pass {
  const result: Pass = { evaluateMs: 0, evaluateCpuMs: 0, statusesMs: 0, validateMs: 0, events: 0, eligible: 0, ssp: 0, ce: 0 };
  const validation = { ms: 0 };
  inChunks(families, validation, undefined, (chunk) => {
    let t = performance.now();
    const cpu = process.cpuUsage();
    for (const timeline of chunk) {
      const verdict = evaluatePrepared(plan, prepareTimeline(timeline, plan.calendar), asOf);
      if (verdict.eligible) result.eligible++;
      if (verdict.claims.significantAndSustainedProgress.claimable) result.ssp++;
      if (verdict.claims.continuousEmployment.claimable) result.ce++;
    }
    result.evaluateMs += performance.now() - t;
    const used = process.cpuUsage(cpu);
    result.evaluateCpuMs += (used.user + used.system) / 1000;
    if (statuses) {
      t = performance.now();
      for (const timeline of chunk) evaluatePrepared(plan, prepareTimeline(timeline, plan.calendar), asOf, { explain: false });
      result.statusesMs += performance.now() - t;
    }
    for (const timeline of chunk) result.events += timeline.events.length;
  });
  result.validateMs = validation.ms;
  return result;
}

/** The same households as identification evaluates them, first on each chunk: identified on the as-of date, not engaged, explained. */
function identificationPass(families: number): { ms: number; eligible: number } {
  const result = { ms: 0, eligible: 0 };
  inChunks(families, { ms: 0 }, identificationProgramme, (chunk) => {
    const t = performance.now();
    for (const timeline of chunk) if (evaluatePrepared(plan, prepareTimeline(timeline, plan.calendar), asOf).eligible) result.eligible++;
    result.ms += performance.now() - t;
  });
  return result;
}

export interface Measured {
  readonly families: number;
  readonly passes: readonly Pass[];
  /** Empty with `headlineOnly` (and each pass's `statusesMs` 0). */
  readonly identifications: ReadonlyArray<{ ms: number; eligible: number }>;
  readonly peakRssMiB: number;
  /** The allocation probe (harness.ts) in this process, before and after, in ms. */
  readonly probeMs: readonly [number, number];
}

/** Runs the passes in this process: `headlineOnly` evaluates with explanations only (no statuses-only or identification pass). */
export async function measure(quick: boolean, headlineOnly: boolean): Promise<Measured> {
  const families = quick ? 5_000 : 100_000;
  const runs = quick ? 1 : 3;
  const passes: Pass[] = [];
  const identifications: Array<{ ms: number; eligible: number }> = [];
  const before = allocationProbeMs();
  const { peakRssMiB } = await withPeakRss(() => {
    for (let i = 0; i < runs; i++) {
      passes.push(pass(families, !headlineOnly));
      if (!headlineOnly) identifications.push(identificationPass(families));
    }
  });
  return { families, passes, identifications, peakRssMiB, probeMs: [before, allocationProbeMs()] };
}

/**
 * The benchmark's rows: `oneCpu` is the measurement compared with the target (made on one core when
 * `pinned`), `free` the headline's families in a process left free to use every core.
 */
export function results(oneCpu: Measured, pinned: boolean, free: Measured | undefined): BenchResult[] {
  const where = pinned ? 'on one core (pinned to CPU 0 with taskset)' : 'NOT pinned to one core (taskset is not available here): the collector and compiler threads may use other cores';
  const { families, passes, identifications, peakRssMiB } = oneCpu;
  const first = passes[0]!;
  const notes = `${where}; allocation probe ${oneCpu.probeMs.join(' → ')} ms. ${families.toLocaleString('en-GB')} families, ${(first.events / families).toFixed(0)} events each on average; eligible ${first.eligible}, SSP claimable ${first.ssp}, CE claimable ${first.ce} as of 2020-03-31`;
  const evalSeconds = passes.map((p) => p.evaluateMs / 1000);
  const statusSeconds = passes.map((p) => p.statusesMs / 1000);
  const cpuRates = passes.map((p) => families / (p.evaluateCpuMs / 1000));
  return [
    {
      name: `evaluate ${families.toLocaleString('en-GB')} families (Southampton) ${pinned ? 'on one core' : 'NOT pinned to one core'}, with explanations: the figure compared with the target`,
      unit: 's',
      median: median(evalSeconds),
      runs: evalSeconds,
      peakRssMiB,
      target: families === 100_000 ? '< 5 s, < 1024 MiB' : '',
      notes,
    },
    { name: 'evaluate, with explanations: families per second', unit: 'families/s', median: median(evalSeconds.map((s) => families / s)), runs: evalSeconds.map((s) => families / s) },
    { name: 'evaluate, with explanations: families per CPU-second', unit: 'families/cpu-s', median: median(cpuRates), runs: cpuRates },
    {
      name: `evaluate ${families.toLocaleString('en-GB')} families, statuses only (explain: false)`,
      unit: 's',
      median: median(statusSeconds),
      runs: statusSeconds,
      notes: 'the same families; tracking lists evaluate this way. Not the headline figure.',
    },
    {
      name: 'evaluate, statuses only (explain: false): families per second',
      unit: 'families/s',
      median: median(statusSeconds.map((s) => families / s)),
      runs: statusSeconds.map((s) => families / s),
    },
    {
      name: `evaluate ${families.toLocaleString('en-GB')} households as identification does (identified on the as-of date, not engaged), with explanations`,
      unit: 's',
      median: median(identifications.map((p) => p.ms / 1000)),
      runs: identifications.map((p) => p.ms / 1000),
      notes: `the same households, generated again and evaluated first on each chunk; ${identifications[0]!.eligible} eligible. Not the headline figure.`,
    },
    ...(free
      ? [
          {
            name: `evaluate ${families.toLocaleString('en-GB')} families, with explanations, on any CPU (not one core)`,
            unit: 's',
            median: median(free.passes.map((p) => p.evaluateMs / 1000)),
            runs: free.passes.map((p) => p.evaluateMs / 1000),
            peakRssMiB: free.peakRssMiB,
            notes: `the headline's families in a process not pinned, so V8's garbage collector and compiler threads also run on the other cores (as the benchmark measured before December 2026); allocation probe ${free.probeMs.join(' → ')} ms. Not the headline figure.`,
          },
        ]
      : []),
    { name: 'validate timelines (zod): families per second', unit: 'families/s', median: median(passes.map((p) => families / (p.validateMs / 1000))), runs: passes.map((p) => families / (p.validateMs / 1000)) },
  ];
}

// Run as a script (by evaluate.bench.ts): measure, and print the measurement as JSON on the last line.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const measured = await measure(process.argv.includes('--quick'), process.argv.includes('--headline-only'));
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}
