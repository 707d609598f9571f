import { describe, expect, it } from 'vitest';
import { formatDay, parseDay } from '../calendar/day.ts';
import { parseMonth } from '../calendar/quarter.ts';
import { generateTimelines } from '../../generator/index.ts';
import { family, minimalPlan } from '../evaluate/testing/fixtures.ts';
import { openEnd, prepareTimeline, type PreparedEvent } from './prepared-timeline.ts';
import { parseTimeline } from './parse-timeline.ts';
import { timelineEvent } from './timeline-schema.ts';

const plan = minimalPlan();

const tl = prepareTimeline(
  family([
    { id: 'o3', type: 'offence', person: 'A1', date: '2019-03-01' },
    { id: 'c1', type: 'police-callout', domestic: false, date: '2019-02-01' },
    { id: 'o1', type: 'offence', person: 'C1', date: '2019-01-15' },
    { id: 'o2', type: 'offence', person: 'A1', date: '2019-01-15' },
    { id: 'b1', type: 'benefit', person: 'A1', benefit: 'JSA', start: '2018-06-01' },
    { id: 'w1', type: 'earnings', person: 'A2', month: '2019-02', amount: 900 },
    { id: 'w2', type: 'earnings', person: 'A2', month: '2019-01', amount: 800 },
  ]),
  plan.calendar,
);

const ids = (list: readonly PreparedEvent[] | undefined) => list?.map((e) => e.id);

describe('prepareTimeline', () => {
  it('lists each type sorted by start date, then input order', () => {
    expect(ids(tl.events.ofType('offence'))).toEqual(['o1', 'o2', 'o3']);
    expect(ids(tl.events.ofType('earnings'))).toEqual(['w2', 'w1']);
  });

  it('sorts a list in any order, equal dates keeping input order, and gives events without an id their position', () => {
    const dates = ['2019-05-01', '2019-01-01', '2019-03-01', '2019-01-01', '2018-12-31', '2019-05-01', '2019-02-01'];
    const shuffled = prepareTimeline(family(dates.map((date) => ({ type: 'offence' as const, person: 'A1', date }))), plan.calendar);
    expect(ids(shuffled.events.ofType('offence'))).toEqual(['e4', 'e1', 'e3', 'e6', 'e2', 'e0', 'e5']);
    expect(shuffled.events.ofPerson('A1', 'offence')!.map((e) => formatDay(e.start))).toEqual([...dates].sort());
  });

  it('indexes each person’s events by type, in the same order, with household events under ""', () => {
    expect(ids(tl.events.ofPerson('A1', 'offence'))).toEqual(['o2', 'o3']);
    expect(ids(tl.events.ofPerson('C1', 'offence'))).toEqual(['o1']);
    expect(ids(tl.events.ofPerson('', 'police-callout'))).toEqual(['c1']);
    expect(tl.events.ofPerson('C2', 'offence')).toBeUndefined();
  });

  it('gives a type held by one person that person’s events, and no one else any', () => {
    expect(ids(tl.events.ofPerson('A2', 'earnings'))).toEqual(['w2', 'w1']);
    expect(tl.events.ofPerson('A1', 'earnings')).toBeUndefined();
    expect(tl.events.ofPerson('A1', 'police-callout')).toBeUndefined();
  });

  it('knows which types the family has without preparing them', () => {
    const fresh = prepareTimeline(family([{ id: 'x', type: 'offence', person: 'A1', date: '2019-03-01' }]), plan.calendar);
    expect(fresh.events.has('offence')).toBe(true);
    expect(fresh.events.has('earnings')).toBe(false);
    expect(fresh.events.ofType('earnings')).toBeUndefined();
    // Prepared once: the same list each time it is asked for.
    expect(fresh.events.ofType('offence')).toBe(fresh.events.ofType('offence'));
  });

  it('gives spells and months their ranges: an open spell runs to openEnd, earnings span the month', () => {
    const [benefit] = tl.events.ofType('benefit')!;
    expect(benefit!.end).toBe(openEnd);
    expect(benefit!.ended).toBe(false);
    const [january] = tl.events.ofType('earnings')!;
    expect([formatDay(january!.start), formatDay(january!.end)]).toEqual(['2019-01-01', '2019-01-31']);
  });

  it('dates every type of event by its own fields: a day, a spell, a school term or a month', () => {
    const rangeOf = (raw: object): [number, number] => {
      const r = raw as { date?: string; start?: string; end?: string | null; term?: string; month?: string };
      if (r.date !== undefined) return [parseDay(r.date), parseDay(r.date)];
      if (r.start !== undefined) return [parseDay(r.start), r.end ? parseDay(r.end) : openEnd];
      if (r.term !== undefined) return [plan.calendar.byName(r.term).start, plan.calendar.byName(r.term).end];
      const month = parseMonth(r.month!);
      return [month.start, month.end];
    };
    const seen = new Set<string>();
    for (const input of generateTimelines({ families: 150, seed: 3, eventsPerFamily: 100 })) {
      const prepared = prepareTimeline(parseTimeline(input, input.familyId), plan.calendar);
      for (const raw of prepared.source.events) {
        const e = prepared.events.ofType(raw.type)!.find((p) => p.raw === raw)!;
        expect([e.start, e.end], `${raw.type} ${JSON.stringify(raw)}`).toEqual(rangeOf(raw));
        seen.add(raw.type);
      }
    }
    // The generator makes nearly every type the contract has; all four ways of dating are among them.
    expect(seen.size).toBeGreaterThan(timelineEvent.options.length - 4);
    expect(['offence', 'benefit', 'attendance', 'earnings'].every((t) => seen.has(t))).toBe(true);
  });
});
