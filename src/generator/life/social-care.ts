/**
 * Children's social care: episodes that open, escalate, step down and close (early help, child in
 * need, section 47 and child protection plans, occasionally looked after), referrals and missing episodes.
 */
import { addDays, addMonths, type Day } from '../../engine/calendar/day.ts';
import type { socialCareKinds } from '../../engine/timeline/timeline-schema.ts';
import { dayBetween, iso, periodEnd, periodStart } from '../period.ts';
import { ageAt, children, improvedBy, type LifeContext } from './context.ts';

type Kind = (typeof socialCareKinds)[number];
const services = ['CAMHS', 'Early Help hub', 'Young carers service', 'Speech and language therapy', 'Family support worker', 'School nurse', 'Parenting programme'];

export function generateSocialCare(ctx: LifeContext): void {
  const { rng } = ctx;
  if (!ctx.problems.has('children-need-help')) {
    if (rng.chance(0.05)) {
      const kids = children(ctx, ctx.programme.identifiedOn);
      const child = kids.length > 0 ? rng.pick(kids) : undefined;
      if (child) ctx.add({ type: 'referral', person: child.id, date: iso(dayBetween(rng, periodStart, periodEnd)), service: rng.pick(services) });
    }
    return;
  }
  const kids = children(ctx, ctx.programme.identifiedOn);
  if (kids.length === 0) return;
  // The family's social-care story: episodes run for all its children together.
  let start = dayBetween(rng, addMonths(ctx.programme.identifiedOn, -14), addMonths(ctx.programme.identifiedOn, -1));
  let kind: Kind = rng.weighted([['early-help', 45], ['child-in-need', 35], ['section-47', 20]] as const);
  const chain: { kind: Kind; start: Day; end: Day | null; endReason?: 'closed' | 'stepped-down' | 'escalated' }[] = [];
  for (let step = 0; step < 5 && start <= periodEnd; step++) {
    const length = kind === 'section-47' ? rng.int(10, 45) : kind === 'early-help' ? rng.int(90, 270) : rng.int(150, 450);
    let end: Day = addDays(start, length);
    const better = improvedBy(ctx, 'children-need-help', end) || (ctx.effectFrom !== null && ctx.improved.has('children-need-help') && end > ctx.effectFrom);
    if (better && ctx.effectFrom !== null && end > addMonths(ctx.effectFrom, 5)) end = addMonths(ctx.effectFrom, rng.int(1, 5));
    if (end < start) end = addDays(start, 14);
    if (end > periodEnd) {
      chain.push({ kind, start, end: null });
      break;
    }
    let next: Kind | null;
    let endReason: 'closed' | 'stepped-down' | 'escalated';
    if (kind === 'section-47') {
      [next, endReason] = rng.chance(0.6) ? ['child-protection-plan', 'escalated'] : ['child-in-need', 'stepped-down'];
    } else if (better) {
      [next, endReason] = kind === 'child-protection-plan' ? ['child-in-need', 'stepped-down'] : kind === 'child-in-need' && rng.chance(0.5) ? ['early-help', 'stepped-down'] : [null, 'closed'];
    } else if (kind === 'early-help') {
      [next, endReason] = rng.chance(0.35) ? ['child-in-need', 'escalated'] : rng.chance(0.5) ? ['early-help', 'closed'] : [null, 'closed'];
    } else if (kind === 'child-in-need') {
      [next, endReason] = rng.chance(0.25) ? ['section-47', 'escalated'] : rng.chance(0.5) ? ['early-help', 'stepped-down'] : [null, 'closed'];
    } else if (kind === 'child-protection-plan') {
      [next, endReason] = rng.chance(0.12) ? ['looked-after', 'escalated'] : ['child-in-need', 'stepped-down'];
    } else {
      [next, endReason] = [null, 'closed'];
    }
    chain.push({ kind, start, end, endReason });
    if (next === null) {
      // Not improving: a new episode may open later.
      if (better || !rng.chance(0.4)) break;
      next = 'child-in-need';
      end = addDays(end, rng.int(30, 200));
    }
    kind = next;
    start = addDays(end, 1);
  }
  for (const child of kids) {
    for (const e of chain) {
      if (e.kind === 'looked-after' && child !== kids[0]) continue;
      ctx.add({ type: 'social-care', person: child.id, kind: e.kind, start: iso(e.start), end: e.end === null ? null : iso(e.end), ...(e.endReason ? { endReason: e.endReason } : {}) });
    }
  }
  for (const child of kids) {
    if (rng.chance(0.4)) ctx.add({ type: 'referral', person: child.id, date: iso(dayBetween(rng, chain[0]!.start, periodEnd)), service: rng.pick(services) });
    if (ageAt(child, ctx.programme.identifiedOn) >= 12 && rng.chance(0.15)) {
      const missing = rng.int(1, 4);
      for (let i = 0; i < missing; i++) {
        const d = dayBetween(rng, addMonths(ctx.programme.identifiedOn, -12), improvedBy(ctx, 'children-need-help', periodEnd) ? ctx.effectFrom! : periodEnd);
        ctx.add({ type: 'missing-episode', person: child.id, date: iso(d), hours: rng.int(3, 72) });
      }
    }
  }
}
