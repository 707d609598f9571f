/**
 * The verdict: what `evaluate(plan, timeline, asOf)` returns. Plain JSON data, deterministic for the
 * same inputs (byte for byte when serialised), with a plain-English explanation at every level.
 */
import type { ProblemId } from '../timeline/timeline-schema.ts';

/**
 * - `met`: the outcome is achieved (and sustained where the rule says so)
 * - `not-met`: it is not
 * - `pending`: a window or sustainment period has not yet elapsed since intervention started
 * - `evidence-required`: a professional's recorded evidence is needed and there is none yet
 * - `not-applicable`: none of the indicators it addresses was met, or nobody it measures is in the family
 */
export type OutcomeStatus = 'met' | 'not-met' | 'pending' | 'evidence-required' | 'not-applicable';

/** `not-identified`, `turned-around`, or the status of the least-advanced indicator still open. */
export type ProblemStatus = 'not-identified' | 'turned-around' | 'pending' | 'evidence-required' | 'not-met';

export interface WindowJson {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  /** School terms in the window, for term-based windows. */
  readonly terms?: readonly string[];
}

export interface Figure {
  /** What the number is: "proven offences", "attendance %", "pro-rata baseline". */
  readonly label: string;
  readonly value: number | string | boolean | null;
  readonly window?: WindowJson;
  /** Ids of the timeline events the figure was computed from (each may carry its source file and row). */
  readonly events?: readonly string[];
}

export interface SubjectResult {
  /** Member id, or `household` for a figure over the whole family. */
  readonly subject: string;
  readonly status: Exclude<OutcomeStatus, 'not-applicable'>;
  readonly figures: readonly Figure[];
  readonly explanation: string;
}

export interface IndicatorResult {
  readonly id: string;
  readonly ref: string;
  readonly text: string;
  readonly met: boolean;
  /** The dates at which it was tested and found met (`identified`, `engaged`, `now`). */
  readonly metAt: readonly string[];
  /** The members (or `household`) who met it, with the figures. */
  readonly subjects: readonly SubjectResult[];
  readonly explanation: string;
}

export interface OutcomeResult {
  readonly id: string;
  readonly ref: string;
  readonly text: string;
  readonly addresses: readonly string[];
  readonly status: OutcomeStatus;
  readonly subjects: readonly SubjectResult[];
  readonly explanation: string;
}

export interface ProblemResult {
  readonly problem: ProblemId;
  readonly title: string;
  readonly identified: boolean;
  /** When the problem was first found: at identification, at engagement, or since (emerged). */
  readonly foundAt: 'identified' | 'engaged' | 'now' | null;
  readonly indicators: readonly IndicatorResult[];
  readonly outcomes: readonly OutcomeResult[];
  readonly status: ProblemStatus;
  readonly explanation: string;
}

export interface ClaimResult {
  readonly claimable: boolean;
  readonly reasons: readonly string[];
}

export interface Verdict {
  readonly plan: { readonly id: string; readonly version: string; readonly authority: string };
  readonly familyId: string;
  readonly asOf: string;
  readonly programme: { readonly identifiedOn: string; readonly engagedOn: string | null; readonly closedOn: string | null };
  readonly eligible: boolean;
  readonly identifiedProblems: readonly ProblemId[];
  readonly problems: readonly ProblemResult[];
  readonly claims: {
    readonly significantAndSustainedProgress: ClaimResult;
    readonly continuousEmployment: ClaimResult;
  };
}
