/**
 * The synthetic council as family timelines in the public contract (`timeline-schema.ts`), one family
 * at a time, so a benchmark can stream 100,000 families without holding them.
 */
import { ageOn, formatDay } from '../engine/calendar/day.ts';
import type { TimelineInput } from '../engine/timeline/timeline-schema.ts';
import type { EvidenceTargets } from './evidence-targets.ts';
import { generateFamily } from './family.ts';
import type { SyntheticFamily } from './model.ts';

export interface GenerateOptions {
  /** How many families. */
  readonly families: number;
  /** Any 32-bit integer; the same seed gives the same council. */
  readonly seed: number;
  /** First family index (to generate a slice of a council: families `from` … `from + families − 1`). */
  readonly from?: number;
  /**
   * Top families up to about this many events (benchmarks use 100). Without it a family has its
   * natural number of events: a median of about 45, more for families with many problems.
   */
  readonly eventsPerFamily?: number;
  /** Record professional evidence against this plan's outcomes (see evidence-targets.ts). */
  readonly evidence?: EvidenceTargets | undefined;
}

/** Each family of the council in turn. */
export function* generateFamilies(options: GenerateOptions): Generator<SyntheticFamily> {
  const from = options.from ?? 0;
  for (let i = from; i < from + options.families; i++) {
    yield generateFamily(options.seed, i, { ...(options.eventsPerFamily === undefined ? {} : { eventsPerFamily: options.eventsPerFamily }), evidence: options.evidence });
  }
}

/** Each family of the council as a timeline: no names, addresses or identifiers, only what evaluation needs. */
export function* generateTimelines(options: GenerateOptions): Generator<TimelineInput> {
  for (const family of generateFamilies(options)) yield toTimeline(family);
}

export function toTimeline(family: SyntheticFamily): TimelineInput {
  const { identifiedOn, engagedOn, closedOn } = family.programme;
  return {
    familyId: family.id,
    members: family.people.map((p) => ({
      id: p.id,
      dateOfBirth: formatDay(p.dateOfBirth),
      role: p.dateOfBirth <= identifiedOn && ageOn(p.dateOfBirth, identifiedOn) >= 18 ? 'adult' : 'child',
      parentingResponsibility: p.parent,
      sex: p.sex,
    })),
    programme: {
      identifiedOn: formatDay(identifiedOn),
      engagedOn: engagedOn === null ? null : formatDay(engagedOn),
      closedOn: closedOn === null ? null : formatDay(closedOn),
    },
    events: [...family.events],
  };
}
