/**
 * Durations written as in ISO 8601 with a single unit: `P6M`, `P12M`, `P26W`, `P13W`, `P90D`, `P1Y`.
 * Plans use them for windows ("the last P6M") and sustainment ("for P26W").
 */
import { InvalidPeriodError } from '../errors.ts';
import { addDays, addMonths, type Day } from './day.ts';

export type DurationUnit = 'D' | 'W' | 'M' | 'Y';
export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
  readonly text: string;
}

const pattern = /^P(\d{1,4})([DWMY])$/;

export function parseDuration(text: string): Duration {
  const m = pattern.exec(text);
  if (!m) throw new InvalidPeriodError('duration', text, 'expected an ISO 8601 duration with one unit, such as P6M, P26W, P90D or P1Y');
  const amount = Number(m[1]);
  if (amount === 0) throw new InvalidPeriodError('duration', text, 'a duration must be at least one unit long');
  return { amount, unit: m[2] as DurationUnit, text };
}

/** Moves `d` forward (sign 1) or back (sign -1) by the duration; months and years clamp to month end. */
export function shift(d: Day, duration: Duration, sign: 1 | -1 = 1): Day {
  const n = duration.amount * sign;
  switch (duration.unit) {
    case 'D':
      return addDays(d, n);
    case 'W':
      return addDays(d, 7 * n);
    case 'M':
      return addMonths(d, n);
    case 'Y':
      return addMonths(d, 12 * n);
  }
}

/** Whole months in the duration, or undefined for day and week durations. Used for pro-rata scaling. */
export function durationMonths(duration: Duration): number | undefined {
  if (duration.unit === 'M') return duration.amount;
  if (duration.unit === 'Y') return duration.amount * 12;
  return undefined;
}

const unitWords: Record<DurationUnit, [string, string]> = {
  D: ['day', 'days'],
  W: ['week', 'weeks'],
  M: ['month', 'months'],
  Y: ['year', 'years'],
};

/** "6 months", "26 weeks", "1 year". */
export function describeDuration(duration: Duration): string {
  const [one, many] = unitWords[duration.unit];
  return `${duration.amount} ${duration.amount === 1 ? one : many}`;
}
