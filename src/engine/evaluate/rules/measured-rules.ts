/** Rules over figures: () => counts, sums and attendance in a window; reductions and increases against a baseline. */
import { lengthInDays } from '../../calendar/date-range.ts';
import type { Metric, Rule, Window } from '../../plan/plan-schema.ts';
import type { PreparedEvent } from '../../timeline/prepared-timeline.ts';
import type { EvalContext, Subject } from '../context.ts';
import type { Figure } from '../verdict.ts';
import { anchorName, describeWindow, outcomeWindowIsOpen, resolveWindow, windowJson, type ResolvedWindow } from '../windows.ts';
import { articleFor, boundsWords, countWords, formatNumber, percent, selectorWords, withinBounds } from '../wording.ts';
import { bare, type RuleResult } from './rule-result.ts';

/** A figure over a window: `num / den` (den is 1 for counts and sums, possible sessions for attendance). */
interface MetricValue {
  readonly num: number;
  readonly den: number;
  /** null when there is nothing to measure (no attendance recorded in the window). */
  readonly value: number | null;
  readonly words: () => string;
  readonly label: () => string;
  readonly events: readonly PreparedEvent[];
}

const attendanceSelector = { events: 'attendance' } as const;

function inWindow(e: PreparedEvent, w: ResolvedWindow): boolean {
  return e.start >= w.start && e.start <= w.end;
}

export function measure(metric: Metric, subject: Subject, w: ResolvedWindow, ctx: EvalContext): MetricValue {
  if ('count' in metric) {
    const events = ctx.events(subject, metric.count).filter((e) => inWindow(e, w));
    return { num: events.length, den: 1, value: events.length, words: () => countWords(events.length, metric.count), label: () => selectorWords(metric.count), events };
  }
  if ('sum' in metric) {
    const events = ctx.events(subject, metric.sum).filter((e) => inWindow(e, w));
    const total = events.reduce((acc, e) => acc + Number((e.raw as unknown as Record<string, unknown>)[metric.field] ?? 0), 0);
    const label = () => `${metric.field} of ${selectorWords(metric.sum)}`;
    return { num: total, den: 1, value: total, words: () => `${formatNumber(total)} ${metric.field} (${countWords(events.length, metric.sum)})`, label, events };
  }
  // Attendance: pooled over every session in the window's terms (or terms ending in a date window).
  const termNames = w.termNames;
  const events = ctx
    .events(subject, attendanceSelector)
    .filter((e) => (termNames ? termNames.has((e.raw as { term: string }).term) : e.end >= w.start && e.end <= w.end));
  let possible = 0;
  let attended = 0;
  for (const e of events) {
    const a = e.raw as { possibleSessions: number; attendedSessions: number; unauthorisedAbsences: number };
    possible += a.possibleSessions;
    attended += metric.attendance === 'all-absence' ? a.attendedSessions : a.possibleSessions - a.unauthorisedAbsences;
  }
  const basis = metric.attendance === 'all-absence' ? 'all absence counting' : 'only unauthorised absence counting';
  const label = () => `attendance % (${basis})`;
  if (possible === 0) return { num: 0, den: 0, value: null, words: () => 'no attendance recorded', label, events };
  const rate = (attended * 100) / possible;
  return {
    num: attended * 100,
    den: possible,
    value: Math.round(rate * 100) / 100,
    words: () => `attendance ${percent(rate)} (${attended} of ${possible} sessions, ${basis})`,
    label,
    events,
  };
}

/**
 * Whether a count, sum or attendance rule's figure in the window is within its bounds, for a
 * statuses-only evaluation: the same arithmetic as {@link measure}, with no lists or words built.
 */
function quietlyWithin(rule: Extract<Rule, { kind: 'count' | 'sum' | 'attendance' }>, subject: Subject, w: ResolvedWindow, ctx: EvalContext): boolean {
  if (rule.kind === 'count') {
    let n = 0;
    for (const e of ctx.events(subject, rule.of)) if (inWindow(e, w)) n++;
    return withinBounds(rule, n, 1);
  }
  if (rule.kind === 'sum') {
    let total = 0;
    for (const e of ctx.events(subject, rule.of)) if (inWindow(e, w)) total += Number((e.raw as unknown as Record<string, unknown>)[rule.field] ?? 0);
    return withinBounds(rule, total, 1);
  }
  const termNames = w.termNames;
  let possible = 0;
  let attended = 0;
  for (const e of ctx.events(subject, attendanceSelector)) {
    if (termNames ? !termNames.has((e.raw as { term: string }).term) : e.end < w.start || e.end > w.end) continue;
    const a = e.raw as { possibleSessions: number; attendedSessions: number; unauthorisedAbsences: number };
    possible += a.possibleSessions;
    attended += rule.absence === 'all-absence' ? a.attendedSessions : a.possibleSessions - a.unauthorisedAbsences;
  }
  return possible !== 0 && withinBounds(rule, attended * 100, possible);
}

