import { describe, expect, it } from 'vitest';
import { InvalidPeriodError } from '../errors.ts';
import { formatDay, parseDay } from './day.ts';
import { describeDuration, durationMonths, parseDuration, shift } from './duration.ts';

describe('parseDuration', () => {
  it('reads ISO 8601 durations with a single unit', () => {
    expect(parseDuration('P6M')).toEqual({ amount: 6, unit: 'M', text: 'P6M' });
    expect(parseDuration('P26W')).toEqual({ amount: 26, unit: 'W', text: 'P26W' });
    expect(parseDuration('P90D')).toEqual({ amount: 90, unit: 'D', text: 'P90D' });
    expect(parseDuration('P1Y')).toEqual({ amount: 1, unit: 'Y', text: 'P1Y' });
    expect(parseDuration('P9999D').amount).toBe(9999);
  });

  it.each(['6M', 'P6', 'P', 'p6m', 'P1.5M', 'P6M2W', 'P6MT', 'PT6H', 'P-6M', 'P10000D', ' P6M', ''])('rejects %j with a typed error', (text) => {
    expect(() => parseDuration(text)).toThrow(InvalidPeriodError);
    expect(() => parseDuration(text)).toThrow(/expected an ISO 8601 duration with one unit, such as P6M/);
  });

  it('rejects a zero-length duration', () => {
    expect(() => parseDuration('P0M')).toThrow(/at least one unit long/);
    expect(() => parseDuration('P0D')).toThrow(InvalidPeriodError);
  });
});

describe('shift', () => {
  const at = (date: string, duration: string, sign: 1 | -1 = 1) => formatDay(shift(parseDay(date), parseDuration(duration), sign));

  it('clamps months and years to the end of the month: 31 August + 6 months is the last day of February', () => {
    expect(at('2019-08-31', 'P6M')).toBe('2020-02-29');
    expect(at('2018-08-31', 'P6M')).toBe('2019-02-28');
    expect(at('2020-02-29', 'P1Y')).toBe('2021-02-28');
    expect(at('2020-02-29', 'P4Y')).toBe('2024-02-29');
    expect(at('2019-08-30', 'P6M')).toBe('2020-02-29');
    expect(at('2019-03-31', 'P1M')).toBe('2019-04-30');
  });

  it('moves back by months, clamping the same way', () => {
    expect(at('2019-08-31', 'P6M', -1)).toBe('2019-02-28');
    expect(at('2020-08-31', 'P6M', -1)).toBe('2020-02-29');
    expect(at('2019-09-30', 'P6M', -1)).toBe('2019-03-30');
    expect(at('2020-01-15', 'P12M', -1)).toBe('2019-01-15');
  });

  it('counts weeks and days exactly, across month ends and leap days', () => {
    expect(at('2019-03-01', 'P26W')).toBe('2019-08-30');
    expect(at('2020-02-01', 'P13W')).toBe('2020-05-02');
    expect(at('2020-02-28', 'P1D')).toBe('2020-02-29');
    expect(at('2019-02-28', 'P1D')).toBe('2019-03-01');
    expect(at('2019-12-31', 'P90D')).toBe('2020-03-30');
    expect(at('2019-08-30', 'P26W', -1)).toBe('2019-03-01');
  });
});

describe('durationMonths and describeDuration', () => {
  it('gives whole months for month and year durations only (used for pro-rata scaling)', () => {
    expect(durationMonths(parseDuration('P6M'))).toBe(6);
    expect(durationMonths(parseDuration('P2Y'))).toBe(24);
    expect(durationMonths(parseDuration('P26W'))).toBeUndefined();
    expect(durationMonths(parseDuration('P180D'))).toBeUndefined();
  });

  it('describes durations in words, singular and plural', () => {
    expect(describeDuration(parseDuration('P1M'))).toBe('1 month');
    expect(describeDuration(parseDuration('P6M'))).toBe('6 months');
    expect(describeDuration(parseDuration('P26W'))).toBe('26 weeks');
    expect(describeDuration(parseDuration('P1Y'))).toBe('1 year');
    expect(describeDuration(parseDuration('P1D'))).toBe('1 day');
  });
});
