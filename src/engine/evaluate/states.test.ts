import { describe, expect, it } from 'vitest';
import { addDays, parseDay } from '../calendar/day.ts';
import type { State } from '../plan/plan-schema.ts';
import { prepareTimeline } from '../timeline/prepared-timeline.ts';
import { createContext, household } from './context.ts';
import { containsDay, normalise } from './intervals.ts';
import { stateEvents, stateHoldsOn, stateIntervals } from './states.ts';
import { family, minimalPlan } from './testing/fixtures.ts';

const plan = minimalPlan();

const tl = prepareTimeline(
  family([
    { type: 'benefit', person: 'A1', benefit: 'JSA', start: '2019-01-01', end: '2019-03-31' },
    { type: 'benefit', person: 'A1', benefit: 'UC', start: '2019-04-01' },
    { type: 'employment', person: 'A1', start: '2019-03-01', end: '2019-05-15', hoursPerWeek: 30 },
    { type: 'custody', person: 'A1', start: '2018-06-01', end: '2019-02-10' },
    // Listed out of date order: the index sorts by start, and stateHoldsOn stops at the first event
    // starting after the day it asks about.
    { type: 'benefit', person: 'A1', benefit: 'ESA', start: '2018-05-10', end: '2018-06-30' },
  ]),
  plan.calendar,
);
const a1 = { id: 'A1', member: tl.members[0]! };

const onBenefit: State = { active: { events: 'benefit' } };
const inWork: State = { active: { events: 'employment', where: { hoursPerWeek: { atLeast: 16 } } } };
const states: Record<string, State> = {
  'on a benefit (two adjacent spells)': onBenefit,
  'on JSA and in work': { allOf: [{ active: { events: 'benefit', where: { benefit: 'JSA' } } }, inWork] },
  'on a benefit or in work': { anyOf: [onBenefit, inWork] },
  'not in work': { not: inWork },
  'in custody, released within 3 months': { active: { events: 'custody' }, endingWithin: 'P3M' },
};

describe('stateHoldsOn', () => {
  it.each(Object.entries(states))('agrees with the state’s intervals on every day: %s', (_name, state) => {
    const now = parseDay('2019-01-15');
    const ctx = createContext(plan, tl, parseDay('2020-03-31'), now, 'indicator', 'crime', undefined);
    const intervals = stateIntervals(state, a1, ctx).intervals;
    let holds = 0;
    for (let d = parseDay('2018-05-01'); d <= parseDay('2019-07-01'); d = addDays(d, 1)) {
      expect(stateHoldsOn(state, a1, ctx, d)).toBe(containsDay(intervals, d));
      if (containsDay(intervals, d)) holds++;
    }
    expect(holds).toBeGreaterThan(0);
  });

  it('reads only the subject’s own events', () => {
    const ctx = createContext(plan, tl, parseDay('2020-03-31'), parseDay('2019-02-01'), 'indicator', 'crime', undefined);
    expect(stateHoldsOn(onBenefit, { id: 'A2', member: tl.members[1]! }, ctx, parseDay('2019-02-01'))).toBe(false);
    expect(stateHoldsOn(onBenefit, household, ctx, parseDay('2019-02-01'))).toBe(true);
  });
});

describe('stateIntervals and stateEvents', () => {
  const ctx = createContext(plan, tl, parseDay('2020-03-31'), parseDay('2019-01-15'), 'indicator', 'crime', undefined);

  it('merge an active state’s spells as normalising them would (adjacent spells join)', () => {
    const overlapping = prepareTimeline(
      family([
        { type: 'benefit', person: 'A1', benefit: 'JSA', start: '2019-01-01', end: '2019-01-31' },
        { type: 'benefit', person: 'A1', benefit: 'ESA', start: '2019-01-10', end: '2019-01-20' },
        { type: 'benefit', person: 'A1', benefit: 'IS', start: '2019-02-01', end: '2019-02-10' },
        { type: 'benefit', person: 'A1', benefit: 'CA', start: '2019-03-01', end: '2019-03-05' },
      ]),
      plan.calendar,
    );
    const own = { id: 'A1', member: overlapping.members[0]! };
    const c = createContext(plan, overlapping, parseDay('2020-03-31'), parseDay('2019-06-01'), 'indicator', 'crime', undefined);
    const state = stateIntervals(onBenefit, own, c);
    expect(state.intervals).toEqual(normalise(state.events.map((e) => [e.start, e.end] as const)));
    expect(state.intervals).toEqual([
      [parseDay('2019-01-01'), parseDay('2019-02-10')],
      [parseDay('2019-03-01'), parseDay('2019-03-05')],
    ]);
  });

  it.each(Object.entries(states))('give the same events, in the same order, without intervals: %s', (_name, state) => {
    const want = stateIntervals(state, a1, ctx).events.map((e) => e.id);
    expect(stateEvents(state, a1, ctx).map((e) => e.id)).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
  });
});
