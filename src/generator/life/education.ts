/**
 * School: attendance per term (mostly above 90% with a long tail), fixed and permanent exclusions,
 * alternative provision, children missing education, early years places and NEET spells.
 */
import { addDays, addMonths, weekday, type Day } from '../../engine/calendar/day.ts';
import { TermCalendar, isSchoolAge, yearGroup, type SchoolTerm } from '../../engine/calendar/school-terms.ts';
import type { SyntheticPerson } from '../model.ts';
import { dayBetween, iso, periodEnd, periodStart } from '../period.ts';
import { ageAt, improvedBy, type LifeContext } from './context.ts';

const calendar = new TermCalendar();

/** Every school term that lies wholly inside the period (summer 2017 to autumn 2019). */
export const periodTerms: readonly SchoolTerm[] = (() => {
  const terms: SchoolTerm[] = [];
  for (let t = calendar.latestStartedBy(periodStart); t.end <= periodEnd; t = next(t)) if (t.start >= periodStart) terms.push(t);
  return terms;
})();

function next(t: SchoolTerm): SchoolTerm {
  return t.season === 'spring' ? calendar.term(t.year, 'summer') : t.season === 'summer' ? calendar.term(t.year, 'autumn') : calendar.term(t.year + 1, 'spring');
}

/** Possible half-day sessions in a term: two per weekday, less a half-term week and the holidays inside the census term. */
const possibleByTerm = new Map<string, number>(
  periodTerms.map((t) => {
    let weekdays = 0;
    for (let d = t.start; d <= t.end; d = addDays(d, 1)) if (weekday(d) <= 5) weekdays++;
    // half term, Christmas, New Year, Easter and early-May bank holidays, the summer holiday's July days
    const holidays = t.season === 'autumn' ? 5 + 10 + 2 : t.season === 'spring' ? 5 + 2 + 2 + 7 : 5 + 5 + 2 + 8;
    return [t.name, 2 * (weekdays - holidays)];
  }),
);

export function generateEducation(ctx: LifeContext): void {
  const { rng } = ctx;
  const pupils = ctx.household.people.filter((p) => !p.parent && (isSchoolAge(p.dateOfBirth, periodStart) || isSchoolAge(p.dateOfBirth, periodEnd)));
  const problem = ctx.problems.has('education');
  // In a family with an attendance problem most (not all) school-age children are affected.
  const affected = new Set(problem ? pupils.filter((p, i) => i === 0 || rng.chance(0.6)) : []);
  for (const child of pupils) attend(ctx, child, affected.has(child));
  for (const p of ctx.household.people) {
    if (p.parent) continue;
    earlyYears(ctx, p);
    neet(ctx, p);
  }
}

function attend(ctx: LifeContext, child: SyntheticPerson, affected: boolean): void {
  const { rng } = ctx;
  const severe = affected && rng.chance(0.12);
  const base = affected ? (severe ? rng.between(0.3, 0.5) : rng.between(0.7, 0.89)) : Math.min(0.995, 0.955 + rng.normal(0, 0.025) - (rng.chance(0.08) ? 0.06 : 0));
  const improvedRate = severe ? Math.min(0.97, base + 0.42 + rng.between(0, 0.1)) : rng.between(0.91, 0.98);
  const unauthorisedShare = affected ? rng.between(0.5, 0.85) : rng.between(0.05, 0.35);
  const excludable = affected && rng.chance(0.45);
  let excludedPermanently: Day | null = null;

  for (const term of periodTerms) {
    if (!isSchoolAge(child.dateOfBirth, term.start) && !isSchoolAge(child.dateOfBirth, term.end)) continue;
    const possible = Math.max(20, possibleByTerm.get(term.name)! - (rng.chance(0.05) ? rng.int(2, 30) : 0));
    const better = improvedBy(ctx, 'education', term.start);
    const rate = Math.min(1, Math.max(0.05, (better ? improvedRate : base) + rng.normal(0, 0.02)));
    const attended = Math.round(possible * rate);
    const absent = possible - attended;
    const unauthorised = Math.round(absent * unauthorisedShare);
    ctx.add({ type: 'attendance', person: child.id, term: term.name, possibleSessions: possible, attendedSessions: attended, authorisedAbsences: absent - unauthorised, unauthorisedAbsences: unauthorised });

    if (!excludable || excludedPermanently !== null || yearGroup(child.dateOfBirth, term.start) < 1) continue;
    const fixed = rng.poisson(better ? 0.1 : 0.9 + ctx.severity);
    for (let i = 0; i < fixed; i++) {
      ctx.add({ type: 'exclusion', person: child.id, date: iso(schoolDay(ctx, term)), kind: 'fixed', days: rng.pick([0.5, 1, 1, 2, 2, 3, 5]) });
    }
    if (!better && rng.chance(0.02 + 0.04 * ctx.severity)) {
      excludedPermanently = schoolDay(ctx, term);
      ctx.add({ type: 'exclusion', person: child.id, date: iso(excludedPermanently), kind: 'permanent', days: 0 });
      const placed = addDays(excludedPermanently, rng.int(6, 40));
      ctx.add({ type: 'education-status', person: child.id, start: iso(placed), end: null, status: rng.chance(0.6) ? 'pupil-referral-unit' : 'alternative-provision' });
    }
  }

  if (affected && excludedPermanently === null && rng.chance(0.06)) {
    const from = dayBetween(rng, addMonths(ctx.programme.identifiedOn, -12), ctx.programme.identifiedOn);
    const to = addDays(from, rng.int(30, 150));
    ctx.add({ type: 'education-status', person: child.id, start: iso(from), end: iso(to), status: 'not-registered' });
  }
}

function schoolDay(ctx: LifeContext, term: SchoolTerm): Day {
  let d = dayBetween(ctx.rng, addDays(term.start, 7), addDays(term.end, -14));
  while (weekday(d) > 5) d = addDays(d, 1);
  return d;
}

function earlyYears(ctx: LifeContext, p: SyntheticPerson): void {
  const twoOn = addMonths(p.dateOfBirth, 24);
  if (twoOn < periodStart || twoOn > addMonths(periodEnd, -3) || !ctx.rng.chance(0.55)) return;
  const start = addDays(twoOn, ctx.rng.int(20, 120));
  const end = addMonths(p.dateOfBirth, 48 + ctx.rng.int(4, 7));
  ctx.add({ type: 'early-years-place', person: p.id, start: iso(start), end: end <= periodEnd ? iso(end) : null, attendanceRate: Math.round(ctx.rng.between(55, 98)) });
}

function neet(ctx: LifeContext, p: SyntheticPerson): void {
  const sixteen = addMonths(p.dateOfBirth, 16 * 12);
  const nineteen = addMonths(p.dateOfBirth, 19 * 12);
  if (nineteen < periodStart || sixteen > periodEnd) return;
  const risk = 0.05 + (ctx.problems.has('education') || ctx.problems.has('crime') ? 0.35 : 0);
  if (!ctx.rng.chance(risk)) return;
  const start = dayBetween(ctx.rng, sixteen > periodStart ? sixteen : periodStart, nineteen < periodEnd ? nineteen : periodEnd);
  const back = improvedBy(ctx, 'worklessness', start) || ctx.rng.chance(0.5);
  const end = back ? addDays(start, ctx.rng.int(30, 240)) : null;
  ctx.add({ type: 'neet', person: p.id, start: iso(start), end: end !== null && end <= periodEnd && ageAt(p, end) < 19 ? iso(end) : null });
}
