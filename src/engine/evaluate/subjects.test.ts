import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, parseDay, type Day } from '../calendar/day.ts';
import { yearGroup } from '../calendar/school-terms.ts';
import { memberOn } from './subjects.ts';

const member = (dateOfBirth: Day) => ({ id: 'A', dateOfBirth, role: 'child' as const, parentingResponsibility: false, sex: 'unknown' as const });

describe('memberOn', () => {
  it("gives the calendar's age and year group for any birth and date, whichever date was asked before", () => {
    const day = fc.integer({ min: parseDay('1950-01-01'), max: parseDay('2035-12-31') }).map((d) => d as Day);
    fc.assert(
      fc.property(day, day, day, (born, on, before) => {
        memberOn(member(born), before);
        expect(memberOn(member(born), on)).toEqual({ age: ageOn(born, on), yearGroup: yearGroup(born, on) });
      }),
      { numRuns: 2_000 },
    );
  });

  it('counts a 29 February birthday on 1 March in other years, and the school year from 1 September', () => {
    const leapling = member(parseDay('2012-02-29'));
    expect(memberOn(leapling, parseDay('2019-02-28'))).toEqual({ age: 6, yearGroup: 2 });
    expect(memberOn(leapling, parseDay('2019-03-01'))).toEqual({ age: 7, yearGroup: 2 });
    expect(memberOn(leapling, parseDay('2020-02-29'))).toEqual({ age: 8, yearGroup: 3 });
    // Born 31 August: the youngest of their year; a day later, the oldest of the next.
    expect(memberOn(member(parseDay('2014-08-31')), parseDay('2019-09-01')).yearGroup).toBe(1);
    expect(memberOn(member(parseDay('2014-09-01')), parseDay('2019-09-01')).yearGroup).toBe(0);
  });
});
