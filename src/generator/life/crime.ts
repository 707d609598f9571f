/**
 * Offending and anti-social behaviour: concentrated in a few families, usually a teenage child or a
 * parent with several offences a year, with youth-justice disposals and sentences that follow.
 */
import { addDays, addMonths, type Day } from '../../engine/calendar/day.ts';
import type { SyntheticPerson } from '../model.ts';
import { iso, periodEnd, periodStart, poissonDays } from '../period.ts';
import { ageAt, lifeSpan, phases, type LifeContext } from './context.ts';

const offenceKinds = [
  'Theft from a shop', 'Criminal damage', 'Common assault', 'Possession of cannabis', 'Burglary', 'Public order', 'Vehicle crime',
  'Assault occasioning actual bodily harm', 'Drunk and disorderly', 'Possession of an offensive weapon',
];
const asbInterventions = ['Warning letter', 'Acceptable behaviour contract', 'Community protection warning', 'Home visit by PCSO'];

export function generateCrime(ctx: LifeContext): void {
  const { rng } = ctx;
  if (ctx.problems.has('crime')) {
    for (const offender of pickOffenders(ctx)) offend(ctx, offender, rng.between(1, 2 + 5 * ctx.severity));
  } else if (rng.chance(0.04)) {
    // An occasional minor brush with the police in an otherwise unremarkable family.
    const p = rng.pick(ctx.household.people.filter((x) => ageAt(x, periodEnd) >= 12));
    if (p) offend(ctx, p, 0.4, true);
  }
}

function pickOffenders(ctx: LifeContext): SyntheticPerson[] {
  const { rng } = ctx;
  const teens = ctx.household.people.filter((p) => ageAt(p, ctx.programme.identifiedOn) >= 10 && ageAt(p, ctx.programme.identifiedOn) < 18);
  const parents = ctx.household.people.filter((p) => p.parent);
  const chosen = new Set<SyntheticPerson>();
  for (const t of teens) if (rng.chance(t.sex === 'male' ? 0.7 : 0.35)) chosen.add(t);
  for (const p of parents) if (rng.chance(p.sex === 'male' ? 0.45 : 0.15)) chosen.add(p);
  if (chosen.size === 0) chosen.add(rng.pick(teens.length > 0 ? teens : parents));
  return [...chosen];
}

function offend(ctx: LifeContext, p: SyntheticPerson, perYear: number, minor = false): void {
  const { rng } = ctx;
  const span = lifeSpan(p, periodStart);
  const offences: Day[] = [];
  const asb: Day[] = [];
  for (const phase of phases(ctx, 'crime', span.from, span.to)) {
    const factor = phase.improved ? rng.between(0, 0.15) : 1;
    offences.push(...poissonDays(rng, phase.from, phase.to, perYear * factor).filter((d) => ageAt(p, d) >= 10));
    asb.push(...poissonDays(rng, phase.from, phase.to, (minor ? 0.3 : perYear * 0.8) * factor).filter((d) => ageAt(p, d) >= 8));
  }
  // A family identified for crime has it in the year before identification.
  if (!minor && offences.every((d) => d < addMonths(ctx.programme.identifiedOn, -12) || d >= ctx.programme.identifiedOn)) {
    const d = addDays(ctx.programme.identifiedOn, -rng.int(20, 300));
    if (ageAt(p, d) >= 10) offences.push(d);
    else asb.push(d, addDays(d, rng.int(5, 40)));
  }
  offences.sort((a, b) => a - b);
  asb.sort((a, b) => a - b);

  let count = 0;
  for (const d of offences) {
    count++;
    const proven = rng.chance(minor ? 0.5 : 0.85);
    ctx.add({ type: 'offence', person: p.id, date: iso(d), kind: rng.pick(offenceKinds), proven, furtherActionTaken: proven || rng.chance(0.3) });
    if (!proven) continue;
    const age = ageAt(p, d);
    const sentencedOn = addDays(d, rng.int(14, 90));
    if (sentencedOn > periodEnd) continue;
    if (age < 18) {
      const kind = count <= 1 ? 'diversion' : count <= 3 ? 'out-of-court' : 'substantive';
      if (rng.chance(0.7)) ctx.add({ type: 'youth-justice-disposal', person: p.id, date: iso(sentencedOn), kind });
    } else if (count >= 3 && rng.chance(0.08)) {
      const release = addDays(sentencedOn, rng.int(60, 360));
      ctx.add({ type: 'custody', person: p.id, start: iso(sentencedOn), end: release <= periodEnd ? iso(release) : null });
      if (release < periodEnd) {
        const licenceEnd = addDays(release, rng.int(90, 360));
        ctx.add({
          type: 'licence',
          person: p.id,
          start: iso(addDays(release, 1)),
          end: licenceEnd <= periodEnd ? iso(licenceEnd) : null,
          ...(licenceEnd <= periodEnd ? { endReason: rng.chance(0.75) ? 'completed' : 'revoked' } : {}),
        });
      }
    } else if (count >= 2 && rng.chance(0.25)) {
      const end = addMonths(sentencedOn, rng.pick([6, 12, 18]));
      ctx.add({
        type: 'community-sentence',
        person: p.id,
        start: iso(sentencedOn),
        end: end <= periodEnd ? iso(end) : null,
        kind: rng.chance(0.7) ? 'community-order' : 'suspended-sentence',
        ...(end <= periodEnd ? { endReason: rng.chance(0.8) ? 'completed' : 'breached' } : {}),
      });
    }
  }
  asb.forEach((d, i) => {
    ctx.add({ type: 'asb-incident', person: p.id, date: iso(d) });
    if (i === 1 || i === 4) ctx.add({ type: 'asb-intervention', person: p.id, date: iso(addDays(d, rng.int(3, 30))), kind: rng.pick(asbInterventions) });
    if (i === 7) ctx.add({ type: 'enforcement-action', person: p.id, date: iso(addDays(d, rng.int(10, 60))) });
  });
}
