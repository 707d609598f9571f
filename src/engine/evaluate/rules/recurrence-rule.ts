/** "No re-referral for 6 months after step-down": after the latest trigger, nothing of a kind for a period. */
import { addDays, formatDay, formatDayLong, type Day } from '../../calendar/day.ts';
import { describeDuration, shift } from '../../calendar/duration.ts';
import type { Rule } from '../../plan/plan-schema.ts';
import type { PreparedEvent } from '../../timeline/prepared-timeline.ts';
import type { EvalContext, Subject } from '../context.ts';
import { resolveWindow } from '../windows.ts';
import { selectorWords } from '../wording.ts';
import type { RuleResult } from './rule-result.ts';

const sinceIdentified = { from: 'identified', to: 'now' } as const;

function dateOf(e: PreparedEvent, which: 'date' | 'start' | 'end'): Day | undefined {
  if (which === 'end') return e.ended ? e.end : undefined;
  return e.start;
}

export function evaluateNoRecurrence(rule: Extract<Rule, { kind: 'no-recurrence' }>, subject: Subject, ctx: EvalContext): RuleResult {
  const within = resolveWindow(rule.within ?? sinceIdentified, ctx);
  if (!within.ok) return { status: 'pending', figures: () => [], text: () => 'it cannot be measured until the programme dates are known' };
  const { start, end } = within.window;
  const triggers = ctx
    .events(subject, rule.after)
    .map((e) => [e, dateOf(e, rule.afterDate)] as const)
    .filter((x): x is readonly [PreparedEvent, Day] => x[1] !== undefined && x[1] >= start && x[1] <= end && x[1] <= ctx.now)
    .sort((a, b) => a[1] - b[1]);
  const latest = triggers[triggers.length - 1];
  const afterWords = () => selectorWords(rule.after);
  if (!latest) return { status: 'not-met', figures: () => [{ label: afterWords(), value: null }], text: () => `no ${afterWords()} recorded in ${within.window.description()}` };

  const [trigger, t] = latest;
  const duration = ctx.plan.duration(rule.for);
  const until = shift(t, duration);
  const repeats = ctx.events(subject, rule.none).filter((e) => e.start > t && e.start <= until && e.start <= ctx.now && e !== trigger);
  const figures = () => [
    { label: afterWords(), value: formatDay(t), events: [trigger.id] },
    { label: `${selectorWords(rule.none)} within ${describeDuration(duration)}`, value: repeats.length, window: { label: `${describeDuration(duration)} after`, start: formatDay(addDays(t, 1)), end: formatDay(until) }, events: repeats.map((e) => e.id) },
  ];
  const noneWords = () => selectorWords(rule.none);
  if (repeats.length > 0) {
    return { status: 'not-met', figures, text: () => `${afterWords()} on ${formatDayLong(t)}, then ${noneWords()} on ${formatDayLong(repeats[0]!.start)}, within ${describeDuration(duration)}` };
  }
  if (ctx.now < until) {
    return { status: 'pending', figures, text: () => `${afterWords()} on ${formatDayLong(t)} with no ${noneWords()} since; ${describeDuration(duration)} are reached on ${formatDayLong(until)}` };
  }
  return { status: 'met', figures, text: () => `${afterWords()} on ${formatDayLong(t)} and no ${noneWords()} in the ${describeDuration(duration)} to ${formatDayLong(until)}` };
}
