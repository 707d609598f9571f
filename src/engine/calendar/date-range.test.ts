import { describe, expect, it } from 'vitest';
import { parseDay } from './day.ts';
import { contains, describeRange, intersect, lengthInDays, rangeToJson } from './date-range.ts';

const r = (start: string, end: string) => ({ start: parseDay(start), end: parseDay(end) });

describe('date ranges', () => {
  it('are inclusive at both ends', () => {
    const feb = r('2020-02-01', '2020-02-29');
    expect(lengthInDays(feb)).toBe(29);
    expect(contains(feb, parseDay('2020-02-01'))).toBe(true);
    expect(contains(feb, parseDay('2020-02-29'))).toBe(true);
    expect(contains(feb, parseDay('2020-03-01'))).toBe(false);
    expect(lengthInDays(r('2019-03-01', '2019-03-01'))).toBe(1);
  });

  it('intersect, meeting on a single shared day, or not at all', () => {
    expect(intersect(r('2019-01-01', '2019-06-30'), r('2019-06-30', '2019-12-31'))).toEqual(r('2019-06-30', '2019-06-30'));
    expect(intersect(r('2019-01-01', '2019-06-29'), r('2019-06-30', '2019-12-31'))).toBeUndefined();
  });

  it('read as dates for people and for JSON', () => {
    expect(describeRange(r('2019-04-01', '2019-09-30'))).toBe('1 Apr 2019 to 30 Sep 2019');
    expect(rangeToJson(r('2019-04-01', '2019-09-30'))).toEqual({ start: '2019-04-01', end: '2019-09-30' });
  });
});