function figure(label: () => string, value: number | null, w: ResolvedWindow, events: readonly PreparedEvent[]): Figure {
  return { label: label(), value, window: windowJson(w), events: events.map((e) => e.id) };
}

type Resolved = { ok: true; window: ResolvedWindow } | { ok: false; result: RuleResult };

/** Resolves a window; for an outcome's measured window, also checks that it lies after engagement. */
export function measuredWindow(w: Window, ctx: EvalContext, measured: boolean): Resolved {
  const r = resolveWindow(w, ctx);
  if (!r.ok) {
    if (!ctx.explain) return { ok: false, result: bare('pending') };
    return { ok: false, result: { status: 'pending', figures: () => [], text: () => `it cannot be measured until there is a date of ${anchorName(r.missing, ctx)}` } };
  }
  if (measured && ctx.mode === 'outcome') {
    const engaged = ctx.timeline.engaged;
    if (engaged === undefined && !ctx.explain) return { ok: false, result: bare('pending') };
    if (engaged === undefined) return { ok: false, result: { status: 'pending', figures: () => [], text: () => 'the family has not engaged with the programme yet' } };
    if (!outcomeWindowIsOpen(r.window, engaged)) {
      if (!ctx.explain) return { ok: false, result: bare('pending') };
      return {
        ok: false,
        result: { status: 'pending', figures: () => [], text: () => `${describeWindow(r.window)} begins before intervention started, so the outcome period has not yet elapsed` },
      };
    }
  }
  return r;
}

export function evaluateThreshold(rule: Extract<Rule, { kind: 'count' | 'sum' | 'attendance' }>, subject: Subject, ctx: EvalContext): RuleResult {
  const r = measuredWindow(rule.in, ctx, true);
  if (!r.ok) return r.result;
  if (!ctx.explain) return bare(quietlyWithin(rule, subject, r.window, ctx) ? 'met' : 'not-met');
  const metric: Metric =
    rule.kind === 'count' ? { count: rule.of } : rule.kind === 'sum' ? { sum: rule.of, field: rule.field } : { attendance: rule.absence };
  const m = measure(metric, subject, r.window, ctx);
  const unit = rule.kind === 'attendance' ? '%' : '';
  const need = () => boundsWords(rule, unit);
  if (m.value === null) {
    return { status: 'not-met', figures: () => [figure(m.label, null, r.window, m.events)], text: () => `${m.words()} in ${describeWindow(r.window)}; ${need()} needed` };
  }
  const ok = withinBounds(rule, m.num, m.den);
  return {
    status: ok ? 'met' : 'not-met',
    figures: () => [figure(m.label, m.value, r.window, m.events)],
    text: () => `${m.words()} in ${describeWindow(r.window)}; ${need()} ${ok ? 'required' : 'needed'}`,
  };
}

/** The length of a window for pro-rata scaling: months when both windows are whole months, else days. */
function scaleUnits(baseline: ResolvedWindow, outcome: ResolvedWindow): [number, number, string] {
  if (baseline.months !== undefined && outcome.months !== undefined) return [baseline.months, outcome.months, 'months'];
  return [lengthInDays(baseline), lengthInDays(outcome), 'days'];
}

interface Compared {
  readonly b: { readonly window: ResolvedWindow };
  readonly o: { readonly window: ResolvedWindow };
  readonly base: MetricValue & { readonly value: number };
  readonly out: MetricValue & { readonly value: number };
  /** The two measured figures (built when asked for), then any derived ones pushed by the caller. */
  readonly figures: () => Figure[];
  readonly derived: Figure[];
}

/**
 * The shared first half of a reduction or an increase: both windows resolved (the outcome window must
 * lie after engagement), the figure measured in each, and a result straight away when either is missing.
 */
function compareWindows(rule: Extract<Rule, { kind: 'reduction' | 'increase' }>, subject: Subject, ctx: EvalContext): Compared | RuleResult {
  const b = measuredWindow(rule.baseline, ctx, false);
  if (!b.ok) return b.result;
  const o = measuredWindow(rule.outcome, ctx, true);
  if (!o.ok) return o.result;
  const base = measure(rule.of, subject, b.window, ctx);
  const out = measure(rule.of, subject, o.window, ctx);
  const derived: Figure[] = [];
  const figures = (): Figure[] => [figure(() => `baseline: ${base.label()}`, base.value, b.window, base.events), figure(() => `outcome: ${out.label()}`, out.value, o.window, out.events), ...derived];
  if (base.value === null || out.value === null) {
    return { status: 'not-met', figures, text: () => `there is no figure to compare (${base.words()} in the baseline, ${out.words()} in the outcome period)` };
  }
  return { b, o, base: base as Compared['base'], out: out as Compared['out'], figures, derived };
}

