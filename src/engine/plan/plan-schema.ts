/**
 * The plan format: one YAML file per council plan version. See docs/plan-format.md.
 *
 * A plan lists, for each national headline problem, the local **indicators** that identify it and
 * the **outcomes** that count as significant and sustained progress. Indicators and outcomes are
 * written with one small rule language (`Rule`), evaluated per person or per household:
 *
 *   count / sum / attendance   a figure over a window compared with a threshold
 *   reduction / increase       a figure in an outcome window against a baseline window (pro rata)
 *   holds                      a state (active spells, earnings) at a date or throughout a window
 *   spell                      a state held continuously for a duration, or N of the last M weeks
 *   no-recurrence              after a trigger (a step-down, a closure) no repeat for a period
 *   score                      a standardised tool's change (Outcomes Star, SDQ, WEMWBS …)
 *   evidence / steps           a professional's recorded evidence; at least N of M steps evidenced
 *                              (a record naming a step counts for `steps` only, not for `evidence`)
 *   all-of / any-of / not      combinations
 *
 * Every indicator and outcome carries `ref`, the reference of the criterion it implements in the
 * source document, and `text`, the criterion's words.
 */
import { z } from 'zod';
import { isoDate, problemId, type ProblemId } from '../timeline/timeline-schema.ts';


/** ISO 8601 duration with one unit: P6M, P26W, P90D, P1Y. */
export const durationText = z.string().regex(/^P\d{1,4}[DWMY]$/, 'expected a duration such as P6M, P26W, P90D or P1Y');

/**
 * Dates a window can be anchored on. `now` is the date the rule is evaluated at: for an indicator,
 * the identification or engagement date being tested; for an outcome, the as-of date.
 */
export const anchor = z.enum(['now', 'identified', 'engaged', 'closed']);
export type Anchor = z.infer<typeof anchor>;

/**
 * A window of days, resolved against the anchors:
 *  - `{ last: P12M, before: engaged }`        the 12 months up to the day before engagement
 *  - `{ last: P6M }` / `{ last: P6M, endingOn: now }`  the 6 months up to and including now
 *  - `{ last: P6M, offset: P6M }`             the 6 months before those ("the previous 6 months")
 *  - `{ fullQuarters: 4, before: engaged }`   the four full calendar quarters before the quarter containing engagement
 *  - `{ fullTerms: 3 }`                       the last three school terms that had ended by now
 *  - `{ fullTerms: 3, beforeQuarterOf: engaged }`  the three full terms before the quarter in which engagement fell
 *  - `{ from: engaged, to: now }`             between two anchors, inclusive
 */
export const window = z.union([
  z.strictObject({ last: durationText, before: anchor.optional(), endingOn: anchor.optional(), offset: durationText.optional() }),
  z.strictObject({ fullQuarters: z.number().int().positive(), before: anchor.default('now') }),
  z.strictObject({ fullTerms: z.number().int().positive(), endingBy: anchor.optional(), beforeQuarterOf: anchor.optional() }),
  z.strictObject({ from: anchor, to: anchor.default('now') }),
]);
export type Window = z.infer<typeof window>;

/** Matching values for one event field: a value, a list of values, or a numeric comparison. */
const fieldMatch = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
  z.strictObject({ atLeast: z.number().optional(), atMost: z.number().optional(), above: z.number().optional(), below: z.number().optional() }),
]);

/** Which events a rule looks at: `events` names one type or several; `where` filters on their fields. */
export const selector = z.strictObject({
  events: z.union([z.string(), z.array(z.string()).min(1)]),
  where: z.record(z.string(), fieldMatch).optional(),
});
export type Selector = z.infer<typeof selector>;

/** A numeric threshold: any combination of bounds, all of which must hold. Percentages are 0–100. */
const comparison = {
  atLeast: z.number().optional(),
  atMost: z.number().optional(),
  above: z.number().optional(),
  below: z.number().optional(),
  equals: z.number().optional(),
};

/** How school attendance is scored: all absence counts against it (DfE persistent absence) or only unauthorised absence. */
export const absenceBasis = z.enum(['all-absence', 'unauthorised-only']);

/** A figure computed for a person (or the household) over a window. */
export const metric = z.union([
  z.strictObject({ count: selector }),
  z.strictObject({ sum: selector, field: z.string() }),
  z.strictObject({ attendance: absenceBasis }),
]);
export type Metric = z.infer<typeof metric>;

/**
 * A state that holds on some days and not others, as a set of date intervals. `earnings` holds in the
 * calendar months whose earnings reach `atLeast`; with `couple`, a member who is one of two or more
 * adults with parenting responsibility also qualifies when those adults' joint earnings reach it.
 */
