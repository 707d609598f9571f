/**
 * A plan checked beyond its schema and prepared for evaluation: durations parsed once, selectors
 * turned into predicates once, the term calendar built, indicators and outcomes indexed.
 */
import { parseDuration, type Duration } from '../calendar/duration.ts';
import { TermCalendar } from '../calendar/school-terms.ts';
import { PlanError } from '../errors.ts';
import { problemIds, timelineEvent, type ProblemId } from '../timeline/timeline-schema.ts';
import type { PreparedEvent } from '../timeline/prepared-timeline.ts';
import type { Indicator, Outcome, Plan, Problem, Rule, Selector, State } from './plan-schema.ts';

export interface CompiledSelector {
  readonly types: readonly string[];
  readonly test: (e: PreparedEvent) => boolean;
  /** True when the selector has no `where`: every event of its types matches. */
  readonly matchesAll: boolean;
}

export interface CompiledPlan {
  readonly plan: Plan;
  /** The file the plan was read from. */
  readonly fileName: string;
  readonly calendar: TermCalendar;
  /** Problems present in the plan, in the national order. */
  readonly problems: ReadonlyArray<{ readonly id: ProblemId; readonly problem: Problem }>;
  readonly indicators: ReadonlyMap<string, { readonly problem: ProblemId; readonly indicator: Indicator }>;
  readonly outcomes: ReadonlyMap<string, { readonly problem: ProblemId; readonly outcome: Outcome }>;
  duration(text: string): Duration;
  selector(s: Selector): CompiledSelector;
}

const fieldsByType = new Map<string, ReadonlySet<string>>(
  timelineEvent.options.map((o) => [o.shape.type.value, new Set(Object.keys(o.shape))]),
);

function compileSelector(s: Selector): CompiledSelector {
  const types = typeof s.events === 'string' ? [s.events] : s.events;
  const checks = Object.entries(s.where ?? {}).map(([field, match]): ((raw: Record<string, unknown>) => boolean) => {
    if (match === null) return (raw) => raw[field] === undefined || raw[field] === null;
    if (Array.isArray(match)) return (raw) => (match as unknown[]).includes(raw[field]);
    if (typeof match === 'object') {
      return (raw) => {
        const v = raw[field];
        if (typeof v !== 'number') return false;
        return (
          (match.atLeast === undefined || v >= match.atLeast) &&
          (match.atMost === undefined || v <= match.atMost) &&
          (match.above === undefined || v > match.above) &&
          (match.below === undefined || v < match.below)
        );
      };
    }
    return (raw) => raw[field] === match;
  });
  return {
    types,
    matchesAll: checks.length === 0,
    test: checks.length === 0 ? () => true : checks.length === 1 ? oneCheck(checks[0]!) : everyCheck(checks),
  };
}

/** A selector with one condition (most have one): tested without a loop over the conditions. */
function oneCheck(check: (raw: Record<string, unknown>) => boolean): (e: PreparedEvent) => boolean {
  return (e) => check(e.raw as unknown as Record<string, unknown>);
}

/** A selector with several conditions: a loop, not `every` with a closure made per event tested. */
function everyCheck(checks: ReadonlyArray<(raw: Record<string, unknown>) => boolean>): (e: PreparedEvent) => boolean {
  return (e) => {
    const raw = e.raw as unknown as Record<string, unknown>;
    for (let k = 0; k < checks.length; k++) if (!checks[k]!(raw)) return false;
    return true;
  };
}

