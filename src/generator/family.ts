/**
 * One synthetic family, deterministic from the council seed and the family's index: its household,
 * its true problems, when the programme found and engaged it, whether the work made a difference, and
 * every life event over the period.
 */
import { addDays, addMonths, dayFrom, formatDay } from '../engine/calendar/day.ts';
import { isSchoolAge } from '../engine/calendar/school-terms.ts';
import { problemIds, type ProblemId } from '../engine/timeline/timeline-schema.ts';
import type { EvidenceTargets } from './evidence-targets.ts';
import { createHousehold } from './household.ts';
import { generateCrime } from './life/crime.ts';
import type { EventDraft, LifeContext } from './life/context.ts';
import { generateDomesticAbuse } from './life/domestic-abuse.ts';
import { generateEducation } from './life/education.ts';
import { generateHealth, generateHousing } from './life/health-housing.ts';
import { generateKeyWorkerRecords } from './life/key-worker.ts';
import { generateSocialCare } from './life/social-care.ts';
import { generateWork } from './life/work.ts';
import type { GeneratedEvent, Programme, SyntheticFamily } from './model.ts';
import { dayBetween, iso, periodEnd, periodStart } from './period.ts';
import { Rng } from './random.ts';

export interface FamilyOptions {
  /**
   * Top each family up to about this many events with low-signal records (referrals, screening
   * assessments) so benchmarks can ask for a fixed density; families with more keep all of theirs.
   */
  readonly eventsPerFamily?: number;
  /** Record professional evidence against this plan's outcomes (see evidence-targets.ts). */
  readonly evidence?: EvidenceTargets | undefined;
}

export function familyId(index: number): string {
  return `F${String(index + 1).padStart(6, '0')}`;
}

export function generateFamily(seed: number, index: number, options: FamilyOptions = {}): SyntheticFamily {
  const rng = Rng.for(seed, index);
  const id = familyId(index);
  const household = createHousehold(rng, index, id);

  // How chaotic the family's life is drives every problem, so problems cluster in the same families.
  const severity = rng.float() ** 1.6;
  const identifiedOn = dayBetween(rng, dayFrom(2018, 4, 1), dayFrom(2019, 6, 30));
  const hasChild = household.people.some((p) => !p.parent && p.dateOfBirth <= identifiedOn && addMonths(p.dateOfBirth, 18 * 12) > identifiedOn);
  const hasPupil = household.people.some((p) => !p.parent && isSchoolAge(p.dateOfBirth, identifiedOn));
  const chance: Record<ProblemId, number> = {
    crime: 0.06 + 0.4 * severity,
    education: hasPupil ? 0.08 + 0.42 * severity : 0,
    'children-need-help': hasChild ? 0.08 + 0.4 * severity : 0,
    worklessness: 0.25 + 0.45 * severity,
    'domestic-abuse': 0.04 + 0.3 * severity,
    health: 0.12 + 0.4 * severity,
  };
  const problems = new Set(problemIds.filter((p) => rng.chance(chance[p])));

  // The programme engages most families with two or more problems and a few nominated with one.
  const engaged = problems.size >= 2 ? rng.chance(0.75) : problems.size === 1 && rng.chance(0.12);
  const engagedOn = engaged ? addDays(identifiedOn, rng.int(7, 90)) : null;
  const closedOn = engagedOn !== null && rng.chance(0.6) ? addMonths(engagedOn, rng.int(6, 15)) : null;
  const programme: Programme = { identifiedOn, engagedOn, closedOn: closedOn !== null && closedOn <= periodEnd ? closedOn : null };

  // Whether the work made a difference: responsive families improve on most of their problems.
  const responsiveness = rng.float();
  const improved = new Set(engagedOn === null ? [] : [...problems].filter(() => rng.chance(0.15 + 0.75 * responsiveness)));
  const effectFrom = engagedOn === null || improved.size === 0 ? null : addDays(engagedOn, rng.int(20, 120));

  const events: GeneratedEvent[] = [];
  const ctx: LifeContext = {
    rng,
    familyId: id,
    household,
    programme,
    problems,
    improved,
    effectFrom,
    severity,
    evidence: options.evidence,
    events: () => events,
    add: (e) => {
      // Drafts are fresh objects, so the id is set in place (spreading each one costs more than the rest of the model).
      const kept = withinPeriod(e) as (EventDraft & { id?: string }) | undefined;
      if (!kept) return;
      kept.id = `${id}-e${events.length + 1}`;
      events.push(kept as GeneratedEvent);
    },
  };
  generateCrime(ctx);
  generateEducation(ctx);
  generateSocialCare(ctx);
  generateWork(ctx);
  generateDomesticAbuse(ctx);
  generateHealth(ctx);
  generateHousing(ctx);
  generateKeyWorkerRecords(ctx);
  if (options.eventsPerFamily !== undefined) topUp(ctx, options.eventsPerFamily - events.length);

  return {
    index,
    id,
    people: household.people,
    residences: household.residences,
    programme,
    problems: problemIds.filter((p) => problems.has(p)),
    improved: problemIds.filter((p) => improved.has(p)),
    change: household.change,
    events,
  };
}

const startText = formatDay(periodStart);
const endText = formatDay(periodEnd);

/** Keeps events inside the period: dated events in it, spells that overlap it (still open if they end after it). */
function withinPeriod(e: EventDraft): EventDraft | undefined {
  if ('date' in e) return e.date >= startText && e.date <= endText ? e : undefined;
  if ('start' in e) {
    if (e.start > endText || (e.end != null && e.end < startText)) return undefined;
    if (e.end != null && e.end < e.start) return undefined;
    if (e.end != null && e.end > endText) {
      const { endReason: _dropped, ...open } = e as EventDraft & { endReason?: string };
      return { ...open, end: null } as EventDraft;
    }
    return e;
  }
  return e;
}

const referralServices = ['School nurse', 'Family hub', 'Food bank', 'Citizens Advice', 'Youth club', 'Housing options'];

function topUp(ctx: LifeContext, missing: number): void {
  const { rng } = ctx;
  const people = ctx.household.people;
  for (let i = 0; i < missing; i++) {
    const p = rng.pick(people);
    const from = p.dateOfBirth > periodStart ? p.dateOfBirth : periodStart;
    const d = iso(dayBetween(rng, from, periodEnd));
    if (rng.chance(0.5)) ctx.add({ type: 'referral', person: p.id, date: d, service: rng.pick(referralServices) });
    else ctx.add({ type: 'assessment', person: p.id, date: d, tool: 'wellbeing-screen', score: rng.int(10, 40) });
  }
}
