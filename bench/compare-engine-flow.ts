/**
 * As compare-engine.ts, but in the benchmark's flow: families are generated in chunks of 2,000 and
 * each chunk is evaluated (with explanations) right after it is made, as the evaluate benchmark (evaluate-passes.ts) does, by
 * both engines — each on its own copy of the chunk, made just before it runs, so that neither
 * evaluates families the other has already touched — in alternating order. Evaluating just-generated families costs more than
 * evaluating them again (docs/engine.md §5), so this can differ from the paired passes.
 *
 *   git archive HEAD src/engine | (mkdir -p node_modules/.cache/engine-base && tar -x -C node_modules/.cache/engine-base)
 *   N=24000 node --import ./bin/register-typescript.mjs bench/compare-engine-flow.ts
 *
 * Prints families per CPU-second for each and the median of order-balanced paired ratios, leaving
 * out two chunks of warm-up. Noisy on a shared machine: use many chunks. `ENGINE_BASE` names another copy under node_modules/.cache.
 */
import { readFileSync } from 'node:fs';
import { parseDay } from '../src/engine/calendar/day.ts';
import * as current from '../src/engine/index.ts';
import { generateTimelines } from '../src/generator/index.ts';

type Engine = typeof current;
type Timeline = ReturnType<Engine['parseTimeline']>;
const baseDir = new URL(`../node_modules/.cache/${process.env.ENGINE_BASE ?? 'engine-base'}/src/engine/index.ts`, import.meta.url);
const base = (await import(baseDir.href)) as Engine;

const text = readFileSync(new URL('../plans/southampton.yaml', import.meta.url), 'utf8');
const asOf = parseDay('2020-03-31');
const chunkSize = 2_000;
const warmUp = 2;

function runner(engine: Engine): (chunk: readonly Timeline[]) => number {
  const plan = engine.parsePlan(text, 'plans/southampton.yaml');
  return (chunk) => {
    const start = process.cpuUsage();
    for (const timeline of chunk) engine.evaluatePrepared(plan, engine.prepareTimeline(timeline, plan.calendar), asOf);
    const used = process.cpuUsage(start);
    return chunk.length / ((used.user + used.system) / 1e6);
  };
}

const runs = { base: runner(base), current: runner(current) };
const rates = { base: [] as number[], current: [] as number[] };
let chunk: Timeline[] = [];
let chunks = 0;
for (const input of generateTimelines({ families: Number(process.env.N ?? 24_000), seed: 2026, eventsPerFamily: 100 })) {
  chunk.push(current.parseTimeline(input, input.familyId));
  if (chunk.length < chunkSize) continue;
  const [first, second] = chunks++ % 2 === 0 ? (['base', 'current'] as const) : (['current', 'base'] as const);
  rates[first].push(runs[first](chunk));
  // The second engine's copy is made just before it runs, as the chunk was for the first.
  rates[second].push(runs[second](chunk.map((t) => structuredClone(t))));
  chunk = [];
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratios = rates.current.map((r, i) => r / rates.base[i]!).slice(warmUp);
// Going first or second moves a chunk's rate by more than most changes, so each ratio measured with
// the current engine first is paired with one measured with it second: their geometric mean cancels
// the order's effect.
const balanced: number[] = [];
for (let i = 0; i + 1 < ratios.length; i += 2) balanced.push(Math.sqrt(ratios[i]! * ratios[i + 1]!));
console.log(
  `benchmark flow, with explanations: base ${median(rates.base.slice(warmUp)).toFixed(0)}, current ${median(rates.current.slice(warmUp)).toFixed(0)} families/CPU-s; ` +
    `median of order-balanced ratios ${median(balanced).toFixed(2)} (${balanced.map((r) => r.toFixed(2)).join(' ')}; single ratios ${ratios.map((r) => r.toFixed(2)).join(' ')})`,
);
