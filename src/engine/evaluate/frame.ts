/**
 * One evaluation at one date (identification, engagement or the as-of date): what every rule tested
 * there shares, worked out once. The plan's windows are numbered slots (plan-program.ts), resolved
 * here at most once each; the members matching each of the plan's `who`s are worked out once per
 * evaluation by the evaluation's `MemberSets`. Rules the compiler leaves to the interpreter get a
 * statuses-only context per problem.
 */
import type { Day } from '../calendar/day.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { PreparedTimeline } from '../timeline/prepared-timeline.ts';
import type { ProblemId } from '../timeline/timeline-schema.ts';
import { createContext, type EvalContext, type Subject } from './context.ts';
import type { MemberSets } from './member-sets.ts';
import type { PlanProgram } from './plan-program.ts';
import { resolveWindow, type WindowResolution } from './windows.ts';

/**
 * Resolutions of the windows that read only `now`, shared by every frame with the same date and
 * name of `now` (families identified on the same day): one lookup per frame instead of one per window.
 * At most {@link maxDays} dates per name are kept.
 */
const shared = new WeakMap<PlanProgram, Map<string, Map<number, Array<WindowResolution | undefined>>>>();
const maxDays = 20_000;

function sharedResolutions(program: PlanProgram, nowName: string, now: Day): Array<WindowResolution | undefined> {
  let byName = shared.get(program);
  if (!byName) shared.set(program, (byName = new Map()));
  let byDay = byName.get(nowName);
  if (!byDay) byName.set(nowName, (byDay = new Map()));
  let found = byDay.get(now);
  if (!found) {
    if (byDay.size >= maxDays) byDay.clear();
    byDay.set(now, (found = []));
  }
  return found;
}

export class Frame {
  /** This frame's own resolutions (windows reading other anchors than `now`). */
  private windows: Array<WindowResolution | undefined> | undefined;
  private nowOnly: Array<WindowResolution | undefined> | undefined;
  private contexts: Map<ProblemId, EvalContext> | undefined;
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
    /** The family's members as subjects, and the sets of them (shared by the evaluation's frames). */
    private readonly members: MemberSets,
  ) {}

  /** The statuses-only context for a rule of this problem that is interpreted rather than compiled. */
  context(problem: ProblemId): EvalContext {
    const contexts = (this.contexts ??= new Map());
    let ctx = contexts.get(problem);
    if (!ctx) contexts.set(problem, (ctx = createContext(this.plan, this.timeline, this.asOf, this.now, this.mode, problem, undefined, this.nowName, false)));
    return ctx;
  }

  window(slot: number): WindowResolution {
    const resolutions = this.program.readsOnlyNow[slot]
      ? (this.nowOnly ??= sharedResolutions(this.program, this.nowName, this.now))
      : (this.windows ??= new Array<WindowResolution | undefined>(this.program.windows.length).fill(undefined));
    let r = resolutions[slot];
    if (r === undefined) {
      // Windows read no problem: any context of this date resolves them.
      this.anyContext ??= createContext(this.plan, this.timeline, this.asOf, this.now, this.mode, 'crime', undefined, this.nowName, false);
      resolutions[slot] = r = resolveWindow(this.program.windows[slot]!, this.anyContext);
    }
    return r;
  }

  /** The members matching the plan's `who` in this slot, on this date (worked out once per evaluation, in `MemberSets`). */
  subjects(slot: number): readonly Subject[] {
    return this.members.matching(this.program.whos[slot]!, this.now);
  }

  anchor(a: 'now' | 'identified' | 'engaged' | 'closed'): Day | undefined {
    return a === 'now' ? this.now : a === 'identified' ? this.timeline.identified : a === 'engaged' ? this.timeline.engaged : this.timeline.closed;
  }
}
