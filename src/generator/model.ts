/**
 * The synthetic population's true state: who the people are, where they live over time, and what
 * happened to them. Extracts are written from this (with mistakes added); timelines are this without
 * the personal details.
 */
import type { z } from 'zod';
import type { Day } from '../engine/calendar/day.ts';
import type { ProblemId, timelineEvent } from '../engine/timeline/timeline-schema.ts';

/** A timeline event as the generator produces it: always about a person, dates as `YYYY-MM-DD`. */
export type GeneratedEvent = z.input<typeof timelineEvent> & { readonly id: string; readonly person: string };

export type Sex = 'female' | 'male';

export interface Address {
  readonly line: string;
  readonly postcode: string;
}

export interface SyntheticPerson {
  /** `F000123-2`: the family id and the member's slot. */
  readonly id: string;
  /** Family index × 8 + slot: the key the person's identifiers are derived from. */
  readonly key: number;
  readonly forename: string;
  readonly surname: string;
  readonly dateOfBirth: Day;
  readonly sex: Sex;
  readonly parent: boolean;
  readonly nhsNumber: string;
  /** Children of school age at some point in the period. */
  readonly upn?: string;
  /** Everyone 16 or over by the end of the period. */
  readonly niNumber?: string;
}

/** Where a person lived, and in which household, from `from` to `to` (inclusive; null = still there). */
export interface Residence {
  readonly person: string;
  /** `F000123-H1`: the family's main household; `-H2` a household formed by a split or before a join. */
  readonly household: string;
  readonly address: Address;
  readonly from: Day;
  readonly to: Day | null;
}

export interface Programme {
  readonly identifiedOn: Day;
  readonly engagedOn: Day | null;
  readonly closedOn: Day | null;
}

export interface SyntheticFamily {
  readonly index: number;
  readonly id: string;
  readonly people: readonly SyntheticPerson[];
  /** Every person's residences, in date order per person. */
  readonly residences: readonly Residence[];
  readonly programme: Programme;
  /** The headline problems the family truly had before identification. */
  readonly problems: readonly ProblemId[];
  /** The problems on which the family made real progress after engagement. */
  readonly improved: readonly ProblemId[];
  /** How the household changed: `split` (a parent left), `joined` (a new partner and child moved in), or `stable`. */
  readonly change: 'stable' | 'split' | 'joined';
  readonly events: readonly GeneratedEvent[];
}