/** Checks everything the schema cannot: references between parts of the plan and against the timeline contract. */
function check(plan: Plan): void {
  const fail = (path: string, message: string): never => {
    throw new PlanError(plan.id, path, message);
  };
  const ids = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const seen = ids.get(id);
    if (seen) fail(path, `id ${JSON.stringify(id)} is already used at ${seen}`);
    ids.set(id, path);
  };

  const checkSelector = (s: Selector, path: string) => {
    const types = typeof s.events === 'string' ? [s.events] : s.events;
    for (const t of types) {
      const fields = fieldsByType.get(t);
      if (!fields) fail(`${path}.events`, `unknown event type ${JSON.stringify(t)}; known: ${[...fieldsByType.keys()].join(', ')}`);
      for (const field of Object.keys(s.where ?? {})) {
        if (!fields!.has(field)) fail(`${path}.where.${field}`, `event type ${t} has no field ${JSON.stringify(field)}; it has ${[...fields!].join(', ')}`);
      }
    }
  };
  const checkDuration = (text: string | undefined, path: string) => {
    if (text === undefined) return;
    try {
      parseDuration(text);
    } catch (e) {
      fail(path, (e as Error).message);
    }
  };
  const checkState = (s: State, path: string): void => {
    if ('active' in s) {
      checkSelector(s.active, `${path}.active`);
      checkDuration(s.endingWithin, `${path}.endingWithin`);
    } else if ('allOf' in s) s.allOf.forEach((x, i) => checkState(x, `${path}.allOf[${i}]`));
    else if ('anyOf' in s) s.anyOf.forEach((x, i) => checkState(x, `${path}.anyOf[${i}]`));
    else if ('not' in s) checkState(s.not, `${path}.not`);
  };
  const checkRule = (r: Rule, path: string): void => {
    switch (r.kind) {
      case 'count':
      case 'sum':
        checkSelector(r.of, `${path}.of`);
        if (r.kind === 'sum') {
          for (const t of typeof r.of.events === 'string' ? [r.of.events] : r.of.events) {
            if (!fieldsByType.get(t)?.has(r.field)) fail(`${path}.field`, `event type ${t} has no field ${JSON.stringify(r.field)}`);
          }
        }
        return;
      case 'reduction':
      case 'increase':
        if ('count' in r.of) checkSelector(r.of.count, `${path}.of.count`);
        if ('sum' in r.of) checkSelector(r.of.sum, `${path}.of.sum`);
        if (r.kind === 'increase' && (r.points === undefined) === (r.percent === undefined)) fail(path, 'an increase needs exactly one of `points` and `percent`');
        return;
      case 'holds':
        checkState(r.state, `${path}.state`);
        if (r.at !== undefined && r.throughout !== undefined) fail(path, 'give `at` or `throughout`, not both');
        return;
      case 'spell':
        checkState(r.state, `${path}.state`);
        if (r.was) checkState(r.was, `${path}.was`);
        if ((r.for === undefined) === (r.weeks === undefined)) fail(path, 'a spell needs exactly one of `for` and `weeks`');
        checkDuration(r.for, `${path}.for`);
        if (r.weeks && r.weeks.atLeast > r.weeks.ofLast) fail(`${path}.weeks`, '`atLeast` cannot exceed `ofLast`');
        return;
      case 'no-recurrence':
        checkSelector(r.after, `${path}.after`);
        checkSelector(r.none, `${path}.none`);
        checkDuration(r.for, `${path}.for`);
        return;
      case 'steps': {
        const seen = new Set<string>();
        r.steps.forEach((s, i) => {
          if (seen.has(s.id)) fail(`${path}.steps[${i}].id`, `step ${s.id} is listed twice`);
          seen.add(s.id);
        });
        return;
      }
      case 'all-of':
      case 'any-of':
        r.rules.forEach((x, i) => checkRule(x, `${path}.rules[${i}]`));
        return;
      case 'not':
        checkRule(r.rule, `${path}.rule`);
        return;
      case 'attendance':
      case 'score':
      case 'evidence':
        return;
    }
  };

  checkDuration(plan.claimRules.minimumSustainment, 'claimRules.minimumSustainment');
  for (const [pid, problem] of Object.entries(plan.problems) as Array<[ProblemId, Problem]>) {
    const indicatorIds = new Set<string>();
    problem.indicators.forEach((ind, i) => {
      const path = `problems.${pid}.indicators[${i}]`;
      claim(ind.id, path);
      indicatorIds.add(ind.id);
      checkRule(ind.rule, `${path}.rule`);
    });
    problem.outcomes.forEach((out, i) => {
      const path = `problems.${pid}.outcomes[${i}]`;
      claim(out.id, path);
      out.addresses.forEach((a, j) => {
        if (!indicatorIds.has(a)) fail(`${path}.addresses[${j}]`, `${JSON.stringify(a)} is not an indicator of ${pid}; its indicators are ${[...indicatorIds].join(', ')}`);
      });
      checkRule(out.rule, `${path}.rule`);
    });
  }
  plan.claimRules.regression.forEach((r, i) => {
    const path = `claimRules.regression[${i}]`;
    claim(r.id, path);
    if (!plan.problems[r.problem]) fail(`${path}.problem`, `${r.problem} is not a problem of this plan`);
    checkRule(r.rule, `${path}.rule`);
  });
  const assumed = plan.claimRules.assumedSustainment;
  if (assumed) checkRule(assumed.rule, 'claimRules.assumedSustainment.rule');
  plan.claimRules.continuousEmployment?.outcomes.forEach((id, i) => {
    if (!ids.has(id) || !ids.get(id)!.includes('.outcomes[')) fail(`claimRules.continuousEmployment.outcomes[${i}]`, `${JSON.stringify(id)} is not an outcome of this plan`);
  });
}

export function compilePlan(plan: Plan, fileName: string): CompiledPlan {
  check(plan);
  let calendar: TermCalendar;
  try {
    calendar = new TermCalendar(plan.schoolTerms);
  } catch (e) {
    throw new PlanError(plan.id, 'schoolTerms', (e as Error).message);
  }
  const problems = problemIds.filter((id) => plan.problems[id]).map((id) => ({ id, problem: plan.problems[id]! }));
  const indicators = new Map<string, { problem: ProblemId; indicator: Indicator }>();
  const outcomes = new Map<string, { problem: ProblemId; outcome: Outcome }>();
  for (const { id, problem } of problems) {
    for (const indicator of problem.indicators) indicators.set(indicator.id, { problem: id, indicator });
    for (const outcome of problem.outcomes) outcomes.set(outcome.id, { problem: id, outcome });
  }
  const durations = new Map<string, Duration>();
  const selectors = new WeakMap<Selector, CompiledSelector>();
  return {
    plan,
    fileName,
    calendar,
    problems,
    indicators,
    outcomes,
    duration(text) {
      let d = durations.get(text);
      if (!d) durations.set(text, (d = parseDuration(text)));
      return d;
    },
    selector(s) {
      let c = selectors.get(s);
      if (!c) selectors.set(s, (c = compileSelector(s)));
      return c;
    },
  };
}
