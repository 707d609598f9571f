const { readFileSync } = await import('node:fs');
const { parseDay } = await import('../src/engine/calendar/day.ts');
const { evaluatePrepared, parsePlan, parseTimeline, prepareTimeline } = await import('../src/engine/index.ts');
const { generateTimelines } = await import('../src/generator/index.ts');
const plan = parsePlan(readFileSync(new URL('../plans/southampton.yaml', import.meta.url), 'utf8'), 'plans/southampton.yaml');
const n = 1000;
const tls = [...generateTimelines({ families: n, seed: 2026, eventsPerFamily: 100 })].map((i) => parseTimeline(i, 'x'));
const reps = 20;
for (let r = 0; r < reps; r++) { if (r === 5) (globalThis as Record<string, unknown>).T = new Map(); for (const tl of tls) evaluatePrepared(plan, prepareTimeline(tl, plan.calendar), parseDay('2020-03-31'), { explain: process.env.EXPLAIN !== '0' }); }
const T = (globalThis as Record<string, unknown>).T as Map<string, [number, number]>;
let total = 0; for (const [, v] of T) total += v[0];
console.log('total outcome µs/family', (total / n / (reps - 5) * 1000).toFixed(1));
for (const [k, v] of [...T].sort((a, b) => b[1][0] - a[1][0]).slice(0, 20)) console.log((v[0] / n / (reps - 5) * 1000).toFixed(2).padStart(6), 'µs/family', (v[1] / n / (reps - 5)).toFixed(2), 'per family,', (v[0] / v[1] * 1000).toFixed(2), 'µs each', k);
