/**
 * Compares the working tree's rules engine with a committed one in one process, alternating short
 * passes over the same families, and prints the median and quartiles of the paired speed-ups.
 *
 *   git archive HEAD src/engine | (mkdir -p node_modules/.cache/engine-base && tar -x -C node_modules/.cache/engine-base)
 *   N=500 PAIRS=80 EXPLAIN=1 PLAN=southampton node --import ./bin/register-typescript.mjs bench/compare-engine.ts
 *
 * `IDENTIFICATION=1` evaluates the households as identification does (identified on the as-of date,
 * not yet engaged). `SERIALISE=1` also turns each verdict into JSON, as the CLI and the API do: what a change saves in
 * evaluation by leaving work to whoever reads the verdict (V8 keeps concatenated text as a rope until
 * it is read) shows there.
 *
 * (The copy lives under node_modules so that its imports resolve to the project's packages and git
 * ignores it.) Why it is built this way: on this machine one process can run the same engine 1.5
 * times slower than the next, or change speed halfway through, for reasons outside it (December
 * 2026: separate runs of one commit gave 40 or 60 µs a family, nothing else running). Comparing
 * separate runs therefore shows nothing under about 30%. Passes of 500 families take 20–50 ms, so
 * both engines of a pair nearly always run at the same speed: the ratio within a pair is steady even
 * when the machine is not, and the quartiles show how far to trust the median.
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
const n = Number(process.env.N ?? 500);
const pairs = Number(process.env.PAIRS ?? 80);
const explain = process.env.EXPLAIN !== '0';
const serialise = process.env.SERIALISE === '1';
const asOfText = '2020-03-31';
const asOf = parseDay(asOfText);
// IDENTIFICATION=1: the households as identification evaluates them (identified on the as-of date, not engaged).
const identification = process.env.IDENTIFICATION === '1';
const inputs = [...generateTimelines({ families: n, seed: 2026, eventsPerFamily: 100 })].map((input) =>
  identification ? { ...input, programme: { identifiedOn: asOfText, engagedOn: null, closedOn: null } } : input,
);

/** A pass over every family; returns microseconds per family. */
function runner(engine: Engine): () => number {
  const plan = engine.parsePlan(text, `plans/${planFile}.yaml`);
  const timelines = inputs.map((input) => engine.parseTimeline(input, input.familyId));
  return () => {
    const start = performance.now();
    let bytes = 0;
    for (const timeline of timelines) {
      const verdict = engine.evaluatePrepared(plan, engine.prepareTimeline(timeline, plan.calendar), asOf, { explain });
      if (serialise) bytes += JSON.stringify(verdict).length;
    }
    if (serialise && bytes === 0) throw new Error('nothing serialised');
    return ((performance.now() - start) / n) * 1000;
  };
}

const runs = { base: runner(base), current: runner(current) };
// Warm-up: both engines' code optimised and their caches filled before anything is kept.
for (let i = 0; i < 20; i++) {
  runs.base();
  runs.current();
}
const times = { base: [] as number[], current: [] as number[] };
const speedUps: number[] = [];
for (let i = 0; i < pairs; i++) {
  // Alternate which goes first, so neither always meets the other's garbage.
  const order = i % 2 === 0 ? (['base', 'current'] as const) : (['current', 'base'] as const);
  const t = { base: 0, current: 0 };
  for (const which of order) t[which] = runs[which]();
  times.base.push(t.base);
  times.current.push(t.current);
  speedUps.push(t.base / t.current);
}
const quantile = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * q)]!;
console.log(
  `${planFile}${identification ? ', identification' : ''}, explain ${explain}${serialise ? ', serialised' : ''}: base ${quantile(times.base, 0.5).toFixed(1)} µs, current ${quantile(times.current, 0.5).toFixed(1)} µs a family (medians); ` +
    `speed-up (base / current) median ${quantile(speedUps, 0.5).toFixed(3)}, quartiles ${quantile(speedUps, 0.25).toFixed(3)}–${quantile(speedUps, 0.75).toFixed(3)} over ${pairs} pairs`,
);
