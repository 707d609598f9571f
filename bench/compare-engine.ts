/**
 * Compares the working tree's rules engine with a committed one in one process, alternating passes
 * over the same families (the shared machine's load swings separate runs far more than most changes
 * move them). Prints families per CPU-second for each and the median of the paired ratios.
 *
 *   git archive HEAD src/engine | (mkdir -p node_modules/.cache/engine-base && tar -x -C node_modules/.cache/engine-base)
 *   N=3000 REPS=10 EXPLAIN=1 PLAN=southampton node --import ./bin/register-typescript.mjs bench/compare-engine.ts
 *
 * (The copy lives under node_modules so that its imports resolve to the project's packages and git
 * ignores it.) The first pass or two of each are slower while the engines' caches fill.
 */
import { readFileSync } from 'node:fs';
import { parseDay } from '../src/engine/calendar/day.ts';
import * as current from '../src/engine/index.ts';
import { generateTimelines } from '../src/generator/index.ts';

type Engine = typeof current;
// ENGINE_BASE names another copy (under node_modules/.cache) to compare with, e.g. the commit before a step.
const baseDir = new URL(`../node_modules/.cache/${process.env.ENGINE_BASE ?? 'engine-base'}/src/engine/index.ts`, import.meta.url);
const base = (await import(baseDir.href)) as Engine;

const planFile = process.env.PLAN ?? 'southampton';
const text = readFileSync(new URL(`../plans/${planFile}.yaml`, import.meta.url), 'utf8');
const n = Number(process.env.N ?? 3000);
const reps = Number(process.env.REPS ?? 10);
const explain = process.env.EXPLAIN !== '0';
const asOf = parseDay('2020-03-31');
const inputs = [...generateTimelines({ families: n, seed: 2026, eventsPerFamily: 100 })];

function runner(engine: Engine): () => number {
  const plan = engine.parsePlan(text, `plans/${planFile}.yaml`);
  const timelines = inputs.map((input) => engine.parseTimeline(input, input.familyId));
  return () => {
    const start = process.cpuUsage();
    for (const timeline of timelines) engine.evaluatePrepared(plan, engine.prepareTimeline(timeline, plan.calendar), asOf, { explain });
    const used = process.cpuUsage(start);
    return n / ((used.user + used.system) / 1e6);
  };
}

const runs = { base: runner(base), current: runner(current) };
const rates = { base: [] as number[], current: [] as number[] };
for (let i = 0; i < reps; i++) {
  // Alternate which goes first, so neither always meets the other's garbage.
  for (const which of i % 2 === 0 ? (['base', 'current'] as const) : (['current', 'base'] as const)) rates[which].push(runs[which]());
}
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratios = rates.current.map((r, i) => r / rates.base[i]!);
console.log(
  `${planFile}, explain ${explain}: base ${median(rates.base).toFixed(0)}, current ${median(rates.current).toFixed(0)} families/CPU-s; ` +
    `median paired ratio ${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(' ')})`,
);
