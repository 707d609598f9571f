import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../calendar/day.ts';
import type { Window } from '../plan/plan-schema.ts';
import { createContext } from './context.ts';
import { family, minimalPlan } from './testing/fixtures.ts';
import { resolveWindow } from './windows.ts';
import { prepareTimeline } from '../timeline/prepared-timeline.ts';

const plan = minimalPlan();

function resolve(w: Window, now: string, engagedOn = '2019-01-01') {
  const tl = prepareTimeline(family([], { engagedOn }), plan.calendar);
  const ctx = createContext(plan, tl, parseDay(now), parseDay(now), 'outcome', 'crime', undefined);
  const r = resolveWindow(w, ctx);
  if (!r.ok) throw new Error(`unresolved: ${r.missing}`);
  return { start: formatDay(r.window.start), end: formatDay(r.window.end), months: r.window.months, terms: r.window.terms?.map((t) => t.name) };
}

describe('windows', () => {
  it('"the last 6 months" ends on the day and clamps at month ends', () => {
    expect(resolve({ last: 'P6M' }, '2019-07-01')).toMatchObject({ start: '2019-01-02', end: '2019-07-01', months: 6 });
    expect(resolve({ last: 'P6M' }, '2019-08-31')).toMatchObject({ start: '2019-03-01', end: '2019-08-31' });
    expect(resolve({ last: 'P6M' }, '2020-02-29')).toMatchObject({ start: '2019-08-30', end: '2020-02-29' });
  });
  it('"the previous 6 months" is the six months before those', () => {
    expect(resolve({ last: 'P6M', offset: 'P6M' }, '2019-08-31')).toMatchObject({ start: '2018-09-01', end: '2019-02-28' });
  });
  it('"the 12 months before engagement" ends the day before', () => {
    expect(resolve({ last: 'P12M', before: 'engaged' }, '2019-07-01', '2019-03-01')).toMatchObject({ start: '2018-03-01', end: '2019-02-28' });
  });
  it('"four full quarters before the quarter of intervention"', () => {
    expect(resolve({ fullQuarters: 4, before: 'engaged' }, '2019-07-01', '2019-02-14')).toMatchObject({ start: '2018-01-01', end: '2018-12-31', months: 12 });
  });
  it('"three full terms before the quarter in which intervention started"', () => {
    // Engaged 14 May 2019 (quarter from 1 Apr 2019): terms ended by 31 Mar 2019 — Easter 2019 was 21 April, so spring 2019 had not ended.
    expect(resolve({ fullTerms: 3, beforeQuarterOf: 'engaged' }, '2019-07-01', '2019-05-14').terms).toEqual(['2018-spring', '2018-summer', '2018-autumn']);
    expect(resolve({ fullTerms: 3 }, '2019-07-31').terms).toEqual(['2018-autumn', '2019-spring', '2019-summer']);
    expect(resolve({ fullTerms: 3 }, '2019-07-30').terms).toEqual(['2018-summer', '2018-autumn', '2019-spring']);
  });
});