export function evaluateReduction(rule: Extract<Rule, { kind: 'reduction' }>, subject: Subject, ctx: EvalContext): RuleResult {
  const c = compareWindows(rule, subject, ctx);
  if ('status' in c) return c;
  const { b, o, base, out, figures, derived } = c;
  const [lb, lo, unit] = rule.proRata ? scaleUnits(b.window, o.window) : [1, 1, ''];
  // Expected outcome-period figure if nothing changed: base × lo / lb. Met when out ≤ (100 − atLeast)% of that.
  const expected = (base.value * lo) / lb;
  const scaled = () => (rule.proRata && lb !== lo ? ` (pro rata ${formatNumber(expected)} for ${formatNumber(lo)} ${unit})` : '');
  const baselineText = () => `${base.words()} in ${describeWindow(b.window)}${scaled()}`;
  if (base.value === 0) {
    const ok = rule.zeroBaseline === 'met' && out.value === 0;
    return { status: ok ? 'met' : 'not-met', figures, text: () => `${out.words()} in ${describeWindow(o.window)} against ${baselineText()}: no baseline to reduce` };
  }
  derived.push({ label: 'pro-rata baseline', value: Math.round(expected * 100) / 100 });
  const reduction = ((expected - out.value) / expected) * 100;
  derived.push({ label: 'reduction %', value: Math.round(reduction * 100) / 100 });
  const ok = out.value * 100 * lb <= (100 - rule.atLeast) * base.value * lo;
  return {
    status: ok ? 'met' : 'not-met',
    figures,
    text: () => `${out.words()} in ${describeWindow(o.window)} against ${baselineText()}: ${reduction >= 0 ? `${articleFor(reduction)} ${percent(reduction)} reduction` : `an increase of ${percent(-reduction)}`}; at least ${percent(rule.atLeast)} ${ok ? 'required' : 'needed'}`,
  };
}

export function evaluateIncrease(rule: Extract<Rule, { kind: 'increase' }>, subject: Subject, ctx: EvalContext): RuleResult {
  const c = compareWindows(rule, subject, ctx);
  if ('status' in c) return c;
  const { b, o, base, out, figures, derived } = c;
  const baseRate = base.num / base.den;
  const outRate = out.num / out.den;
  const unit = 'attendance' in rule.of ? '%' : '';
  const compared = () => `${out.words()} in ${describeWindow(o.window)} against ${base.words()} in ${describeWindow(b.window)}`;
  const below = rule.whenBaselineBelow;
  if (below !== undefined && !(baseRate < below)) {
    return { status: 'not-met', figures, text: () => `${compared()}: this measure applies only when the baseline is below ${formatNumber(below)}${unit}` };
  }
  const wantedPoints = rule.points;
  if (wantedPoints !== undefined) {
    const points = outRate - baseRate;
    derived.push({ label: 'increase (points)', value: Math.round(points * 100) / 100 });
    // Exact: out.num/out.den − base.num/base.den ≥ points.
    const ok = out.num * base.den - base.num * out.den >= wantedPoints * out.den * base.den;
    return { status: ok ? 'met' : 'not-met', figures, text: () => `${compared()}: an increase of ${formatNumber(points)} percentage points; at least ${formatNumber(wantedPoints)} ${ok ? 'required' : 'needed'}` };
  }
  const pct = rule.percent!;
  if (baseRate === 0) {
    const ok = outRate > 0;
    return { status: ok ? 'met' : 'not-met', figures, text: () => `${compared()}: any increase from zero counts as more than ${percent(pct)}` };
  }
  const relative = ((outRate - baseRate) / baseRate) * 100;
  derived.push({ label: 'increase %', value: Math.round(relative * 100) / 100 });
  // Exact: (out − base) × 100 ≥ pct × base, cross-multiplied by both denominators.
  const ok = (out.num * base.den - base.num * out.den) * 100 >= pct * base.num * out.den;
  return { status: ok ? 'met' : 'not-met', figures, text: () => `${compared()}: a relative increase of ${percent(relative)}; at least ${percent(pct)} ${ok ? 'required' : 'needed'}` };
}