export type State =
  | { active: Selector; endingWithin?: string | undefined }
  | { earnings: { atLeast: number; couple?: number | undefined } }
  | { allOf: State[] }
  | { anyOf: State[] }
  | { not: State };
export const state: z.ZodType<State> = z.lazy(() =>
  z.union([
    z.strictObject({ active: selector, endingWithin: durationText.optional() }),
    z.strictObject({ earnings: z.strictObject({ atLeast: z.number().nonnegative(), couple: z.number().nonnegative().optional() }) }),
    z.strictObject({ allOf: z.array(state).min(1) }),
    z.strictObject({ anyOf: z.array(state).min(1) }),
    z.strictObject({ not: state }),
  ]),
);

const common = {
  /** A sentence for people: what this rule checks, in the plan's terms. Generated when absent. */
  describe: z.string().optional(),
  /** Why the rule is encoded this way (an ambiguity resolved, a choice made). */
  note: z.string().optional(),
};

const step = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'step ids are lower-case-kebab'),
  text: z.string(),
  /** Steps sharing a group count once between them ("either of these trigger outcomes counts as one step"). */
  group: z.string().optional(),
});

export type Rule =
  | ({ kind: 'count'; of: Selector; in: Window } & Comparison & Common)
  | ({ kind: 'sum'; of: Selector; field: string; in: Window } & Comparison & Common)
  | ({ kind: 'attendance'; absence: z.infer<typeof absenceBasis>; in: Window } & Comparison & Common)
  | ({ kind: 'reduction'; of: Metric; baseline: Window; outcome: Window; atLeast: number; proRata: boolean; zeroBaseline: 'met' | 'not-met' } & Common)
  | ({
      kind: 'increase';
      of: Metric;
      baseline: Window;
      outcome: Window;
      points?: number | undefined;
      percent?: number | undefined;
      whenBaselineBelow?: number | undefined;
    } & Common)
  | ({ kind: 'holds'; state: State; at?: Anchor | undefined; throughout?: Window | undefined } & Common)
  | ({
      kind: 'spell';
      state: State;
      was?: State | undefined;
      wasAt: Anchor[];
      from: Anchor;
      for?: string | undefined;
      weeks?: { atLeast: number; ofLast: number } | undefined;
    } & Common)
  | ({
      kind: 'no-recurrence';
      after: Selector;
      afterDate: 'date' | 'start' | 'end';
      within?: Window | undefined;
      none: Selector;
      noneDate: 'date' | 'start';
      for: string;
    } & Common)
  | ({
      kind: 'score';
      tool: string | string[];
      direction: 'up' | 'down';
      change: number;
      finalAbove?: number | undefined;
      finalBelow?: number | undefined;
      initialAbove?: number | undefined;
      initialBelow?: number | undefined;
    } & Common)
  | ({ kind: 'evidence'; roles?: string[] | undefined; within?: Window | undefined } & Common)
  | ({ kind: 'steps'; atLeast: number; steps: Array<z.infer<typeof step>>; roles?: string[] | undefined } & Common)
  | ({ kind: 'all-of'; rules: Rule[] } & Common)
  | ({ kind: 'any-of'; rules: Rule[] } & Common)
  | ({ kind: 'not'; rule: Rule } & Common);
type Comparison = { atLeast?: number | undefined; atMost?: number | undefined; above?: number | undefined; below?: number | undefined; equals?: number | undefined };
type Common = { describe?: string | undefined; note?: string | undefined };

