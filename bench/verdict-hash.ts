/**
 * A guard for engine optimisations: a fingerprint of every verdict (with and without explanations)
 * for 600 generated families at three dates under each plan. Run before and after a change that
 * should not alter any verdict; the lines must be identical.
 * `node --import ./bin/register-typescript.mjs bench/verdict-hash.ts`
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseDay } from '../src/engine/calendar/day.ts';
import { evaluatePrepared, parsePlan, parseTimeline, prepareTimeline } from '../src/engine/index.ts';
import { generateTimelines } from '../src/generator/index.ts';
for (const p of ['southampton', 'southwark', 'leicester', 'hampshire', 'bath-ne-somerset']) {
  const plan = parsePlan(readFileSync(new URL(`../plans/${p}.yaml`, import.meta.url), 'utf8'), `plans/${p}.yaml`);
  const h = createHash('sha256'); const h2 = createHash('sha256');
  for (const input of generateTimelines({ families: 600, seed: 7, eventsPerFamily: 100 })) {
    const tl = parseTimeline(input, input.familyId);
    for (const asOf of ['2018-06-30', '2019-03-31', '2020-03-31']) {
      h.update(JSON.stringify(evaluatePrepared(plan, prepareTimeline(tl, plan.calendar), parseDay(asOf))));
      h2.update(JSON.stringify(evaluatePrepared(plan, prepareTimeline(tl, plan.calendar), parseDay(asOf), { explain: false })));
    }
  }
  console.log(p, h.digest('hex').slice(0, 16), h2.digest('hex').slice(0, 16));
}
