/**
 * Domestic abuse that repeats: incidents with a victim and (when they are in the family) a
 * perpetrator, police call-outs to the home, and MARAC referrals for the high-risk cases. Abuse often
 * ends when the perpetrator leaves or the programme works.
 */
import { addDays, addMonths, type Day } from '../../engine/calendar/day.ts';
import { iso, periodEnd, periodStart, poissonDays } from '../period.ts';
import { ageAt, phases, type LifeContext } from './context.ts';

export function generateDomesticAbuse(ctx: LifeContext): void {
  const { rng } = ctx;
  const h = ctx.household;
  if (!ctx.problems.has('domestic-abuse')) {
    // Other police call-outs to the home, not domestic.
    if (rng.chance(0.1)) for (const d of poissonDays(rng, periodStart, periodEnd, 0.5)) ctx.add({ type: 'police-callout', person: h.leadParent.id, date: iso(d), domestic: false });
    return;
  }
  const victim = h.partner !== null && h.leadParent.sex === 'male' ? h.partner : h.leadParent;
  const perpetrator = h.partner !== null && h.partner !== victim ? h.partner : h.partner === null ? null : h.leadParent;
  // An ex-partner outside the family is the perpetrator when there is no partner.
  const perpetratorInFamily = perpetrator !== null && rng.chance(0.85) ? perpetrator : null;
  // If the perpetrator left, the abuse mostly stops a month or two later.
  const stops = h.change === 'split' && h.changedOn !== null && perpetratorInFamily?.id === h.mover ? addMonths(h.changedOn, rng.int(0, 2)) : periodEnd;
  const perYear = rng.between(1.5, 3 + 4 * ctx.severity);
  const days: Day[] = [];
  for (const phase of phases(ctx, 'domestic-abuse', periodStart, stops)) {
    days.push(...poissonDays(rng, phase.from, phase.to, phase.improved ? perYear * rng.between(0, 0.1) : perYear));
  }
  if (!days.some((d) => d < ctx.programme.identifiedOn && d >= addMonths(ctx.programme.identifiedOn, -12))) days.push(addDays(ctx.programme.identifiedOn, -rng.int(15, 330)));
  days.sort((a, b) => a - b);
  let maracs = 0;
  for (const d of days) {
    const kind = rng.chance(0.93) ? 'domestic' : 'sexual';
    const source = rng.chance(0.85) ? 'police' : 'agency';
    ctx.add({ type: 'domestic-abuse', person: victim.id, date: iso(d), role: 'victim', kind, source });
    if (perpetratorInFamily) ctx.add({ type: 'domestic-abuse', person: perpetratorInFamily.id, date: iso(d), role: 'perpetrator', kind, source });
    if (source === 'police' && rng.chance(0.75)) ctx.add({ type: 'police-callout', person: victim.id, date: iso(d), domestic: true });
    if (maracs < 2 && rng.chance(0.12 + 0.1 * ctx.severity)) {
      maracs++;
      ctx.add({ type: 'marac-referral', person: victim.id, date: iso(addDays(d, rng.int(3, 28))) });
    }
  }
  // Children who witness it sometimes turn it on the parent (child-to-parent violence) later: recorded as a need.
  const teen = h.people.find((p) => !p.parent && ageAt(p, periodEnd) >= 12);
  if (teen && rng.chance(0.1)) ctx.add({ type: 'need', person: teen.id, kind: 'child-to-parent-violence', start: iso(addDays(days[0]!, rng.int(30, 200))), end: null, identifiedBy: 'Early help practitioner' });
}
