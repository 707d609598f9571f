/**
 * A plan compiled for evaluation, once per plan object: its distinct windows and `who`s numbered as
 * slots (two equal windows, written out for two indicators, share one slot and are resolved once per
 * date), and each indicator compiled into a statuses-only closure (quiet-rules.ts) with the event
 * types its rule reads (rule-footprint.ts). Outcome rules are compiled too.
 */
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { Indicator, Rule, Window, Who } from '../plan/plan-schema.ts';
import type { ProblemId } from '../timeline/timeline-schema.ts';
import { compileQuiet, type QuietRule } from './quiet-rules.ts';
import { needsEvents } from './needs-events.ts';
import { ruleFootprint } from './rule-footprint.ts';
import { anchorsOf } from './windows.ts';

export interface IndicatorProgram {
  readonly problem: ProblemId;
  readonly indicator: Indicator;
  /** Whether the indicator is tested for the household rather than for members. */
  readonly household: boolean;
  readonly quiet: QuietRule;
  /** The event types the rule reads (rule-footprint.ts). */
  readonly types: readonly string[];
  /**
   * Whether only someone with an event of `types` can meet the rule (needs-events.ts): then a family
   * with none of them does not meet the indicator, and nobody is tested.
   */
  readonly needsEvents: boolean;
  /** Slot of the `who` tested (unused for household-scoped indicators). */
  readonly who: number;
  /** Slot of `householdIncludes`, when the indicator has one. */
  readonly householdIncludes: number | undefined;
}

export interface PlanProgram {
  /** One window per slot (the first of equal ones). */
  readonly windows: readonly Window[];
  /** Per slot: whether the window reads no anchor but `now` (most do), so frames at one date can share it. */
  readonly readsOnlyNow: readonly boolean[];
  readonly whos: readonly Who[];
  readonly indicators: ReadonlyMap<Indicator, IndicatorProgram>;
  /** Each problem's indicators compiled, in the order of `plan.problems` and of the problem's indicators. */
  readonly problems: ReadonlyArray<readonly IndicatorProgram[]>;
  /** Every indicator's and outcome's rule, compiled. */
  readonly quiet: ReadonlyMap<Rule, QuietRule>;
}

const programs = new WeakMap<CompiledPlan, PlanProgram>();

export function planProgram(plan: CompiledPlan): PlanProgram {
  let program = programs.get(plan);
  if (!program) programs.set(plan, (program = compileProgram(plan)));
  return program;
}

/** Numbers values by their JSON form, so that equal plan parts share a slot. */
class Slots<T> {
  readonly values: T[] = [];
  private readonly byKey = new Map<string, number>();

  slot(value: T): number {
    const key = JSON.stringify(value);
    let n = this.byKey.get(key);
    if (n === undefined) {
      this.byKey.set(key, (n = this.values.length));
      this.values.push(value);
    }
    return n;
  }
}

function compileProgram(plan: CompiledPlan): PlanProgram {
  const windows = new Slots<Window>();
  const whos = new Slots<Who>();
  const compiler = { windowSlot: (w: Window) => windows.slot(w), selector: plan.selector, duration: plan.duration };
  const indicators = new Map<Indicator, IndicatorProgram>();
  const quiet = new Map<Rule, QuietRule>();
  const problems: IndicatorProgram[][] = [];
  for (const { id, problem } of plan.problems) {
    for (const outcome of problem.outcomes) quiet.set(outcome.rule, compileQuiet(outcome.rule, compiler));
    const own: IndicatorProgram[] = [];
    problems.push(own);
    for (const indicator of problem.indicators) {
      const footprint = ruleFootprint(indicator.rule);
      indicators.set(indicator, {
        problem: id,
        indicator,
        household: indicator.scope === 'household',
        quiet: compileQuiet(indicator.rule, compiler),
        types: [...footprint.types],
        needsEvents: needsEvents(indicator.rule),
        who: whos.slot(indicator.who),
        householdIncludes: indicator.householdIncludes === undefined ? undefined : whos.slot(indicator.householdIncludes),
      });
      quiet.set(indicator.rule, indicators.get(indicator)!.quiet);
      own.push(indicators.get(indicator)!);
    }
  }
  const readsOnlyNow = windows.values.map((w) => anchorsOf(w).every((a) => a === undefined || a === 'now'));
  return { windows: windows.values, readsOnlyNow, whos: whos.values, indicators, problems, quiet };
}
