/**
 * The rules engine benchmark's measurements, a script run as a process of its own by evaluate.bench.ts
 * (pinned to one CPU there), which turns them into the report's rows:
 * `node --import ./bin/register-typescript.mjs bench/evaluate-passes.ts [--quick] [--headline-only]`
 * prints the measurement as JSON on its last line. Only its types are imported elsewhere.
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
import { formatDay, parseDay } from '../src/engine/calendar/day.ts';
import { evaluatePrepared, parsePlan, parseTimeline, prepareTimeline, type Timeline } from '../src/engine/index.ts';
import { generateTimelines } from '../src/generator/index.ts';
import { allocationProbeMs, withPeakRss } from './harness.ts';

const plan = parsePlan(readFileSync(new URL('../plans/southampton.yaml', import.meta.url), 'utf8'), 'plans/southampton.yaml');
const asOf = parseDay('2020-03-31');
const chunkSize = 2_000;
const identificationProgramme: Timeline['programme'] = { identifiedOn: formatDay(asOf), engagedOn: null, closedOn: null };

export interface Pass {
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
async function measure(quick: boolean, headlineOnly: boolean): Promise<Measured> {
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

// Measure, and print the measurement as JSON on the last line (evaluate.bench.ts reads it).
const measured = await measure(process.argv.includes('--quick'), process.argv.includes('--headline-only'));
process.stdout.write(`${JSON.stringify(measured)}\n`);
