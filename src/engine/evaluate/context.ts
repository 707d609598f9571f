/** What a rule is evaluated against: the plan, the family, the date, and whose events. */
import type { Day } from '../calendar/day.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { Anchor, Outcome, Selector } from '../plan/plan-schema.ts';
import type { PreparedEvent, PreparedMember, PreparedTimeline } from '../timeline/prepared-timeline.ts';
import type { ProblemId } from '../timeline/timeline-schema.ts';

/** A member, or the household as a whole (`member` undefined: every event of the family counts). */
export interface Subject {
  readonly id: string;
  readonly member: PreparedMember | undefined;
}

export const household: Subject = { id: 'household', member: undefined };

export interface EvalContext {
  readonly plan: CompiledPlan;
  readonly timeline: PreparedTimeline;
  readonly asOf: Day;
  /** The date the rule is evaluated at: the tested identification/engagement date for indicators, the as-of date for outcomes. */
  readonly now: Day;
  readonly mode: 'indicator' | 'outcome';
  /** What `now` is called in explanations: "identification", "engagement", "the as-of date". */
  readonly nowName: string;
  readonly problem: ProblemId;
  readonly outcome: Outcome | undefined;
  /**
   * Whether results need their figures and words. When false (statuses-only evaluation of results no
   * explanation or claim reason will quote), rules return `bare` results (rules/rule-result.ts) and build no closures.
   */
  readonly explain: boolean;
  anchor(a: Anchor): Day | undefined;
  /** Events of the subject (all the family's for the household) matching the selector, sorted by start. */
  events(subject: Subject, selector: Selector): readonly PreparedEvent[];
}

export function createContext(
  plan: CompiledPlan,
  timeline: PreparedTimeline,
  asOf: Day,
  now: Day,
  mode: EvalContext['mode'],
  problem: ProblemId,
  outcome: Outcome | undefined,
  nowName: string = mode === 'outcome' ? 'the as-of date' : 'the date tested',
  explain = true,
): EvalContext {
  return new Context(plan, timeline, asOf, now, mode, problem, outcome, nowName, explain);
}

/** A class rather than an object of closures: contexts are made for every indicator and date tested. */
class Context implements EvalContext {
  constructor(
    readonly plan: CompiledPlan,
    readonly timeline: PreparedTimeline,
    readonly asOf: Day,
    readonly now: Day,
    readonly mode: EvalContext['mode'],
    readonly problem: ProblemId,
    readonly outcome: Outcome | undefined,
    readonly nowName: string,
    readonly explain: boolean,
  ) {}

  anchor(a: Anchor): Day | undefined {
    switch (a) {
      case 'now':
        return this.now;
      case 'identified':
        return this.timeline.identified;
      case 'engaged':
        return this.timeline.engaged;
      case 'closed':
        return this.timeline.closed;
    }
  }

  events(subject: Subject, selector: Selector): readonly PreparedEvent[] {
    const compiled = this.plan.selector(selector);
    const person = subject.member?.id;
    const index = this.timeline.events;
    if (compiled.types.length === 1) {
      const type = compiled.types[0]!;
      const list = person === undefined ? index.ofType(type) : index.ofPerson(person, type);
      if (!list) return none;
      return compiled.matchesAll ? list : list.filter(compiled.test);
    }
    const out: PreparedEvent[] = [];
    for (const type of compiled.types) {
      const list = person === undefined ? index.ofType(type) : index.ofPerson(person, type);
      if (!list) continue;
      for (const e of list) if (compiled.test(e)) out.push(e);
    }
    out.sort((a, b) => a.start - b.start || a.index - b.index);
    return out;
  }
}

const none: readonly PreparedEvent[] = [];
