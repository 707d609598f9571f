/**
 * Statuses-only evaluation (`explain: false`) takes shortcuts: rules return shared bare results and
 * count without building lists. It must reach the same verdict as a fully explained evaluation, less
 * the figures and explanations of indicators and outcomes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTimelines } from '../../src/generator/index.ts';
import { parseDay } from '../../src/engine/calendar/day.ts';
import { parsePlan } from '../../src/engine/plan/plan-loader.ts';
import { parseTimeline } from '../../src/engine/timeline/parse-timeline.ts';
import { prepareTimeline } from '../../src/engine/timeline/prepared-timeline.ts';
import { evaluatePrepared } from '../../src/engine/evaluate/evaluate.ts';
import type { Verdict } from '../../src/engine/evaluate/verdict.ts';

/** The verdict with the parts statuses-only evaluation leaves out blanked. */
function statusesOf(v: Verdict): Verdict {
  return {
    ...v,
    problems: v.problems.map((p) => ({
      ...p,
      indicators: p.indicators.map((i) => ({ ...i, explanation: '', subjects: i.subjects.map((s) => ({ ...s, figures: [], explanation: '' })) })),
      outcomes: p.outcomes.map((o) => ({ ...o, explanation: '', subjects: o.subjects.map((s) => ({ ...s, figures: [], explanation: '' })) })),
    })),
  };
}

describe.each(['southampton', 'southwark', 'leicester', 'hampshire', 'bath-ne-somerset'])('statuses-only evaluation under %s', (name) => {
  const plan = parsePlan(readFileSync(new URL(`../../plans/${name}.yaml`, import.meta.url), 'utf8'), `plans/${name}.yaml`);
  const timelines = [...generateTimelines({ families: 60, seed: 11, eventsPerFamily: 100 })].map((input) => parseTimeline(input, input.familyId));

  it('reaches the explained verdict, less figures and explanations', () => {
    let metOutcomes = 0;
    for (const asOf of ['2019-03-31', '2020-03-31']) {
      for (const tl of timelines) {
        const prepared = prepareTimeline(tl, plan.calendar);
        const explained = evaluatePrepared(plan, prepared, parseDay(asOf));
        const statuses = evaluatePrepared(plan, prepared, parseDay(asOf), { explain: false });
        expect(statusesOf(statuses)).toEqual(statusesOf(explained));
        // Statuses only means no words at all: not even an outcome that applies to nobody is explained.
        expect(statuses.problems.flatMap((p) => [...p.indicators, ...p.outcomes]).filter((r) => r.explanation !== '')).toEqual([]);
        metOutcomes += explained.problems.flatMap((p) => p.outcomes).filter((o) => o.status === 'met').length;
      }
    }
    // The sample must exercise outcomes, not only indicators.
    expect(metOutcomes).toBeGreaterThan(0);
  });
});
