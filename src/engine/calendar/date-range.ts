/** An inclusive range of days, the form every window resolves to. */
import { formatDay, formatDayLong, type Day } from './day.ts';

export interface DateRange {
  readonly start: Day;
  /** Inclusive. */
  readonly end: Day;
}

export function contains(range: DateRange, d: Day): boolean {
  return d >= range.start && d <= range.end;
}

export function lengthInDays(range: DateRange): number {
  return range.end - range.start + 1;
}

/** The overlap of two ranges, or undefined when they do not meet. */
export function intersect(a: DateRange, b: DateRange): DateRange | undefined {
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start <= end ? { start, end } : undefined;
}

export function describeRange(range: DateRange): string {
  return `${formatDayLong(range.start)} to ${formatDayLong(range.end)}`;
}

export function rangeToJson(range: DateRange): { start: string; end: string } {
  return { start: formatDay(range.start), end: formatDay(range.end) };
}
