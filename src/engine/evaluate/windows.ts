/** Resolves a plan's window (relative to anchors) into concrete days, with a label for explanations. */
import { addDays, formatDay, formatDayLong, type Day } from '../calendar/day.ts';
import { describeDuration, durationMonths, shift, type Duration } from '../calendar/duration.ts';
import { fullQuartersBefore, quarterOf } from '../calendar/quarter.ts';
import type { SchoolTerm } from '../calendar/school-terms.ts';
import type { Anchor, Window } from '../plan/plan-schema.ts';
import type { WindowJson } from './verdict.ts';
import type { CompiledPlan } from '../plan/compiled-plan.ts';
import type { EvalContext } from './context.ts';

export interface ResolvedWindow {
  readonly start: Day;
  readonly end: Day;
  /** Whole months in the window when it is a whole number of months (pro-rata scaling). */
  readonly months: number | undefined;
  /** The school terms, for term windows. */
  readonly terms: readonly SchoolTerm[] | undefined;
  /** Their names, for matching attendance records (made with the resolution, which families share). */
  readonly termNames: ReadonlySet<string> | undefined;
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
 * Windows are resolved once per window, naming and anchor dates, and the resolution is shared by
 * every evaluation: a window depends only on the dates of the anchors it reads (most often the as-of
 * date, the same for a whole batch), the plan's durations and term calendar, and what `now` is called
 * in explanations. Keyed by the plan's own window objects, so nothing outlives the plan; each window
 * keeps at most {@link maxResolutionsPerWindow} resolutions (engagement dates vary by family).
 */
const resolved = new WeakMap<Window, WindowCache>();
const maxResolutionsPerWindow = 20_000;
/** Resolutions by the first anchor's day, then (for `from`–`to` windows) by the second's. */
type ResolutionsByDay = Map<number, WindowResolution | Map<number, WindowResolution>>;

/** One window's resolutions by the name of `now`, and the last one asked for (most often asked again). */
interface WindowCache {
  readonly first: Anchor;
  readonly second: Anchor | undefined;
  readonly byName: Map<string, ResolutionsByDay>;
  lastName: string;
  lastK1: number;
  lastK2: number;
  last: WindowResolution | undefined;
}

/** The anchors a window reads: its start's and (for `from`–`to`) its end's. */
export function anchorsOf(w: Window): readonly [Anchor, Anchor | undefined] {
  if ('last' in w) return [w.before ?? w.endingOn ?? 'now', undefined];
  if ('fullQuarters' in w) return [w.before, undefined];
  if ('fullTerms' in w) return [w.beforeQuarterOf ?? w.endingBy ?? 'now', undefined];
  return [w.from, w.to];
}

/** A missing anchor keys as a day no programme date can be (small integers keep map lookups fast). */
const keyOf = (d: Day | undefined) => (d === undefined ? -1_000_000_000 : d);

export function resolveWindow(w: Window, ctx: EvalContext): WindowResolution {
  // A window object belongs to one plan (the module's default windows, from one anchor to another,
  // read no durations or terms), so the window alone keys its resolutions.
  let c = resolved.get(w);
  if (!c) {
    const [first, second] = anchorsOf(w);
    resolved.set(w, (c = { first, second, byName: new Map(), lastName: '', lastK1: 0, lastK2: 0, last: undefined }));
  }
  const k1 = keyOf(ctx.anchor(c.first));
  const k2 = c.second === undefined ? 0 : keyOf(ctx.anchor(c.second));
  // Indicator and outcome contexts name `now` differently ("engagement", "the as-of date"), so they
  // do not share a resolution: the window's description uses the name.
  if (c.last !== undefined && c.lastK1 === k1 && c.lastK2 === k2 && c.lastName === ctx.nowName) return c.last;
  let byDay = c.byName.get(ctx.nowName);
  if (!byDay) c.byName.set(ctx.nowName, (byDay = new Map()));
  let found = byDay.get(k1);
  let r: WindowResolution | undefined;
  if (c.second === undefined) {
    if (!found) {
      if (byDay.size >= maxResolutionsPerWindow) byDay.clear();
      byDay.set(k1, (found = computeWindow(w, ctx.plan, (a) => ctx.anchor(a), ctx.nowName)));
    }
    r = found as WindowResolution;
  } else {
    if (!found) {
      if (byDay.size >= maxResolutionsPerWindow) byDay.clear();
      byDay.set(k1, (found = new Map()));
    }
    const bySecond = found as Map<number, WindowResolution>;
    r = bySecond.get(k2);
    if (!r) {
      if (bySecond.size >= maxResolutionsPerWindow) bySecond.clear();
      bySecond.set(k2, (r = computeWindow(w, ctx.plan, (a) => ctx.anchor(a), ctx.nowName)));
    }
  }
  c.last = r;
  c.lastK1 = k1;
  c.lastK2 = k2;
  c.lastName = ctx.nowName;
  return r;
}

function computeWindow(w: Window, plan: CompiledPlan, at: (a: Anchor) => Day | undefined, nowName: string): WindowResolution {
  const anchorName = (a: Anchor) => (a === 'now' ? nowName : anchorWords[a]);
  if ('last' in w) {
    const length = plan.duration(w.last);
    const anchorKey = w.before ?? w.endingOn ?? 'now';
    const a = at(anchorKey);
    if (a === undefined) return { ok: false, missing: anchorKey };
    const last = w.before ? addDays(a, -1) : a;
    let end = last;
    let start = addDays(shift(last, length, -1), 1);
    if (w.offset) {
      // Shift once from the anchor by offset + length, so month-end clamping is applied once and
      // "the previous 6 months" meets "the last 6 months" with no gap (31 Aug: 1 Sep – 28 Feb, 1 Mar – 31 Aug).
      const offset = plan.duration(w.offset);
      end = shift(last, offset, -1);
      start =
        offset.unit === length.unit
          ? addDays(shift(last, { ...length, amount: length.amount + offset.amount }, -1), 1)
          : addDays(shift(end, length, -1), 1);
    }
    const where = w.before ? `before ${anchorName(anchorKey)}` : anchorKey === 'now' ? '' : `to ${anchorName(anchorKey)}`;
    const offset = w.offset;
    const description = () => `${offset ? `the ${describeDuration(length)} before the last ${describeDuration(plan.duration(offset))}` : `the ${describeDuration(length)}`}${where ? ` ${where}` : ''}`;
    return { ok: true, window: { start, end, months: durationMonths(length), terms: undefined, termNames: undefined, description, length: w.offset || w.before ? undefined : length } };
  }
  if ('fullQuarters' in w) {
    const a = at(w.before);
    if (a === undefined) return { ok: false, missing: w.before };
    const q = fullQuartersBefore(a, w.fullQuarters);
    return {
      ok: true,
      window: { start: q.start, end: q.end, months: 3 * w.fullQuarters, terms: undefined, termNames: undefined, description: () => `the ${w.fullQuarters} full quarters before the quarter of ${anchorName(w.before)}` },
    };
  }
  if ('fullTerms' in w) {
    const anchorKey = w.beforeQuarterOf ?? w.endingBy ?? 'now';
    const a = at(anchorKey);
    if (a === undefined) return { ok: false, missing: anchorKey };
    const by = w.beforeQuarterOf ? addDays(quarterOf(a).start, -1) : a;
    const terms = plan.calendar.fullTermsEndingBy(by, w.fullTerms);
    const n = w.fullTerms;
    const description = w.beforeQuarterOf
      ? () => `the ${n} full terms before the quarter of ${anchorName(anchorKey)}`
      : () => `the last ${n} full terms${anchorKey === 'now' ? '' : ` before ${anchorName(anchorKey)}`}`;
    return { ok: true, window: { start: terms[0]!.start, end: terms[terms.length - 1]!.end, months: undefined, terms, termNames: new Set(terms.map((t) => t.name)), description } };
  }
  const from = at(w.from);
  if (from === undefined) return { ok: false, missing: w.from };
  const to = at(w.to);
  if (to === undefined) return { ok: false, missing: w.to };
  return { ok: true, window: { start: from, end: to, months: undefined, terms: undefined, termNames: undefined, description: () => `from ${anchorName(w.from)} to ${anchorName(w.to)}` } };
}

/**
 * A resolved window's JSON and words are made once per resolution: resolutions are shared by every
 * family with the same anchor dates (see {@link resolveWindow}), and verdicts are read-only.
 */
const jsonOf = new WeakMap<ResolvedWindow, WindowJson>();
const wordsOf = new WeakMap<ResolvedWindow, string>();

export function windowJson(w: ResolvedWindow): WindowJson {
  let json = jsonOf.get(w);
  if (json === undefined) {
    const base = { label: w.description(), start: formatDay(w.start), end: formatDay(w.end) };
    jsonOf.set(w, (json = w.terms ? { ...base, terms: w.terms.map((t) => t.name) } : base));
  }
  return json;
}

/** "the 6 months (2 Jan 2019 to 1 Jul 2019)". */
export function describeWindow(w: ResolvedWindow): string {
  let words = wordsOf.get(w);
  if (words === undefined) {
    const terms = w.terms ? `: ${w.terms.map((t) => t.name).join(', ')}` : '';
    wordsOf.set(w, (words = `${w.description()} (${formatDayLong(w.start)} to ${formatDayLong(w.end)}${terms})`));
  }
  return words;
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
