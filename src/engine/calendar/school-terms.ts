/**
 * English school terms and school years.
 *
 * Default term dates follow the DfE's school-census convention, so every day from September to
 * July belongs to exactly one term and term statistics line up with attendance returns:
 *   - autumn YYYY: 1 September to 31 December YYYY
 *   - spring YYYY: 1 January to Easter Sunday YYYY
 *   - summer YYYY: Easter Monday to 31 July YYYY
 * August is the summer holiday and belongs to no term. A term is named by the calendar year it
 * falls in: the 2018/19 school year is `2018-autumn`, `2019-spring`, `2019-summer`.
 * A plan may override the dates of particular terms (a council's own term calendar).
 *
 * A term is *full* before a day when it has ended on or before that day: as of 5 January 2020
 * the last three full terms are spring 2019, summer 2019 and autumn 2019 (autumn ended on
 * 31 December 2019).
 */
import { InvalidPeriodError } from '../errors.ts';
import { addDays, ageOnParts, dayFrom, formatDay, parseDay, toYmd, type Day, type YearMonthDay } from './day.ts';
import type { DateRange } from './date-range.ts';

export type Season = 'autumn' | 'spring' | 'summer';
const seasons: readonly Season[] = ['spring', 'summer', 'autumn']; // order within a calendar year

export interface SchoolTerm extends DateRange {
  readonly year: number;
  readonly season: Season;
  /** `2019-spring`. */
  readonly name: string;
}

export interface TermOverride {
  readonly term: string;
  readonly start: string;
  readonly end: string;
}

const termPattern = /^(\d{4})-(autumn|spring|summer)$/;

export function parseTermName(text: string): { year: number; season: Season } {
  const m = termPattern.exec(text);
  if (!m) throw new InvalidPeriodError('term', text, 'expected YYYY-autumn, YYYY-spring or YYYY-summer');
  return { year: Number(m[1]), season: m[2] as Season };
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFrom(year, month, day);
}

function defaultTerm(year: number, season: Season): DateRange {
  switch (season) {
    case 'autumn':
      return { start: dayFrom(year, 9, 1), end: dayFrom(year, 12, 31) };
    case 'spring':
      return { start: dayFrom(year, 1, 1), end: easterSunday(year) };
    case 'summer':
      return { start: addDays(easterSunday(year), 1), end: dayFrom(year, 7, 31) };
  }
}

export class TermCalendar {
  private readonly overrides = new Map<string, DateRange>();
  private readonly cache = new Map<string, SchoolTerm>();

  constructor(overrides: readonly TermOverride[] = []) {
    for (const o of overrides) {
      parseTermName(o.term);
      const range = { start: parseDay(o.start), end: parseDay(o.end) };
      if (range.end < range.start) throw new InvalidPeriodError('term', o.term, `ends (${o.end}) before it starts (${o.start})`);
      this.overrides.set(o.term, range);
    }
  }

  term(year: number, season: Season): SchoolTerm {
    const name = `${year}-${season}`;
    let t = this.cache.get(name);
    if (!t) {
      const range = this.overrides.get(name) ?? defaultTerm(year, season);
      t = { year, season, name, ...range };
      this.cache.set(name, t);
    }
    return t;
  }

  byName(name: string): SchoolTerm {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const { year, season } = parseTermName(name);
    return this.term(year, season);
  }

  previous(t: SchoolTerm): SchoolTerm {
    const i = seasons.indexOf(t.season);
    return i === 0 ? this.term(t.year - 1, 'autumn') : this.term(t.year, seasons[i - 1]!);
  }

  /** The term containing `d`, or for a day in a holiday the term that ended most recently. */
  latestStartedBy(d: Day): SchoolTerm {
    const { year } = toYmd(d);
    for (const t of [this.term(year, 'autumn'), this.term(year, 'summer'), this.term(year, 'spring')]) {
      if (t.start <= d) return t;
    }
    return this.term(year - 1, 'autumn');
  }

  /** The `n` most recent terms that had ended on or before `d`, oldest first. */
  fullTermsEndingBy(d: Day, n: number): SchoolTerm[] {
    let t = this.latestStartedBy(d);
    while (t.end > d) t = this.previous(t);
    const terms: SchoolTerm[] = [];
    for (let i = 0; i < n; i++) {
      terms.unshift(t);
      t = this.previous(t);
    }
    return terms;
  }
}

export type SchoolPhase = 'pre-school' | 'primary' | 'secondary' | 'post-school';

/**
 * School year group on day `d`: 0 is Reception, 1–6 primary, 7–11 secondary, 12–13 sixth form.
 * A child is in Reception in the school year (1 September – 31 August) that starts after their
 * fourth birthday, so a child's year group is their age on the 31 August before the school year
 * began, minus four. Negative means not yet at school.
 */
export function yearGroup(dateOfBirth: Day, d: Day): number {
  const { year, month } = toYmd(d);
  return yearGroupParts(toYmd(dateOfBirth), year, month);
}

/** {@link yearGroup} with the dates already split, for callers that ask it of one person at several dates. */
export function yearGroupParts(born: YearMonthDay, year: number, month: number): number {
  const schoolYearStart = month >= 9 ? year : year - 1;
  return ageOnParts(born, schoolYearStart, 8, 31) - 4;
}

/** Primary is Reception to Year 6; secondary Year 7 to Year 13 (sixth form included). */
export function schoolPhase(dateOfBirth: Day, d: Day): SchoolPhase {
  return phaseOfYearGroup(yearGroup(dateOfBirth, d));
}

/** The phase of a year group (see {@link schoolPhase}). */
export function phaseOfYearGroup(g: number): SchoolPhase {
  if (g < 0) return 'pre-school';
  if (g <= 6) return 'primary';
  if (g <= 13) return 'secondary';
  return 'post-school';
}

/** Of compulsory school age for the programme's purposes: Reception to Year 11. */
export function isSchoolAge(dateOfBirth: Day, d: Day): boolean {
  return isSchoolAgeYearGroup(yearGroup(dateOfBirth, d));
}

/** Whether a year group is of compulsory school age (see {@link isSchoolAge}). */
export function isSchoolAgeYearGroup(g: number): boolean {
  return g >= 0 && g <= 11;
}

export function termToJson(t: SchoolTerm): { term: string; start: string; end: string } {
  return { term: t.name, start: formatDay(t.start), end: formatDay(t.end) };
}
