import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidPeriodError } from '../errors.ts';
import { addMonths, ageOn, dayFrom, formatDay, formatDayLong, parseDay, toYmd, weekday } from './day.ts';

describe('day numbers', () => {
  it('agree with the platform calendar for every day from 1900 to 2100', () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2100, 11, 31) / 86_400_000;
    for (let n = first; n <= last; n++) {
      const js = new Date(n * 86_400_000);
      const ymd = toYmd(n as never);
      if (ymd.year !== js.getUTCFullYear() || ymd.month !== js.getUTCMonth() + 1 || ymd.day !== js.getUTCDate()) {
        expect(ymd).toEqual({ year: js.getUTCFullYear(), month: js.getUTCMonth() + 1, day: js.getUTCDate() });
      }
    }
    expect(dayFrom(2019, 2, 28)).toBe(Date.UTC(2019, 1, 28) / 86_400_000);
  });

  it('round-trips through text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 60_000 }), (n) => {
        expect(parseDay(formatDay(n as never))).toBe(n);
      }),
    );
  });

  it('formats days that share a slot of the formatting cache, each as itself, in any order', () => {
    // Days 4,096 apart share a slot (day.ts `formattedCache`); so do negative days with positive ones.
    const days = [parseDay('2019-04-01'), parseDay('2019-04-01') + 4096, parseDay('2019-04-01') - 4096, parseDay('1960-01-01'), parseDay('1960-01-01') + 4096];
    for (let round = 0; round < 3; round++) {
      for (const d of round === 1 ? [...days].reverse() : days) {
        const { year, month, day } = toYmd(d as never);
        expect(formatDay(d as never)).toBe(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
        expect(formatDayLong(d as never)).toBe(new Date(d * 86_400_000).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).replace('Sept', 'Sep'));
      }
    }
    expect(formatDayLong(parseDay('2019-04-01'))).toBe('1 Apr 2019');
    expect(formatDay((parseDay('2019-04-01') + 4096) as never)).toBe('2030-06-18');
  });

  it('rejects impossible dates with a typed error', () => {
    expect(() => parseDay('2019-02-29')).toThrow(InvalidPeriodError);
    expect(() => parseDay('2019-02-30')).toThrow(/2019-02 has 28 days/);
    expect(() => parseDay('2019-13-01')).toThrow(/month 13/);
    expect(() => parseDay('01/02/2019')).toThrow(/YYYY-MM-DD/);
    expect(formatDay(parseDay('2020-02-29'))).toBe('2020-02-29');
  });
});

describe('month arithmetic clamps to the end of the month', () => {
  it.each([
    ['2019-08-31', 6, '2020-02-29'],
    ['2018-08-31', 6, '2019-02-28'],
    ['2020-02-29', 12, '2021-02-28'],
    ['2019-01-31', 1, '2019-02-28'],
    ['2019-03-31', -1, '2019-02-28'],
    ['2019-07-15', -6, '2019-01-15'],
    ['2019-12-15', 1, '2020-01-15'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(formatDay(addMonths(parseDay(from), months))).toBe(expected);
  });
});

describe('ages and weekdays', () => {
  it('counts whole years, a leap-day birthday reached on 1 March in common years', () => {
    expect(ageOn(parseDay('2002-04-01'), parseDay('2020-03-31'))).toBe(17);
    expect(ageOn(parseDay('2002-04-01'), parseDay('2020-04-01'))).toBe(18);
    expect(ageOn(parseDay('2004-02-29'), parseDay('2021-02-28'))).toBe(16);
    expect(ageOn(parseDay('2004-02-29'), parseDay('2021-03-01'))).toBe(17);
    expect(ageOn(parseDay('2004-02-29'), parseDay('2024-02-29'))).toBe(20);
  });
  it('knows 1 January 2019 was a Tuesday', () => {
    expect(weekday(parseDay('2019-01-01'))).toBe(2);
  });
});
