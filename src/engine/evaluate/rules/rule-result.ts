import type { Figure, OutcomeStatus } from '../verdict.ts';

export type RuleStatus = Exclude<OutcomeStatus, 'not-applicable'>;

/**
 * What evaluating one rule for one subject gives: a status, the figures behind it and a clause of
 * explanation. Figures and text are computed only when asked for: most indicator tests fail and are
 * discarded, and building their explanations would dominate the cost of evaluation.
 */
export interface RuleResult {
  readonly status: RuleStatus;
  readonly figures: () => readonly Figure[];
  /** A clause, no trailing full stop: "1 offence in … against a pro-rata baseline of 3 …". */
  readonly text: () => string;
}

/** For "all of": the least advanced status wins. */
const allOrder: readonly RuleStatus[] = ['not-met', 'pending', 'evidence-required', 'met'];
/** For "any of": the most advanced status wins. */
const anyOrder: readonly RuleStatus[] = ['met', 'pending', 'evidence-required', 'not-met'];

export function combineAll(statuses: readonly RuleStatus[]): RuleStatus {
  for (const s of allOrder) if (statuses.includes(s)) return s;
  return 'met';
}

export function combineAny(statuses: readonly RuleStatus[]): RuleStatus {
  for (const s of anyOrder) if (statuses.includes(s)) return s;
  return 'not-met';
}
