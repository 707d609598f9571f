/**
 * Work and benefits: out-of-work benefit spells (legacy benefits, Universal Credit with its regimes),
 * moves into work that last or do not, and monthly earnings for everyone in work.
 */
import { addDays, addMonths, dayFrom, toYmd, type Day } from '../../engine/calendar/day.ts';
import type { SyntheticPerson } from '../model.ts';
import { dayBetween, iso, periodEnd, periodStart } from '../period.ts';
import { ageAt, improvedBy, type LifeContext } from './context.ts';

/** Universal Credit full service reached the town in June 2018: new claims after that are UC. */
const ucFrom = dayFrom(2018, 6, 1);

export function generateWork(ctx: LifeContext): void {
  const { rng } = ctx;
  const workless = ctx.problems.has('worklessness');
  for (const p of ctx.household.people) {
    if (ageAt(p, periodEnd) < 17) continue;
    const youngAdult = !p.parent;
    if (workless && (p.parent ? p === ctx.household.leadParent || rng.chance(0.7) : rng.chance(0.4))) {
      outOfWork(ctx, p, youngAdult);
    } else if (!youngAdult || ageAt(p, periodStart) >= 18) {
      if (rng.chance(workless ? 0.3 : 0.75)) employed(ctx, p, dayBetween(rng, addMonths(periodStart, -60), periodStart), null, true);
      else if (p.parent && rng.chance(0.4)) claim(ctx, p, addMonths(periodStart, -rng.int(1, 40)), null, false);
    }
  }
}

function benefitFor(ctx: LifeContext, p: SyntheticPerson, start: Day): 'JSA' | 'ESA' | 'IS' | 'UC' {
  if (start >= ucFrom) return 'UC';
  const youngest = Math.min(...ctx.household.people.filter((c) => !c.parent).map((c) => ageAt(c, start)));
  if (p === ctx.household.leadParent && ctx.household.partner === null && youngest < 5) return 'IS';
  return ctx.problems.has('health') && ctx.rng.chance(0.5) ? 'ESA' : 'JSA';
}

function claim(ctx: LifeContext, p: SyntheticPerson, start: Day, end: Day | null, lookingForWork: boolean): void {
  const benefit = benefitFor(ctx, p, start);
  ctx.add({
    type: 'benefit',
    person: p.id,
    benefit,
    start: iso(start),
    end: end === null || end > periodEnd ? null : iso(end),
    ...(benefit === 'UC' ? { ucRegime: lookingForWork ? 'intensive-work-search' : ctx.rng.pick(['no-work-requirements', 'work-preparation', 'work-focused-interview'] as const) } : {}),
  });
}

function outOfWork(ctx: LifeContext, p: SyntheticPerson, youngAdult: boolean): void {
  const { rng } = ctx;
  let claimStart = youngAdult ? dayBetween(rng, addMonths(p.dateOfBirth, 18 * 12), periodEnd) : addMonths(periodStart, -rng.int(3, 60));
  if (claimStart < periodStart && youngAdult) claimStart = periodStart;
  if (claimStart > periodEnd) return;
  // One out-of-work spell, possibly switching to UC; a move into work if the programme worked or by chance.
  const gotWork = (ctx.effectFrom !== null && ctx.improved.has('worklessness') && (p === ctx.household.leadParent || rng.chance(0.5))) || rng.chance(0.12);
  const jobStart = gotWork ? (improvedBy(ctx, 'worklessness', periodEnd) ? addDays(ctx.effectFrom!, rng.int(0, 150)) : dayBetween(rng, addMonths(ctx.programme.identifiedOn, 3), periodEnd)) : null;
  const migrated = claimStart < ucFrom && rng.chance(0.3) ? dayBetween(rng, ucFrom, periodEnd) : null;
  const legacyEnd = migrated !== null && (jobStart === null || migrated < jobStart) ? migrated : jobStart;
  const lookingForWork = rng.chance(0.6);
  claim(ctx, p, claimStart, legacyEnd === null ? null : addDays(legacyEnd, -1), lookingForWork);
  if (migrated !== null && legacyEnd === migrated) {
    ctx.add({ type: 'benefit', person: p.id, benefit: 'UC', start: iso(migrated), end: jobStart === null || jobStart > periodEnd ? null : iso(addDays(jobStart, -1)), ucRegime: 'intensive-work-search' });
  }
  if (jobStart === null || jobStart > periodEnd) return;
  // Some jobs do not last: back on benefits after a few months.
  const lasts = improvedBy(ctx, 'worklessness', jobStart) ? rng.chance(0.85) : rng.chance(0.5);
  const jobEnd = lasts ? null : addDays(jobStart, rng.int(40, 200));
  employed(ctx, p, jobStart, jobEnd, rng.chance(0.7));
  if (jobStart >= ucFrom) ctx.add({ type: 'benefit', person: p.id, benefit: 'UC', start: iso(jobStart), end: jobEnd === null || jobEnd > periodEnd ? null : iso(jobEnd), ucRegime: 'working-enough' });
  if (jobEnd !== null && jobEnd < periodEnd) claim(ctx, p, addDays(jobEnd, 1), null, true);
}

function employed(ctx: LifeContext, p: SyntheticPerson, start: Day, end: Day | null, fullTime: boolean): void {
  const { rng } = ctx;
  const hours = fullTime ? rng.pick([30, 35, 37.5, 37.5, 40]) : rng.pick([12, 16, 16, 20, 24]);
  ctx.add({ type: 'employment', person: p.id, start: iso(start), end: end === null || end > periodEnd ? null : iso(end), hoursPerWeek: hours });
  const hourly = rng.between(7.5, 12.5);
  const last = end === null || end > periodEnd ? periodEnd : end;
  const first = start < periodStart ? periodStart : start;
  const { year, month } = toYmd(first);
  for (let m = dayFrom(year, month, 1); m <= last; m = addMonths(m, 1)) {
    const { year: y, month: mo } = toYmd(m);
    const amount = Math.round(hours * hourly * 4.33 * rng.between(0.85, 1.1) * (m < first || addMonths(m, 1) > last ? 0.5 : 1) * 100) / 100;
    ctx.add({ type: 'earnings', person: p.id, month: `${y}-${String(mo).padStart(2, '0')}`, amount });
  }
}