export const rule: z.ZodType<Rule> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('count'), of: selector, in: window, ...comparison, ...common }),
    z.strictObject({ kind: z.literal('sum'), of: selector, field: z.string(), in: window, ...comparison, ...common }),
    z.strictObject({ kind: z.literal('attendance'), absence: absenceBasis, in: window, ...comparison, ...common }),
    z.strictObject({
      kind: z.literal('reduction'),
      of: metric,
      baseline: window,
      outcome: window,
      /** Minimum reduction in percent: 33 means "at least 33% fewer". 100 means none at all. */
      atLeast: z.number().min(0).max(100),
      /** Scale the baseline to the outcome window's length (by months when both are whole months, else by days). */
      proRata: z.boolean().default(true),
      /** What a baseline of zero means: nothing to reduce. `met` when the outcome is also zero. */
      zeroBaseline: z.enum(['met', 'not-met']).default('met'),
      ...common,
    }),
    z.strictObject({
      kind: z.literal('increase'),
      of: metric,
      baseline: window,
      outcome: window,
      /** Increase in percentage points (40 → from 45% to 85%). */
      points: z.number().positive().optional(),
      /** Relative increase in percent (30 → from 50% to 65%). */
      percent: z.number().positive().optional(),
      /** Applies only when the baseline figure is below this (e.g. attendance below 50%). */
      whenBaselineBelow: z.number().optional(),
      ...common,
    }),
    z.strictObject({ kind: z.literal('holds'), state, at: anchor.optional(), throughout: window.optional(), ...common }),
    z.strictObject({
      kind: z.literal('spell'),
      /** The state that must hold continuously (in work and off out-of-work benefits). */
      state,
      /** The state the person must have been in at `wasAt` (on JSA at identification or engagement). */
      was: state.optional(),
      wasAt: z.array(anchor).min(1).default(['identified', 'engaged']),
      /** Spells count from this anchor onward. */
      from: anchor.default('identified'),
      /** Held continuously for this long. */
      for: durationText.optional(),
      /** Or: held for at least this many of the last N whole ISO weeks. */
      weeks: z.strictObject({ atLeast: z.number().int().positive(), ofLast: z.number().int().positive() }).optional(),
      ...common,
    }),
    z.strictObject({
      kind: z.literal('no-recurrence'),
      /** The trigger: the most recent matching event in `within` starts the clock. */
      after: selector,
      afterDate: z.enum(['date', 'start', 'end']).default('end'),
      within: window.optional(),
      /** What must not happen… */
      none: selector,
      noneDate: z.enum(['date', 'start']).default('start'),
      /** …for this long after the trigger. */
      for: durationText,
      ...common,
    }),
    z.strictObject({
      kind: z.literal('score'),
      tool: z.union([z.string(), z.array(z.string()).min(1)]),
      /** Whether a better score is higher (Outcomes Star, WEMWBS) or lower (SDQ, DASH). */
      direction: z.enum(['up', 'down']),
      /** Minimum improvement in points between the first and the latest score. */
      change: z.number().positive(),
      finalAbove: z.number().optional(),
      finalBelow: z.number().optional(),
      /** Applies only when the first score was above / below this (SDQ "clinically high, above 18"). */
      initialAbove: z.number().optional(),
      initialBelow: z.number().optional(),
      ...common,
    }),
    z.strictObject({ kind: z.literal('evidence'), roles: z.array(z.string()).optional(), within: window.optional(), ...common }),
    z.strictObject({ kind: z.literal('steps'), atLeast: z.number().int().positive(), steps: z.array(step).min(1), roles: z.array(z.string()).optional(), ...common }),
    z.strictObject({ kind: z.literal('all-of'), rules: z.array(rule).min(1), ...common }),
    z.strictObject({ kind: z.literal('any-of'), rules: z.array(rule).min(1), ...common }),
    z.strictObject({ kind: z.literal('not'), rule, ...common }),
  ]),
);

/** Who an indicator or outcome is about. Ages are whole years on the date being evaluated. */
export const who = z.strictObject({
  role: z.enum(['adult', 'child']).optional(),
  age: z.strictObject({ min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() }).optional(),
  /** Primary = Reception–Year 6, secondary = Year 7–13, school-age = Reception–Year 11. */
  school: z.enum(['primary', 'secondary', 'school-age']).optional(),
  parentingResponsibility: z.boolean().optional(),
  sex: z.enum(['female', 'male']).optional(),
});
export type Who = z.infer<typeof who>;

const reference = {
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'ids are lower-case letters, digits, dots and hyphens'),
  /** The criterion's reference in the source document: "1a", "2.6", "A", "iii)", "Strand 1, indicator 1". */
  ref: z.string().min(1),
  /** The criterion's words, from the source document. */
  text: z.string().min(1),
  note: z.string().optional(),
};

export const indicator = z.strictObject({
  ...reference,
  who: who.default({}),
  /**
   * A condition on the household, not on the person meeting the rule: the indicator is met only
   * when some member matching this `who` lives in the household on the date tested ("a police call
   * out for a domestic incident, where there is a child residing in the household").
   */
  householdIncludes: who.optional(),
  /** `person`: some member matching `who` meets the rule. `household`: the rule over all the household's events. */
  scope: z.enum(['person', 'household']).default('person'),
  rule,
});
export type Indicator = z.infer<typeof indicator>;

