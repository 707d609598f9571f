/** Calendar quarters (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec) and calendar months. */
import { InvalidPeriodError } from '../errors.ts';
import { dayFrom, daysInMonth, toYmd, type Day } from './day.ts';
import type { DateRange } from './date-range.ts';

export interface Quarter extends DateRange {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4;
}

export function quarterOf(d: Day): Quarter {
  const { year, month } = toYmd(d);
  return quarterFrom(year, (Math.floor((month - 1) / 3) + 1) as Quarter['quarter']);
}

export function quarterFrom(year: number, quarter: Quarter['quarter']): Quarter {
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    year,
    quarter,
    start: dayFrom(year, firstMonth, 1),
    end: dayFrom(year, firstMonth + 2, daysInMonth(year, firstMonth + 2)),
  };
}

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? quarterFrom(q.year - 1, 4) : quarterFrom(q.year, (q.quarter - 1) as Quarter['quarter']);
}

/** The `n` full quarters before the quarter containing `d`, oldest first, as one range. */
export function fullQuartersBefore(d: Day, n: number): DateRange & { quarters: Quarter[] } {
  const quarters: Quarter[] = [];
  let q = previousQuarter(quarterOf(d));
  for (let i = 0; i < n; i++) {
    quarters.unshift(q);
    q = previousQuarter(q);
  }
  return { start: quarters[0]!.start, end: quarters[quarters.length - 1]!.end, quarters };
}

export function quarterLabel(q: Quarter): string {
  return `${q.year} Q${q.quarter}`;
}

const monthPattern = /^(\d{4})-(\d{2})$/;

/** A calendar month as a range; `YYYY-MM`. */
export function parseMonth(text: string): DateRange & { year: number; month: number } {
  const m = monthPattern.exec(text);
  if (!m) throw new InvalidPeriodError('month', text, 'expected YYYY-MM');
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new InvalidPeriodError('month', text, `month ${month} does not exist`);
  return { year, month, start: dayFrom(year, month, 1), end: dayFrom(year, month, daysInMonth(year, month)) };
}
