import { describe, expect, it } from 'vitest';
import { InvalidPeriodError } from '../errors.ts';
import { formatDay, parseDay } from './day.ts';
import { easterSunday, isSchoolAge, parseTermName, schoolPhase, TermCalendar, termToJson, yearGroup } from './school-terms.ts';

describe('easterSunday', () => {
  it.each([
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
    [2008, '2008-03-23'],
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
    [2285, '2285-03-22'],
  ])('%i: %s', (year, date) => {
    expect(formatDay(easterSunday(year))).toBe(date);
  });
});

describe('default term dates (the DfE census convention)', () => {
  const calendar = new TermCalendar();
  it('splits the school year at 31 December and Easter, with August in no term', () => {
    expect(termToJson(calendar.byName('2018-autumn'))).toEqual({ term: '2018-autumn', start: '2018-09-01', end: '2018-12-31' });
    expect(termToJson(calendar.byName('2019-spring'))).toEqual({ term: '2019-spring', start: '2019-01-01', end: '2019-04-21' });
    expect(termToJson(calendar.byName('2019-summer'))).toEqual({ term: '2019-summer', start: '2019-04-22', end: '2019-07-31' });
    expect(termToJson(calendar.byName('2024-spring')).end).toBe('2024-03-31');
  });

  it('rejects badly named terms', () => {
    expect(() => calendar.byName('2019-winter')).toThrow(InvalidPeriodError);
    expect(() => parseTermName('19-spring')).toThrow(/expected YYYY-autumn, YYYY-spring or YYYY-summer/);
  });
});

describe('fullTermsEndingBy', () => {
  const calendar = new TermCalendar();
  const terms = (day: string, n = 3) => calendar.fullTermsEndingBy(parseDay(day), n).map((t) => t.name);

  it('counts a term that ends on the day itself as full', () => {
    expect(terms('2019-12-31')).toEqual(['2019-spring', '2019-summer', '2019-autumn']);
    expect(terms('2019-12-30')).toEqual(['2018-autumn', '2019-spring', '2019-summer']);
    expect(terms('2020-01-01')).toEqual(['2019-spring', '2019-summer', '2019-autumn']);
  });

  it('treats Easter Sunday as the last day of spring and Easter Monday as the first of summer', () => {
    expect(terms('2019-04-20')).toEqual(['2018-spring', '2018-summer', '2018-autumn']);
    expect(terms('2019-04-21')).toEqual(['2018-summer', '2018-autumn', '2019-spring']);
    expect(terms('2019-04-22')).toEqual(['2018-summer', '2018-autumn', '2019-spring']);
  });

  it('gives the school year just ended for any day in August', () => {
    expect(terms('2019-07-30')).toEqual(['2018-summer', '2018-autumn', '2019-spring']);
    expect(terms('2019-07-31')).toEqual(['2018-autumn', '2019-spring', '2019-summer']);
    expect(terms('2019-08-15')).toEqual(['2018-autumn', '2019-spring', '2019-summer']);
    expect(terms('2019-09-01')).toEqual(['2018-autumn', '2019-spring', '2019-summer']);
  });

  it('goes back as many terms as asked, oldest first', () => {
    expect(terms('2019-08-15', 6)).toEqual(['2017-autumn', '2018-spring', '2018-summer', '2018-autumn', '2019-spring', '2019-summer']);
    expect(terms('2019-08-15', 1)).toEqual(['2019-summer']);
  });
});