/**
 * Whose progress an outcome measures:
 *  - `indicated`: each person who met an addressed indicator (all must meet the outcome)
 *  - `{ indicated: who }`: each person who met an addressed indicator and matches `who` on the
 *    as-of date; the outcome does not apply when none does. For outcomes that name whom they measure
 *    among the people an indicator can find ("no further offences committed by children" for an
 *    indicator met by a child or an adult; "young people 16-18 … are in education" for a
 *    persistently absent child of any age). Household-scoped indicators contribute no members.
 *  - `family`: one figure over the whole household's events
 *  - `{ every: who }`: every member matching `who` on the as-of date
 *  - `{ any: who }`: at least one member matching `who`
 */
export const subjects = z.union([
  z.enum(['indicated', 'family']),
  z.strictObject({ indicated: who }),
  z.strictObject({ every: who }),
  z.strictObject({ any: who }),
]);
export type Subjects = z.infer<typeof subjects>;

export const outcome = z.strictObject({
  ...reference,
  /** Ids of the indicators this outcome addresses. A met indicator needs one of its addressing outcomes met. */
  addresses: z.array(z.string()).min(1),
  subjects: subjects.default('indicated'),
  rule,
});
export type Outcome = z.infer<typeof outcome>;

export const problem = z.strictObject({
  title: z.string().optional(),
  indicators: z.array(indicator).min(1),
  outcomes: z.array(outcome).min(1),
});
export type Problem = z.infer<typeof problem>;

/**
 * A sign that the family has regressed in an area (Hampshire: "a successful SSP outcome is only
 * possible if the family have not regressed in any area"). Evaluated at the as-of date like an
 * outcome (a window that begins before engagement is not yet measured, so it cannot show regression):
 * for the household, or for each member matching `who` with `scope: person`. When any check is met,
 * no significant-and-sustained-progress claim can be made, and the claim's reasons say which.
 */
export const regressionCheck = z.strictObject({
  ...reference,
  /** The headline problem (area) the check is about. */
  problem: problemId,
  who: who.default({}),
  scope: z.enum(['person', 'household']).default('household'),
  rule,
});
export type RegressionCheck = z.infer<typeof regressionCheck>;

/**
 * When sustainment is assumed rather than waited for (Hampshire: families supported earlier via the
 * Early Help Hub and not re-escalated for 12 months). `rule` is evaluated for the household at the
 * as-of date; when it is met, the minimum sustainment period counts as satisfied and a problem whose
 * outcomes are only `pending` (achieved, sustainment or outcome period not yet elapsed) counts as
 * turned around for the claim. Problems not met or awaiting evidence still block the claim.
 */
export const assumedSustainment = z.strictObject({
  ref: z.string().min(1),
  text: z.string().min(1),
  note: z.string().optional(),
  /** The headline problem whose events and evidence the rule reads. */
  problem: problemId,
  rule,
});

export const claimRules = z.strictObject({
  /** Headline problems needed for eligibility: 2 in Phase 2, 3 in the 2022 framework. */
  minimumProblems: z.number().int().positive().default(2),
  /**
   * Dates at which indicators are tested. Add `now` when a problem that emerges during the intervention
   * must be addressed too (Hampshire): it then counts as identified and must be turned around before a
   * claim, but eligibility still rests on the problems found at identification and engagement.
   */
  identifyAt: z.array(anchor).min(1).default(['identified', 'engaged']),
  /** Time from engagement before a significant-and-sustained-progress claim. */
  minimumSustainment: durationText.default('P6M'),
  /** Outcomes (ids) any one of which makes a continuous-employment claim; null where the plan has no such route. */
  continuousEmployment: z.strictObject({ outcomes: z.array(z.string()).min(1) }).nullable().default(null),
  /** Signs of regression, any of which bars a significant-and-sustained-progress claim. */
  regression: z.array(regressionCheck).default([]),
  /** When sustainment is assumed (see `assumedSustainment`); null when never. */
  assumedSustainment: assumedSustainment.nullable().default(null),
  note: z.string().optional(),
});
export type ClaimRules = z.infer<typeof claimRules>;

export const plan = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'plan ids are lower-case-kebab'),
  authority: z.string().min(1),
  title: z.string().min(1),
  version: z.string().min(1),
  inForce: z.strictObject({ from: isoDate, to: isoDate.nullable().default(null) }),
  source: z.strictObject({ document: z.string().min(1), note: z.string().optional() }),
  /** Overrides of the default English term dates, e.g. `{ term: 2019-spring, start: 2019-01-07, end: 2019-04-05 }`. */
  schoolTerms: z.array(z.strictObject({ term: z.string(), start: isoDate, end: isoDate })).default([]),
  claimRules: claimRules.default(() => claimRules.parse({})),
  problems: z.partialRecord(problemId, problem),
});
export type Plan = z.infer<typeof plan>;
export type PlanInput = z.input<typeof plan>;
export type { ProblemId };
