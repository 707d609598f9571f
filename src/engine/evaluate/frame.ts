/**
 * One evaluation at one date (identification, engagement or the as-of date): what every rule tested
 * there shares, worked out once. The plan's windows are numbered slots (plan-program.ts), resolved
 * here at most once each; so are the members matching each of the plan's `who`s. Rules the compiler
 * leaves to the interpreter get a statuses-only context per problem.
 */
import type { Day } from '../calendar/day.ts';
import type { SchoolTerm } from '../calendar/school-terms.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { Who } from '../plan/plan-schema.ts';
import type { PreparedTimeline } from '../timeline/prepared-timeline.ts';
import type { ProblemId } from '../timeline/timeline-schema.ts';
import { createContext, type EvalContext, type Subject } from './context.ts';
import type { PlanProgram } from './plan-program.ts';
import { resolveWindow, type WindowResolution } from './windows.ts';

export class Frame {
  private readonly windows: Array<WindowResolution | undefined> = [];
  private readonly termNameSets: Array<ReadonlySet<string> | undefined> = [];
  private readonly subjectSlots: Array<readonly Subject[] | undefined> = [];
  private readonly contexts = new Map<ProblemId, EvalContext>();
  private anyContext: EvalContext | undefined;

  constructor(
    readonly plan: CompiledPlan,
    readonly program: PlanProgram,
    readonly timeline: PreparedTimeline,
    readonly asOf: Day,
    /** The date tested: what `now` means in the plan's windows and states. */
    readonly now: Day,
    /** What `now` is called in explanations ("identification", "the as-of date"). */
    readonly nowName: string,
    readonly mode: EvalContext['mode'],
    private readonly subjectsFor: (who: Who, on: Day) => readonly Subject[],
  ) {}

  /** The statuses-only context for a rule of this problem that is interpreted rather than compiled. */
  context(problem: ProblemId): EvalContext {
    let ctx = this.contexts.get(problem);
    if (!ctx) this.contexts.set(problem, (ctx = createContext(this.plan, this.timeline, this.asOf, this.now, this.mode, problem, undefined, this.nowName, false)));
    return ctx;
  }

  window(slot: number): WindowResolution {
    let r = this.windows[slot];
    if (r === undefined) {
      this.anyContext ??= createContext(this.plan, this.timeline, this.asOf, this.now, this.mode, 'crime', undefined, this.nowName, false);
      this.windows[slot] = r = resolveWindow(this.program.windows[slot]!, this.anyContext);
    }
    return r;
  }

  /** The names of the terms of a (resolved) term window, for matching attendance records. */
  termNames(slot: number, terms: readonly SchoolTerm[]): ReadonlySet<string> {
    let names = this.termNameSets[slot];
    if (names === undefined) this.termNameSets[slot] = names = new Set(terms.map((t) => t.name));
    return names;
  }

  /** The members matching the plan's `who` in this slot, on this date. */
  subjects(slot: number): readonly Subject[] {
    let found = this.subjectSlots[slot];
    if (found === undefined) this.subjectSlots[slot] = found = this.subjectsFor(this.program.whos[slot]!, this.now);
    return found;
  }

  anchor(a: 'now' | 'identified' | 'engaged' | 'closed'): Day | undefined {
    return a === 'now' ? this.now : a === 'identified' ? this.timeline.identified : a === 'engaged' ? this.timeline.engaged : this.timeline.closed;
  }
}
