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
  /**
   * The rule does not measure this subject: a spell's `was` precondition does not hold for them (the
   * "off JSA into work" outcome does not measure a parent who was on ESA). Such subjects are left out
   * when an outcome combines its subjects; `status` is then `not-met`.
   */
  readonly notApplicable?: boolean;
}

/** For "all of": the least advanced status wins. Statuses in rank order: `allOrder[allRank[s]] === s`. */
export const allOrder: readonly RuleStatus[] = ['not-met', 'pending', 'evidence-required', 'met'];
/** For "any of": the most advanced status wins. Statuses in rank order: `anyOrder[anyRank[s]] === s`. */
export const anyOrder: readonly RuleStatus[] = ['met', 'pending', 'evidence-required', 'not-met'];

const rankIn = (order: readonly RuleStatus[]) => Object.fromEntries(order.map((s, i) => [s, i])) as Record<RuleStatus, number>;
/**
 * Each status's rank in {@link allOrder} and {@link anyOrder}, for combining statuses in a loop without
 * building a list: the lowest rank seen wins, and its status is the one `combineAll` / `combineAny` give.
 */
export const allRank: Readonly<Record<RuleStatus, number>> = rankIn(allOrder);
export const anyRank: Readonly<Record<RuleStatus, number>> = rankIn(anyOrder);

export function combineAll(statuses: readonly RuleStatus[]): RuleStatus {
  for (const s of allOrder) if (statuses.includes(s)) return s;
  return 'met';
}

export function combineAny(statuses: readonly RuleStatus[]): RuleStatus {
  for (const s of anyOrder) if (statuses.includes(s)) return s;
  return 'not-met';
}

const noFigures = (): readonly Figure[] => [];
const noText = () => '';
const bareResults = {} as Record<RuleStatus, RuleResult>;
const bareNotApplicable = {} as Record<RuleStatus, RuleResult>;
for (const status of allOrder) {
  bareResults[status] = { status, figures: noFigures, text: noText };
  bareNotApplicable[status] = { status, figures: noFigures, text: noText, notApplicable: true };
}

/**
 * A result with a status and nothing to explain it, for evaluations that need statuses only (see
 * `EvalContext.explain`). Shared and immutable: building it allocates nothing.
 */
export function bare(status: RuleStatus, notApplicable = false): RuleResult {
  return notApplicable ? bareNotApplicable[status] : bareResults[status];
}
