import { describe, expect, it } from 'vitest';
import { formatDay } from '../calendar/day.ts';
import { family, minimalPlan } from '../evaluate/testing/fixtures.ts';
import { openEnd, prepareTimeline, type PreparedEvent } from './prepared-timeline.ts';

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
    expect(ids(tl.byType.get('offence'))).toEqual(['o1', 'o2', 'o3']);
    expect(ids(tl.byType.get('earnings'))).toEqual(['w2', 'w1']);
  });

  it('indexes each person’s events by type, in the same order, with household events under ""', () => {
    expect(ids(tl.byPerson.get('A1')?.get('offence'))).toEqual(['o2', 'o3']);
    expect(ids(tl.byPerson.get('C1')?.get('offence'))).toEqual(['o1']);
    expect(ids(tl.byPerson.get('')?.get('police-callout'))).toEqual(['c1']);
    expect([...(tl.byPerson.get('A1')?.keys() ?? [])].sort()).toEqual(['benefit', 'offence']);
    expect(tl.byPerson.get('C2')).toBeUndefined();
  });

  it('gives spells and months their ranges: an open spell runs to openEnd, earnings span the month', () => {
    const [benefit] = tl.byType.get('benefit')!;
    expect(benefit!.end).toBe(openEnd);
    expect(benefit!.ended).toBe(false);
    const [january] = tl.byType.get('earnings')!;
    expect([formatDay(january!.start), formatDay(january!.end)]).toEqual(['2019-01-01', '2019-01-31']);
  });
});
