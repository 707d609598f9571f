/**
 * Health needs (mental health, substance misuse, children's development and wellbeing), A&E
 * attendances, and housing actions (arrears, notices, evictions) that escalate unless the family's
 * situation improves.
 */
import { addDays, addMonths, type Day } from '../../engine/calendar/day.ts';
import type { healthKinds } from '../../engine/timeline/timeline-schema.ts';
import { dayBetween, iso, periodEnd, periodStart, poissonDays } from '../period.ts';
import { ageAt, phases, type LifeContext } from './context.ts';

type HealthKind = (typeof healthKinds)[number];

export function generateHealth(ctx: LifeContext): void {
  const { rng } = ctx;
  const problem = ctx.problems.has('health');
  for (const p of ctx.household.people) {
    const adult = ageAt(p, ctx.programme.identifiedOn) >= 18;
    const hasNeed = problem ? (p === ctx.household.leadParent ? rng.chance(0.8) : rng.chance(0.3)) : rng.chance(0.04);
    if (hasNeed && p.dateOfBirth < addMonths(ctx.programme.identifiedOn, -6)) {
      const kind: HealthKind = adult
        ? rng.weighted([['mental-health', 50], ['alcohol', 12], ['drugs', 10], ['substance-misuse', 8], ['long-term-condition', 12], ['obesity', 8]] as const)
        : ageAt(p, ctx.programme.identifiedOn) < 6
          ? rng.weighted([['speech-language-delay', 50], ['developmental-delay', 30], ['obesity', 20]] as const)
          : rng.weighted([['emotional-wellbeing', 55], ['mental-health', 25], ['obesity', 10], ['substance-misuse', 10]] as const);
      const start = dayBetween(rng, addMonths(ctx.programme.identifiedOn, -18), addMonths(ctx.programme.identifiedOn, -1));
      const recovers = ctx.effectFrom !== null && ctx.improved.has('health') ? addDays(ctx.effectFrom, rng.int(30, 200)) : rng.chance(0.25) ? addDays(start, rng.int(90, 500)) : null;
      ctx.add({ type: 'health', person: p.id, kind, start: iso(start < periodStart ? periodStart : start), end: recovers === null || recovers > periodEnd ? null : iso(recovers) });
    }
    // A&E: frequent attenders in families with health problems.
    const aePerYear = problem && hasNeed ? rng.between(1, 4) : 0.15;
    for (const phase of phases(ctx, 'health', p.dateOfBirth > periodStart ? p.dateOfBirth : periodStart, periodEnd)) {
      for (const d of poissonDays(rng, phase.from, phase.to, phase.improved ? aePerYear * 0.3 : aePerYear)) ctx.add({ type: 'ae-attendance', person: p.id, date: iso(d) });
    }
    if (p.dateOfBirth > periodStart && p.dateOfBirth < periodEnd && !p.parent && ctx.household.leadParent.sex === 'female') {
      const mother = ctx.household.leadParent;
      ctx.add({ type: 'health', person: mother.id, kind: 'pregnancy', start: iso(addMonths(p.dateOfBirth, -7) < periodStart ? periodStart : addMonths(p.dateOfBirth, -7)), end: iso(p.dateOfBirth) });
      const newParentEnd = addMonths(p.dateOfBirth, 12);
      ctx.add({ type: 'health', person: mother.id, kind: 'new-parent', start: iso(p.dateOfBirth), end: newParentEnd <= periodEnd ? iso(newParentEnd) : null });
    }
  }
}

export function generateHousing(ctx: LifeContext): void {
  const { rng } = ctx;
  const risk = 0.04 + (ctx.problems.has('worklessness') ? 0.15 : 0) + 0.15 * ctx.severity;
  if (!rng.chance(risk)) return;
  const tenant = ctx.household.leadParent;
  let d: Day = dayBetween(rng, periodStart, ctx.programme.identifiedOn);
  const ladder = ['rent-arrears', 'tenancy-warning', 'notice-of-seeking-possession', 'eviction-order', 'eviction'] as const;
  for (const kind of ladder) {
    if (d > periodEnd) return;
    const better = ctx.effectFrom !== null && d >= ctx.effectFrom && ctx.improved.has('worklessness');
    if (better) {
      ctx.add({ type: 'housing', person: tenant.id, date: iso(d), kind: 'tenancy-secured' });
      return;
    }
    ctx.add({ type: 'housing', person: tenant.id, date: iso(d), kind });
    if (kind !== 'rent-arrears' && rng.chance(0.4)) return;
    d = addDays(d, rng.int(30, 150));
  }
  ctx.add({ type: 'housing', person: tenant.id, date: iso(addDays(d, rng.int(1, 20))), kind: rng.chance(0.6) ? 'homeless' : 'homelessness-risk' });
}
