/**
 * needs-events.ts may mark a rule only when nobody without events of its types can meet it: checked
 * here against the interpreter for every rule of every plan, as indicator and as outcome, for the
 * household and every member of families with no events, at several dates.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../../src/engine/calendar/day.ts';
import { createContext, household } from '../../src/engine/evaluate/context.ts';
import { needsEvents } from '../../src/engine/evaluate/needs-events.ts';
import { evaluateRule } from '../../src/engine/evaluate/rules/evaluate-rule.ts';
import { parsePlan } from '../../src/engine/plan/plan-loader.ts';
import { parseTimeline } from '../../src/engine/timeline/parse-timeline.ts';
import { prepareTimeline } from '../../src/engine/timeline/prepared-timeline.ts';
import { generateTimelines } from '../../src/generator/index.ts';

describe.each(['southampton', 'southwark', 'leicester', 'hampshire', 'bath-ne-somerset'])('needsEvents on the rules of %s', (name) => {
  const plan = parsePlan(readFileSync(new URL(`../../plans/${name}.yaml`, import.meta.url), 'utf8'), `plans/${name}.yaml`);
  const rules = plan.problems.flatMap(({ id, problem }) => [...problem.indicators, ...problem.outcomes].map((r) => ({ problem: id, rule: r.rule })));
  // Families with every member and programme date kept but no events at all.
  const families = [...generateTimelines({ families: 30, seed: 11, eventsPerFamily: 100 })].map((input) => prepareTimeline({ ...parseTimeline(input, input.familyId), events: [] }, plan.calendar));

  it('marks no rule that someone without events meets, as indicator or as outcome', () => {
    const marked = rules.filter((r) => needsEvents(r.rule));
    expect(marked.length).toBeGreaterThan(0);
    let tested = 0;
    for (const tl of families) {
      for (const asOf of [parseDay('2019-03-31'), parseDay('2020-03-31')]) {
        for (const now of [tl.identified, tl.engaged ?? tl.identified, asOf]) {
          if (now > asOf) continue;
          for (const { problem, rule: r } of marked) {
            for (const mode of ['indicator', 'outcome'] as const) {
              const ctx = createContext(plan, tl, asOf, now, mode, problem, undefined, 'the date tested', false);
              for (const subject of [household, ...tl.members.map((m) => ({ id: m.id, member: m }))]) {
                expect(evaluateRule(r, subject, ctx).status).not.toBe('met');
                tested++;
              }
            }
          }
        }
      }
    }
    expect(tested).toBeGreaterThan(1000);
  });
});
