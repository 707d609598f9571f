/** The period the synthetic council covers, and date helpers over it (integer days, never Date). */
import { addDays, dayFrom, formatDay, type Day } from '../engine/calendar/day.ts';
import type { Rng } from './random.ts';

/** First day of the generated history: 1 April 2017. */
export const periodStart: Day = dayFrom(2017, 4, 1);
/** Last day of the generated history: 31 March 2020. */
export const periodEnd: Day = dayFrom(2020, 3, 31);

export const daysPerYear = 365.25;

/** Uniform day in [from, to]. */
export function dayBetween(rng: Rng, from: Day, to: Day): Day {
  return addDays(from, rng.int(0, Math.max(0, to - from)));
}

/** The days of a Poisson process with `perYear` events a year over [from, to], in order. */
export function poissonDays(rng: Rng, from: Day, to: Day, perYear: number): Day[] {
  const days: Day[] = [];
  if (perYear <= 0 || to < from) return days;
  const meanGap = daysPerYear / perYear;
  let t = from - 1 + -Math.log(1 - rng.float()) * meanGap;
  while (t <= to) {
    days.push(Math.floor(t) as Day);
    t += -Math.log(1 - rng.float()) * meanGap;
  }
  return days;
}

/** `YYYY-MM-DD`, or null for an open spell. */
export function iso(d: Day): string;
export function iso(d: Day | null): string | null;
export function iso(d: Day | null): string | null {
  return d === null ? null : formatDay(d);
}
