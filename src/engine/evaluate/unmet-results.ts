/**
 * Results that depend on the plan alone: an indicator nobody meets, an outcome none of whose
 * indicators is met, a problem none of whose indicators is met. Most of a verdict is these (for most
 * families most problems are not identified), so each is made once per plan part, explained or not,
 * and shared by every verdict that has it. Verdicts are read-only data; sharing changes no output.
 * The shared results are frozen (with the lists they hold), so that code changing one verdict fails at
 * once instead of changing every other verdict that shares the part.
 */
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { Indicator, Outcome, Problem } from '../plan/plan-schema.ts';
import type { ProblemId } from '../timeline/timeline-schema.ts';
import type { Subject } from './context.ts';
import { whoWords } from './subjects.ts';
import type { IndicatorResult, OutcomeResult, ProblemResult } from './verdict.ts';
import { anchorWords } from './windows.ts';

/** An indicator's result, with the subjects who met it (which outcomes measured for "the indicated"). */
export interface TestedIndicator {
  readonly result: IndicatorResult;
  readonly metSubjects: readonly Subject[];
}

type Pair<T> = [explained: T | undefined, bare: T | undefined];
const indicators = new WeakMap<Indicator, Pair<TestedIndicator>>();
const outcomes = new WeakMap<Outcome, Pair<OutcomeResult>>();
const problems = new WeakMap<Problem, Pair<ProblemResult>>();
const identifyAtWordsOf = new WeakMap<CompiledPlan, string>();
const none: readonly never[] = Object.freeze([]);

function once<K extends object, T extends object>(cache: WeakMap<K, Pair<T>>, key: K, explain: boolean, make: () => T): T {
  let pair = cache.get(key);
  if (!pair) cache.set(key, (pair = [undefined, undefined]));
  const i = explain ? 0 : 1;
  return (pair[i] ??= deepFreeze(make()));
}

/** Freezes the value and every object and list it holds (made once per plan part, so never on a hot path). */
function deepFreeze<T extends object>(value: T): T {
  if (Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const field of Object.values(value)) if (typeof field === 'object' && field !== null) deepFreeze(field as object);
  return value;
}

/** The result already made for the key, if any (asked first, so that no closure is made for a result made before). */
function made<K extends object, T>(cache: WeakMap<K, Pair<T>>, key: K, explain: boolean): T | undefined {
  return cache.get(key)?.[explain ? 0 : 1];
}

/** "identification or engagement": the dates the plan tests indicators at, in words. */
export function identifyAtWords(plan: CompiledPlan): string {
  let words = identifyAtWordsOf.get(plan);
  if (words === undefined) identifyAtWordsOf.set(plan, (words = plan.plan.claimRules.identifyAt.map((a) => anchorWords[a]).join(' or ')));
  return words;
}

export function whoOf(indicator: Indicator): string {
  return indicator.scope === 'household' ? 'the household' : whoWords(indicator.who);
}

/** The result of an indicator nobody meets at any date tested. */
export function indicatorNotMet(plan: CompiledPlan, indicator: Indicator, explain: boolean): TestedIndicator {
  return made(indicators, indicator, explain) ?? once(indicators, indicator, explain, () => ({
    result: {
      id: indicator.id,
      ref: indicator.ref,
      text: indicator.text,
      met: false,
      metAt: none,
      subjects: none,
      explanation: explain ? `${plan.plan.authority} ${indicator.ref} is not met: no ${whoOf(indicator)} meets it at ${identifyAtWords(plan)}.` : '',
    },
    metSubjects: none,
  }));
}

/** The result of an outcome none of whose indicators is met. */
export function outcomeNotAddressed(plan: CompiledPlan, outcome: Outcome, explain: boolean): OutcomeResult {
  return made(outcomes, outcome, explain) ?? once(outcomes, outcome, explain, () => ({
    id: outcome.id,
    ref: outcome.ref,
    text: outcome.text,
    addresses: outcome.addresses,
    status: 'not-applicable',
    subjects: none,
    explanation: explain ? `${plan.plan.authority} ${outcome.ref} does not apply: none of the indicators it addresses (${outcome.addresses.join(', ')}) is met.` : '',
  }));
}

/** The result of a problem none of whose indicators is met (each with its shared result above). */
export function problemNotIdentified(plan: CompiledPlan, id: ProblemId, problem: Problem, title: string, explain: boolean): ProblemResult {
  return made(problems, problem, explain) ?? once(problems, problem, explain, () => ({
    problem: id,
    title,
    identified: false,
    foundAt: null,
    indicators: problem.indicators.map((i) => indicatorNotMet(plan, i, explain).result),
    outcomes: problem.outcomes.map((o) => outcomeNotAddressed(plan, o, explain)),
    status: 'not-identified',
    explanation: `${title}: not identified — none of its ${problem.indicators.length} indicators is met.`,
  }));
}
