/**
 * For profiling the rules engine (not a benchmark with a target; see evaluate.bench.ts, which runs it on one core):
 * `N=3000 EXPLAIN=0 PLAN=southampton node --import ./bin/register-typescript.mjs bench/profile-engine.ts`
 * prints families per CPU-second (process CPU time, steadier than wall time on a shared machine),
 * median of REPS passes over the same generated families. Add `--cpu-prof` to node for a profile.
 */
import { readFileSync } from 'node:fs';
import { parseDay } from '../src/engine/calendar/day.ts';
import { evaluatePrepared, parsePlan, parseTimeline, prepareTimeline, type Timeline } from '../src/engine/index.ts';
import { generateTimelines } from '../src/generator/index.ts';
const planFile = process.env.PLAN ?? 'southampton';
const plan = parsePlan(readFileSync(new URL(`../plans/${planFile}.yaml`, import.meta.url), 'utf8'), `plans/${planFile}.yaml`);
const asOf = parseDay('2020-03-31');
const n = Number(process.env.N ?? 5000);
const tls: Timeline[] = [];
for (const input of generateTimelines({ families: n, seed: 2026, eventsPerFamily: 100 })) tls.push(parseTimeline(input, input.familyId));
const explain = process.env.EXPLAIN !== '0';
const reps = Number(process.env.REPS ?? 5);
const rates: number[] = [];
let sig = '';
for (let rep = 0; rep < reps; rep++) {
  const c = process.cpuUsage();
  let el = 0, ssp = 0, ce = 0;
  for (const tl of tls) {
    const v = evaluatePrepared(plan, prepareTimeline(tl, plan.calendar), asOf, { explain });
    if (v.eligible) el++;
    if (v.claims.significantAndSustainedProgress.claimable) ssp++;
    if (v.claims.continuousEmployment.claimable) ce++;
  }
  const u = process.cpuUsage(c);
  rates.push(n / ((u.user + u.system) / 1e6));
  sig = `eligible ${el} ssp ${ssp} ce ${ce}`;
}
rates.sort((a, b) => a - b);
const c = process.cpuUsage();
for (const tl of tls) prepareTimeline(tl, plan.calendar);
const u = process.cpuUsage(c);
console.log(`${planFile} explain=${explain}: median ${rates[Math.floor(reps / 2)]!.toFixed(0)} families/cpu-s (runs ${rates.map((r) => r.toFixed(0)).join(', ')}); prepare only ${(n / ((u.user + u.system) / 1e6)).toFixed(0)}/cpu-s; ${sig}`);