describe('term date overrides', () => {
  const calendar = new TermCalendar([
    { term: '2019-spring', start: '2019-01-07', end: '2019-04-05' },
    { term: '2019-summer', start: '2019-04-23', end: '2019-07-23' },
    { term: '2019-autumn', start: '2019-09-04', end: '2019-12-20' },
  ]);
  const terms = (day: string, n = 1) => calendar.fullTermsEndingBy(parseDay(day), n).map((t) => t.name);

  it('uses the council dates for the terms given and the defaults for the others', () => {
    expect(termToJson(calendar.byName('2019-spring'))).toEqual({ term: '2019-spring', start: '2019-01-07', end: '2019-04-05' });
    expect(termToJson(calendar.byName('2018-autumn'))).toEqual({ term: '2018-autumn', start: '2018-09-01', end: '2018-12-31' });
  });

  it('counts terms as full from their overridden end, and holidays as belonging to no term', () => {
    expect(terms('2019-04-04')).toEqual(['2018-autumn']);
    expect(terms('2019-04-05')).toEqual(['2019-spring']);
    expect(terms('2019-04-12')).toEqual(['2019-spring']);
    expect(terms('2019-07-23')).toEqual(['2019-summer']);
    expect(terms('2019-09-02')).toEqual(['2019-summer']);
    expect(terms('2019-12-20')).toEqual(['2019-autumn']);
    expect(terms('2019-01-03')).toEqual(['2018-autumn']);
  });

  it('rejects an override that ends before it starts or names no term', () => {
    expect(() => new TermCalendar([{ term: '2019-spring', start: '2019-04-05', end: '2019-01-07' }])).toThrow(/ends \(2019-01-07\) before it starts/);
    expect(() => new TermCalendar([{ term: 'spring-2019', start: '2019-01-07', end: '2019-04-05' }])).toThrow(InvalidPeriodError);
    expect(() => new TermCalendar([{ term: '2019-spring', start: '2019-02-30', end: '2019-04-05' }])).toThrow(InvalidPeriodError);
  });
});

describe('year groups and phases', () => {
  const group = (born: string, on: string) => yearGroup(parseDay(born), parseDay(on));
  const phase = (born: string, on: string) => schoolPhase(parseDay(born), parseDay(on));

  it('starts Reception in the September after the fourth birthday: the oldest and youngest of a year', () => {
    expect(group('2014-09-01', '2019-08-31')).toBe(-1);
    expect(group('2014-09-01', '2019-09-01')).toBe(0);
    expect(group('2015-08-31', '2019-08-31')).toBe(-1);
    expect(group('2015-08-31', '2019-09-01')).toBe(0);
    expect(group('2015-09-01', '2019-09-01')).toBe(-1);
  });

  it('moves up a year group on 1 September, not on the birthday', () => {
    expect(group('2008-10-15', '2019-08-31')).toBe(5);
    expect(group('2008-10-15', '2019-09-01')).toBe(6);
    expect(group('2008-10-15', '2019-10-15')).toBe(6);
    expect(group('2008-02-29', '2019-09-01')).toBe(7);
  });

  it('changes phase from primary to secondary between Year 6 and Year 7 on 1 September', () => {
    expect(phase('2008-09-01', '2020-08-31')).toBe('primary');
    expect(phase('2008-09-01', '2020-09-01')).toBe('secondary');
    expect(phase('2015-08-31', '2019-08-31')).toBe('pre-school');
    expect(phase('2015-08-31', '2019-09-01')).toBe('primary');
  });

  it('counts Reception to Year 11 as school age and Year 13 as the last year of secondary', () => {
    expect(isSchoolAge(parseDay('2003-09-01'), parseDay('2019-08-31'))).toBe(true);
    expect(group('2003-09-01', '2019-09-01')).toBe(11);
    expect(isSchoolAge(parseDay('2003-09-01'), parseDay('2019-09-01'))).toBe(true);
    expect(isSchoolAge(parseDay('2003-09-01'), parseDay('2020-09-01'))).toBe(false);
    expect(phase('2003-09-01', '2020-09-01')).toBe('secondary');
    expect(phase('2003-09-01', '2022-08-31')).toBe('secondary');
    expect(phase('2003-09-01', '2022-09-01')).toBe('post-school');
    expect(isSchoolAge(parseDay('2015-08-31'), parseDay('2019-08-31'))).toBe(false);
    expect(isSchoolAge(parseDay('2015-08-31'), parseDay('2019-09-01'))).toBe(true);
  });
});
