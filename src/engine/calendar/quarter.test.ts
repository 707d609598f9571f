import { describe, expect, it } from 'vitest';
import { InvalidPeriodError } from '../errors.ts';
import { formatDay, parseDay } from './day.ts';
import { fullQuartersBefore, parseMonth, previousQuarter, quarterFrom, quarterLabel, quarterOf } from './quarter.ts';
import { lengthInDays } from './date-range.ts';

const range = (r: { start: number; end: number }) => `${formatDay(r.start as never)}..${formatDay(r.end as never)}`;

describe('quarterOf', () => {
  it.each([
    ['2019-01-01', '2019 Q1', '2019-01-01..2019-03-31'],
    ['2019-03-31', '2019 Q1', '2019-01-01..2019-03-31'],
    ['2019-04-01', '2019 Q2', '2019-04-01..2019-06-30'],
    ['2019-08-31', '2019 Q3', '2019-07-01..2019-09-30'],
    ['2019-12-31', '2019 Q4', '2019-10-01..2019-12-31'],
  ])('%s is in %s', (day, label, days) => {
    const q = quarterOf(parseDay(day));
    expect(quarterLabel(q)).toBe(label);
    expect(range(q)).toBe(days);
  });

  it('has 91 days in the first quarter of a leap year and 90 otherwise', () => {
    expect(lengthInDays(quarterFrom(2020, 1))).toBe(91);
    expect(lengthInDays(quarterFrom(2019, 1))).toBe(90);
    expect(lengthInDays(quarterFrom(2019, 4))).toBe(92);
  });

  it('steps back across a year end', () => {
    expect(quarterLabel(previousQuarter(quarterFrom(2019, 1)))).toBe('2018 Q4');
    expect(quarterLabel(previousQuarter(quarterFrom(2019, 3)))).toBe('2019 Q2');
  });
});

describe('fullQuartersBefore', () => {
  it('gives the n quarters before the quarter containing the day, oldest first', () => {
    const q = fullQuartersBefore(parseDay('2018-10-01'), 4);
    expect(q.quarters.map(quarterLabel)).toEqual(['2017 Q4', '2018 Q1', '2018 Q2', '2018 Q3']);
    expect(range(q)).toBe('2017-10-01..2018-09-30');
  });

  it('never includes the quarter the day is in, even on its last day', () => {
    expect(range(fullQuartersBefore(parseDay('2018-09-30'), 4))).toBe('2017-07-01..2018-06-30');
    expect(range(fullQuartersBefore(parseDay('2018-07-01'), 4))).toBe('2017-07-01..2018-06-30');
  });

  it('handles one quarter, a year boundary and a leap February', () => {
    expect(range(fullQuartersBefore(parseDay('2019-01-01'), 1))).toBe('2018-10-01..2018-12-31');
    expect(range(fullQuartersBefore(parseDay('2020-04-15'), 1))).toBe('2020-01-01..2020-03-31');
    expect(range(fullQuartersBefore(parseDay('2021-02-28'), 8))).toBe('2019-01-01..2020-12-31');
  });
});

describe('parseMonth', () => {
  it('gives the calendar month as a range, with leap Februaries', () => {
    expect(range(parseMonth('2020-02'))).toBe('2020-02-01..2020-02-29');
    expect(range(parseMonth('2019-02'))).toBe('2019-02-01..2019-02-28');
    expect(parseMonth('2019-12')).toMatchObject({ year: 2019, month: 12 });
  });

  it('rejects months that are not YYYY-MM or do not exist', () => {
    expect(() => parseMonth('2019-13')).toThrow(InvalidPeriodError);
    expect(() => parseMonth('2019-00')).toThrow(/month 0 does not exist/);
    expect(() => parseMonth('2019-2')).toThrow(/expected YYYY-MM/);
  });
});
