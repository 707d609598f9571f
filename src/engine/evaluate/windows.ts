/** Resolves a plan's window (relative to anchors) into concrete days, with a label for explanations. */
import { addDays, formatDay, formatDayLong, type Day } from '../calendar/day.ts';
import { describeDuration, durationMonths, shift, type Duration } from '../calendar/duration.ts';
import { fullQuartersBefore, quarterOf } from '../calendar/quarter.ts';
import type { SchoolTerm } from '../calendar/school-terms.ts';
import type { Anchor, Window } from '../plan/plan-schema.ts';
import type { WindowJson } from './verdict.ts';
import type { EvalContext } from './context.ts';

export interface ResolvedWindow {
  readonly start: Day;
  readonly end: Day;
  /** Whole months in the window when it is a whole number of months (pro-rata scaling). */
  readonly months: number | undefined;
  /** The school terms, for term windows. */
  readonly terms: readonly SchoolTerm[] | undefined;
  /** For "the last P" windows: P, so that the window opens P after engagement (see {@link outcomeWindowIsOpen}). */
  readonly length?: Duration | undefined;
  /** "the 4 full quarters before the quarter of engagement" (built only when an explanation needs it). */
  readonly description: () => string;
}

export type WindowResolution = { readonly ok: true; readonly window: ResolvedWindow } | { readonly ok: false; readonly missing: Anchor };

const anchorWords: Record<Anchor, string> = { now: 'the date assessed', identified: 'identification', engaged: 'engagement', closed: 'case closure' };

/** An anchor's name in an explanation; `now` is named for what it is in this evaluation. */
export function anchorName(a: Anchor, ctx: EvalContext): string {
  return a === 'now' ? ctx.nowName : anchorWords[a];
}

/**
 * Windows are resolved once per evaluation, date and window: the same window recurs across members,
 * indicators and identification dates. Keyed by the evaluation's timeline object (one per call to
 * evaluate), so nothing outlives an evaluation.
 */
const resolved = new WeakMap<object, Map<Window, Map<number, WindowResolution>>>();

export function resolveWindow(w: Window, ctx: EvalContext): WindowResolution {
  let perTimeline = resolved.get(ctx.timeline);
  if (!perTimeline) resolved.set(ctx.timeline, (perTimeline = new Map()));
  let perWindow = perTimeline.get(w);
  if (!perWindow) perTimeline.set(w, (perWindow = new Map()));
  // Indicator and outcome contexts name `now` differently, so they do not share a resolution.
  const key = ctx.now * 2 + (ctx.mode === 'outcome' ? 1 : 0);
  let r = perWindow.get(key);
  if (!r) perWindow.set(key, (r = computeWindow(w, ctx)));
  return r;
}

function computeWindow(w: Window, ctx: EvalContext): WindowResolution {
  const at = (a: Anchor) => ctx.anchor(a);
  if ('last' in w) {
    const length = ctx.plan.duration(w.last);
    const anchorKey = w.before ?? w.endingOn ?? 'now';
    const a = at(anchorKey);
    if (a === undefined) return { ok: false, missing: anchorKey };
    const last = w.before ? addDays(a, -1) : a;
    let end = last;
    let start = addDays(shift(last, length, -1), 1);
    if (w.offset) {
      // Shift once from the anchor by offset + length, so month-end clamping is applied once and
      // "the previous 6 months" meets "the last 6 months" with no gap (31 Aug: 1 Sep – 28 Feb, 1 Mar – 31 Aug).
      const offset = ctx.plan.duration(w.offset);
      end = shift(last, offset, -1);
      start =
        offset.unit === length.unit
          ? addDays(shift(last, { ...length, amount: length.amount + offset.amount }, -1), 1)
          : addDays(shift(end, length, -1), 1);
    }
    const where = w.before ? `before ${anchorName(anchorKey, ctx)}` : anchorKey === 'now' ? '' : `to ${anchorName(anchorKey, ctx)}`;
    const offset = w.offset;
    const description = () => `${offset ? `the ${describeDuration(length)} before the last ${describeDuration(ctx.plan.duration(offset))}` : `the ${describeDuration(length)}`}${where ? ` ${where}` : ''}`;
    return { ok: true, window: { start, end, months: durationMonths(length), terms: undefined, description, length: w.offset || w.before ? undefined : length } };
  }
  if ('fullQuarters' in w) {
    const a = at(w.before);
    if (a === undefined) return { ok: false, missing: w.before };
    const q = fullQuartersBefore(a, w.fullQuarters);
    return {
      ok: true,
      window: { start: q.start, end: q.end, months: 3 * w.fullQuarters, terms: undefined, description: () => `the ${w.fullQuarters} full quarters before the quarter of ${anchorName(w.before, ctx)}` },
    };
  }
  if ('fullTerms' in w) {
    const anchorKey = w.beforeQuarterOf ?? w.endingBy ?? 'now';
    const a = at(anchorKey);
    if (a === undefined) return { ok: false, missing: anchorKey };
    const by = w.beforeQuarterOf ? addDays(quarterOf(a).start, -1) : a;
    const terms = ctx.plan.calendar.fullTermsEndingBy(by, w.fullTerms);
    const n = w.fullTerms;
    const description = w.beforeQuarterOf
      ? () => `the ${n} full terms before the quarter of ${anchorName(anchorKey, ctx)}`
      : () => `the last ${n} full terms${anchorKey === 'now' ? '' : ` before ${anchorName(anchorKey, ctx)}`}`;
    return { ok: true, window: { start: terms[0]!.start, end: terms[terms.length - 1]!.end, months: undefined, terms, description } };
  }
  const from = at(w.from);
  if (from === undefined) return { ok: false, missing: w.from };
  const to = at(w.to);
  if (to === undefined) return { ok: false, missing: w.to };
  return { ok: true, window: { start: from, end: to, months: undefined, terms: undefined, description: () => `from ${anchorName(w.from, ctx)} to ${anchorName(w.to, ctx)}` } };
}

export function windowJson(w: ResolvedWindow): WindowJson {
  const base = { label: w.description(), start: formatDay(w.start), end: formatDay(w.end) };
  return w.terms ? { ...base, terms: w.terms.map((t) => t.name) } : base;
}

/** "the 6 months (2 Jan 2019 to 1 Jul 2019)". */
export function describeWindow(w: ResolvedWindow): string {
  const terms = w.terms ? `: ${w.terms.map((t) => t.name).join(', ')}` : '';
  return `${w.description()} (${formatDayLong(w.start)} to ${formatDayLong(w.end)}${terms})`;
}

/**
 * An outcome is measured after intervention starts. Its window is not yet open while it starts
 * before engagement; for a term window, while its first term ended before engagement (the term in
 * which intervention started counts).
 */
export function outcomeWindowIsOpen(w: ResolvedWindow, engaged: Day): boolean {
  if (w.terms) return w.terms[0]!.end >= engaged;
  // "The last 6 months" is open once 6 months have passed since engagement, counted forward as the
  // sustainment rule counts them. Month-end clamping can make that a day or two earlier than the date
  // from which the window, counted back, starts after engagement (engaged 31 Aug 2019: open on
  // 29 Feb 2020, when the window runs from 30 Aug), so that "six months after engagement" is one date.
  return w.start >= engaged || (w.length !== undefined && w.end >= shift(engaged, w.length));
}

export { anchorWords };
