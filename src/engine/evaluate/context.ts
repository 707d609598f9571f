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
): EvalContext {
  return {
    plan,
    timeline,
    asOf,
    now,
    mode,
    nowName,
    problem,
    outcome,
    anchor(a) {
      switch (a) {
        case 'now':
          return now;
        case 'identified':
          return timeline.identified;
        case 'engaged':
          return timeline.engaged;
        case 'closed':
          return timeline.closed;
      }
    },
    events(subject, selector) {
      const compiled = plan.selector(selector);
      const out: PreparedEvent[] = [];
      for (const type of compiled.types) {
        for (const e of timeline.byType.get(type) ?? []) {
          if (subject.member && e.person !== subject.member.id) continue;
          if (compiled.test(e)) out.push(e);
        }
      }
      if (compiled.types.length > 1) out.sort((a, b) => a.start - b.start || a.index - b.index);
      return out;
    },
  };
}
