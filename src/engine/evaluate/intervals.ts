/**
 * Sets of days as sorted, disjoint, non-adjacent inclusive intervals. States ("on JSA", "in work
 * 16+ hours", "earning at least the AET") are interval sets; combining them is set algebra.
 */
import type { Day } from '../calendar/day.ts';

export type Interval = readonly [Day, Day];
export type IntervalSet = readonly Interval[];

const minDay = -2_000_000 as Day;
const maxDay = 2_000_000 as Day;

/** Normalises any list of intervals: sorts, merges overlapping and adjacent ones. */
export function normalise(intervals: Iterable<Interval>): IntervalSet {
  // One copy, not a spread then a filter: states are built for every spell an outcome or claim tests.
  const sorted: Interval[] = [];
  for (const interval of intervals) if (interval[0] <= interval[1]) sorted.push(interval);
  sorted.sort((a, b) => a[0] - b[0]);
  const out: Array<[Day, Day]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1) {
      if (e > last[1]) last[1] = e;
    } else out.push([s, e]);
  }
  return out;
}

export function union(sets: readonly IntervalSet[]): IntervalSet {
  return normalise(sets.flat());
}

export function intersectAll(sets: readonly IntervalSet[]): IntervalSet {
  if (sets.length === 0) return [];
  return sets.reduce((acc, set) => intersect(acc, set));
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Array<[Day, Day]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i]!;
    const [bs, be] = b[j]!;
    const s = as > bs ? as : bs;
    const e = ae < be ? ae : be;
    if (s <= e) out.push([s, e]);
    if (ae < be) i++;
    else j++;
  }
  return out;
}

export function complement(a: IntervalSet): IntervalSet {
  const out: Array<[Day, Day]> = [];
  let cursor = minDay;
  for (const [s, e] of a) {
    if (s > cursor) out.push([cursor, (s - 1) as Day]);
    cursor = (e + 1) as Day;
  }
  if (cursor <= maxDay) out.push([cursor, maxDay]);
  return out;
}

export function clip(a: IntervalSet, start: Day, end: Day): IntervalSet {
  return intersect(a, [[start, end]]);
}

export function containsDay(a: IntervalSet, d: Day): boolean {
  return a.some(([s, e]) => s <= d && d <= e);
}

export function coversRange(a: IntervalSet, start: Day, end: Day): boolean {
  return a.some(([s, e]) => s <= start && end <= e);
}
