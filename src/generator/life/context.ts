/** What every life-event generator works from: the family, its true problems and the effect of the programme. */
import { ageOn, type Day } from '../../engine/calendar/day.ts';
import type { ProblemId } from '../../engine/timeline/timeline-schema.ts';
import type { EvidenceTargets } from '../evidence-targets.ts';
import type { Household } from '../household.ts';
import type { GeneratedEvent, Programme, SyntheticPerson } from '../model.ts';
import { periodEnd } from '../period.ts';
import type { Rng } from '../random.ts';

export type EventDraft = GeneratedEvent extends infer E ? (E extends GeneratedEvent ? Omit<E, 'id'> : never) : never;

export interface LifeContext {
  readonly rng: Rng;
  readonly familyId: string;
  readonly household: Household;
  readonly programme: Programme;
  /** The family's true problems (before identification). */
  readonly problems: ReadonlySet<ProblemId>;
  /** Problems on which the programme works, from {@link effectFrom}. */
  readonly improved: ReadonlySet<ProblemId>;
  /** When the programme's effect starts to show (a few months after engagement), or null. */
  readonly effectFrom: Day | null;
  /** How strongly a family is affected: 0 (barely) … 1 (chaotic); scales rates. */
  readonly severity: number;
  /** The plan outcomes professional evidence is recorded against, if the council has a plan. */
  readonly evidence?: EvidenceTargets | undefined;
  add(event: EventDraft): void;
  /** The events added so far. */
  events(): readonly GeneratedEvent[];
}

/** The first and last day the person is part of the story (born, or the period's edges). */
export function lifeSpan(p: SyntheticPerson, from: Day): { from: Day; to: Day } {
  return { from: p.dateOfBirth > from ? p.dateOfBirth : from, to: periodEnd };
}

export function ageAt(p: SyntheticPerson, day: Day): number {
  return ageOn(p.dateOfBirth, day);
}

export function adults(ctx: LifeContext, on: Day): SyntheticPerson[] {
  return ctx.household.people.filter((p) => ageAt(p, on) >= 18);
}

export function children(ctx: LifeContext, on: Day): SyntheticPerson[] {
  return ctx.household.people.filter((p) => p.dateOfBirth <= on && ageAt(p, on) < 18);
}

/** True when the programme has improved `problem` by `day`. */
export function improvedBy(ctx: LifeContext, problem: ProblemId, day: Day): boolean {
  return ctx.effectFrom !== null && day >= ctx.effectFrom && ctx.improved.has(problem);
}

/** Splits [from, to] at the effect date, so rates can differ before and after. */
export function phases(ctx: LifeContext, problem: ProblemId, from: Day, to: Day): { from: Day; to: Day; improved: boolean }[] {
  const e = ctx.effectFrom;
  if (e === null || !ctx.improved.has(problem) || e > to) return [{ from, to, improved: false }];
  if (e <= from) return [{ from, to, improved: true }];
  return [
    { from, to: (e - 1) as Day, improved: false },
    { from: e, to, improved: true },
  ];
}
