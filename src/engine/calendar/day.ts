/**
 * Calendar days as integers: the number of days since 1970-01-01 (the proleptic Gregorian
 * calendar, no time of day, no time zone). Integers make windows, spells and comparisons
 * exact and fast, and keep evaluation deterministic.
 *
 * Month arithmetic clamps to the end of the month, as `Temporal.PlainDate.add` does:
 *   31 Aug 2019 + 6 months = 29 Feb 2020 (a leap year); 31 Aug 2018 + 6 months = 28 Feb 2019;
 *   29 Feb 2020 + 12 months = 28 Feb 2021. Clamping never overshoots into the next month,
 *   so "six months after 31 August" is the last day of February.
 */
import { InvalidPeriodError } from '../errors.ts';

declare const dayBrand: unique symbol;
/** Days since 1970-01-01. */
export type Day = number & { readonly [dayBrand]: true };

export interface YearMonthDay {
  readonly year: number;
  readonly month: number; // 1–12
  readonly day: number; // 1–31
}

// Howard Hinnant's days_from_civil / civil_from_days (public domain), exact for all Gregorian dates.
export function dayFrom(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) as Day;
}

export function toYmd(d: Day): YearMonthDay {
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : monthLengths[month - 1]!;
}

const zero = 48;
const digit = (text: string, i: number) => {
  const c = text.charCodeAt(i) - zero;
  return c >= 0 && c <= 9 ? c : -1;
};

/** Parses `YYYY-MM-DD`; rejects impossible dates such as 2019-02-30 with an {@link InvalidPeriodError}. */
export function parseDay(text: string): Day {
  // Hand-rolled rather than a regular expression: timelines hold hundreds of dates each and this is hot.
  const y0 = digit(text, 0), y1 = digit(text, 1), y2 = digit(text, 2), y3 = digit(text, 3);
  const m0 = digit(text, 5), m1 = digit(text, 6), d0 = digit(text, 8), d1 = digit(text, 9);
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-' || (y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) {
    throw new InvalidPeriodError('date', text, 'expected YYYY-MM-DD');
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12) throw new InvalidPeriodError('date', text, `month ${month} does not exist`);
  if (day < 1 || day > daysInMonth(year, month)) {
    throw new InvalidPeriodError('date', text, `${year}-${text.slice(5, 7)} has ${daysInMonth(year, month)} days`);
  }
  return dayFrom(year, month, day);
}

/** True when `text` is a real `YYYY-MM-DD` date. */
export function isValidDay(text: string): boolean {
  try {
    parseDay(text);
    return true;
  } catch {
    return false;
  }
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Formatted days, kept in small direct-mapped tables by day number (slot `d & 4095`, about eleven
 * years before two days share one): verdicts and explanations format the same few thousand dates
 * (the as-of date, terms, quarters, programme dates) for every family of a batch.
 */
const slots = 4096;
const emptySlot = -2147483648;
function formattedCache(format: (d: Day) => string): (d: Day) => string {
  const days = new Int32Array(slots).fill(emptySlot);
  const texts = new Array<string>(slots).fill('');
  return (d) => {
    const k = d & (slots - 1);
    if (days[k] === d) return texts[k]!;
    const text = format(d);
    days[k] = d;
    texts[k] = text;
    return text;
  };
}

/** `YYYY-MM-DD`. */
export const formatDay: (d: Day) => string = formattedCache((d) => {
  const { year, month, day } = toYmd(d);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
});

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/** "1 Apr 2019": the form used in explanations. */
export const formatDayLong: (d: Day) => string = formattedCache((d) => {
  const { year, month, day } = toYmd(d);
  return `${day} ${monthNames[month - 1]} ${year}`;
});

export function addDays(d: Day, n: number): Day {
  return (d + n) as Day;
}

/** Adds calendar months, clamping the day to the end of the target month (see the module comment). */
export function addMonths(d: Day, n: number): Day {
  const { year, month, day } = toYmd(d);
  const total = year * 12 + (month - 1) + n;
  const y = Math.floor(total / 12);
  const m = (total - y * 12) + 1;
  return dayFrom(y, m, Math.min(day, daysInMonth(y, m)));
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function weekday(d: Day): number {
  // 1970-01-01 was a Thursday (4).
  return ((((d + 3) % 7) + 7) % 7) + 1;
}

/**
 * Age in whole years on `year-month-day` of someone born on `b`: {@link ageOn} with the dates already
 * split, for callers that ask it of one person at several dates.
 */
export function ageOnParts(b: YearMonthDay, year: number, month: number, day: number): number {
  let age = year - b.year;
  const leapling = b.month === 2 && b.day === 29 && !isLeapYear(year);
  const bMonth = leapling ? 3 : b.month;
  const bDay = leapling ? 1 : b.day;
  if (month < bMonth || (month === bMonth && day < bDay)) age -= 1;
  return age;
}

let recentDay = Number.NaN;
let recentParts: YearMonthDay = { year: 0, month: 1, day: 1 };

/** `toYmd` of the date last asked for, kept: members' ages are asked at the same few dates in turn. */
export function recentYmd(d: Day): YearMonthDay {
  if (d !== recentDay) {
    recentDay = d;
    recentParts = toYmd(d);
  }
  return recentParts;
}

/**
 * Whole years of age on `on` for someone born on `born`. Someone born on 29 February reaches their
 * birthday on 1 March in common years, as English law reckons it (a person attains an age at the
 * start of the anniversary of their birth, and a common year has no 29 February).
 */
export function ageOn(born: Day, on: Day): number {
  const { year, month, day } = recentYmd(on);
  return ageOnParts(toYmd(born), year, month, day);
}

export function minDay(a: Day, b: Day): Day {
  return (a < b ? a : b) as Day;
}
export function maxDay(a: Day, b: Day): Day {
  return (a > b ? a : b) as Day;
}
