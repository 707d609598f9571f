/**
 * Synthetic council generation: the family timelines alone (what the rules benchmark consumes) and the
 * full extract + ground-truth files (what `family-outcomes generate` writes), at 10,000 and 100,000
 * families. Medians of several runs; files go to bench/out/ (git-ignored) and are removed afterwards.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCouncil } from '../src/generator/extracts/write-council.ts';
import { generateTimelines } from '../src/generator/index.ts';
import { median, withPeakRss, type BenchOptions, type BenchResult } from './harness.ts';

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out', 'generate');

interface Run {
  ms: number;
  families: number;
  units: number;
}

async function measure(runs: number, once: () => Run): Promise<{ runs: Run[]; peakRssMiB: number }> {
  const done: Run[] = [];
  const { peakRssMiB } = await withPeakRss(() => {
    for (let i = 0; i < runs; i++) done.push(once());
  });
  return { runs: done, peakRssMiB };
}

function timelines(families: number, eventsPerFamily: number | undefined): Run {
  const started = performance.now();
  let events = 0;
  for (const t of generateTimelines({ families, seed: 2026, ...(eventsPerFamily === undefined ? {} : { eventsPerFamily }) })) events += t.events?.length ?? 0;
  return { ms: performance.now() - started, families, units: events };
}

function extracts(families: number): Run {
  rmSync(outDir, { recursive: true, force: true });
  const started = performance.now();
  const summary = writeCouncil({ families, seed: 2026, outDir });
  const ms = performance.now() - started;
  rmSync(outDir, { recursive: true, force: true });
  return { ms, families, units: summary.totalRows };
}

function results(name: string, unit: string, m: { runs: Run[]; peakRssMiB: number }, target?: string): BenchResult[] {
  const perSecond = (f: (r: Run) => number) => m.runs.map((r) => (f(r) / r.ms) * 1000);
  const families = perSecond((r) => r.families);
  const units = perSecond((r) => r.units);
  const meanUnits = m.runs[0]!.units / m.runs[0]!.families;
  return [
    { name: `${name}: families/s`, unit: 'families/s', median: median(families), runs: families, peakRssMiB: m.peakRssMiB, ...(target ? { target } : {}) },
    { name: `${name}: ${unit}/s`, unit: `${unit}/s`, median: median(units), runs: units, peakRssMiB: m.peakRssMiB, notes: `${meanUnits.toFixed(1)} ${unit} per family; median ${(median(m.runs.map((r) => r.ms)) / 1000).toFixed(1)} s` },
  ];
}

export default async function bench(options: BenchOptions): Promise<BenchResult[]> {
  const small = options.quick ? 1_000 : 10_000;
  const large = options.quick ? 5_000 : 100_000;
  const out: BenchResult[] = [];
  const label = (n: number) => n.toLocaleString('en-GB');
  out.push(...results(`timelines, ${label(small)} families (natural density)`, 'events', await measure(options.quick ? 1 : 5, () => timelines(small, undefined))));
  out.push(...results(`timelines, ${label(large)} families (100 events each)`, 'events', await measure(options.quick ? 1 : 3, () => timelines(large, 100))));
  out.push(...results(`extracts + ground truth, ${label(small)} families`, 'rows', await measure(options.quick ? 1 : 5, () => extracts(small)), '1,000 families in seconds'));
  out.push(...results(`extracts + ground truth, ${label(large)} families`, 'rows', await measure(options.quick ? 1 : 3, () => extracts(large)), '100,000 families in minutes'));
  return out;
}
