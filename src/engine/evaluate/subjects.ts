/** Who a rule is evaluated for: members matching a `who`, at a date. */
import { ageOnParts, recentYmd, toYmd, type Day } from '../calendar/day.ts';
import { isSchoolAgeYearGroup, phaseOfYearGroup, yearGroupParts } from '../calendar/school-terms.ts';
import type { Who } from '../plan/plan-schema.ts';
import { oncePerObject } from './once-per-object.ts';
import type { PreparedMember } from '../timeline/prepared-timeline.ts';

/** What a `who` tests of a member on a date that takes calendar arithmetic: worked out once per member and date. */
export interface MemberOn {
  readonly age: number;
  /** School year group (0 is Reception; negative before school). */
  readonly yearGroup: number;
}

/**
 * As `{ age: ageOn(dob, on), yearGroup: yearGroup(dob, on) }` (the calendar's own functions, which
 * the tests compare it with), with each date split into its parts once rather than once per question.
 */
export function memberOn(m: PreparedMember, on: Day): MemberOn {
  const born = toYmd(m.dateOfBirth);
  const { year, month, day } = recentYmd(on);
  return { age: ageOnParts(born, year, month, day), yearGroup: yearGroupParts(born, year, month) };
}

export function matchesWho(m: PreparedMember, who: Who, on: Day, facts: MemberOn = memberOn(m, on)): boolean {
  // Nobody is a member of the household before they are born (an expected baby is recorded with its due date).
  if (m.dateOfBirth > on) return false;
  if (who.role !== undefined && m.role !== who.role) return false;
  if (who.parentingResponsibility !== undefined && m.parentingResponsibility !== who.parentingResponsibility) return false;
  if (who.sex !== undefined && m.sex !== who.sex) return false;
  if (who.age) {
    if (who.age.min !== undefined && facts.age < who.age.min) return false;
    if (who.age.max !== undefined && facts.age > who.age.max) return false;
  }
  if (who.school === 'school-age' && !isSchoolAgeYearGroup(facts.yearGroup)) return false;
  if ((who.school === 'primary' || who.school === 'secondary') && phaseOfYearGroup(facts.yearGroup) !== who.school) return false;
  return true;
}

/** `who` objects belong to plans and their words never change: worded once each. */
export const whoWords: (who: Who) => string = oncePerObject(wordWho);

function wordWho(who: Who): string {
  const parts: string[] = [];
  if (who.sex) parts.push(who.sex);
  if (who.school === 'school-age') parts.push('school-age');
  else if (who.school) parts.push(`${who.school}-school`);
  parts.push(who.role ?? 'member');
  if (who.age?.min !== undefined && who.age?.max !== undefined) parts.push(`aged ${who.age.min}–${who.age.max}`);
  else if (who.age?.min !== undefined) parts.push(`aged ${who.age.min} or over`);
  else if (who.age?.max !== undefined) parts.push(`aged ${who.age.max} or under`);
  if (who.parentingResponsibility) parts.push('with parenting responsibility');
  return parts.join(' ');
}
