/** Rules over states: a state holding at a date or throughout a window; a continuous spell. */
import { addDays, formatDay, formatDayLong, weekday, type Day } from '../../calendar/day.ts';
import { describeDuration, shift } from '../../calendar/duration.ts';
import type { Anchor, Rule } from '../../plan/plan-schema.ts';
import type { EvalContext, Subject } from '../context.ts';
import { clip, containsDay, coversRange } from '../intervals.ts';
import { stateEvents, stateHoldsOn, stateIntervals, stateWords } from '../states.ts';
import type { Figure } from '../verdict.ts';
import { anchorName as nameOf, describeWindow, windowJson } from '../windows.ts';
import { measuredWindow } from './measured-rules.ts';
import { bare, type RuleResult } from './rule-result.ts';

export function evaluateHolds(rule: Extract<Rule, { kind: 'holds' }>, subject: Subject, ctx: EvalContext): RuleResult {
  const words = () => stateWords(rule.state);
  if (rule.throughout) {
    const state = stateIntervals(rule.state, subject, ctx);
    const r = measuredWindow(rule.throughout, ctx, true);
    if (!r.ok) return r.result;
    const ok = coversRange(state.intervals, r.window.start, r.window.end);
    if (!ctx.explain) return bare(ok ? 'met' : 'not-met');
    return {
      status: ok ? 'met' : 'not-met',
      figures: () => [{ label: words(), value: ok, window: windowJson(r.window), events: state.events.map((e) => e.id) }],
      text: () => (ok ? `${words()} throughout ${describeWindow(r.window)}` : `not the case throughout ${describeWindow(r.window)}: ${words()}`),
    };
  }
  const anchorName = rule.at ?? 'now';
  const d = ctx.anchor(anchorName);
  if (d === undefined) return ctx.explain ? { status: 'pending', figures: () => [], text: () => `it cannot be checked until there is a date of ${nameOf(anchorName, ctx)}` } : bare('pending');
  // On one day: tested directly; the state's events are gathered only when a figure is wanted.
  const ok = stateHoldsOn(rule.state, subject, ctx, d);
  if (!ctx.explain) return bare(ok ? 'met' : 'not-met');
  return {
    status: ok ? 'met' : 'not-met',
    figures: () => [{ label: words(), value: ok, window: { label: nameOf(anchorName, ctx), start: iso(d), end: iso(d) }, events: stateEvents(rule.state, subject, ctx).map((e) => e.id) }],
    text: () => (ok ? `${words()} on ${formatDayLong(d)}` : `not the case on ${formatDayLong(d)}: ${words()}`),
  };
}

const fmt = (d: Day) => formatDayLong(d);
const iso = (d: Day) => formatDay(d);

/** The last `n` whole ISO weeks (Monday–Sunday) ending on or before `d`, oldest first, as [monday, sunday]. */
function lastWholeWeeks(d: Day, n: number): Array<[Day, Day]> {
  const lastSunday = addDays(d, -(weekday(d) % 7));
  const weeks: Array<[Day, Day]> = [];
  for (let i = n - 1; i >= 0; i--) {
    const sunday = addDays(lastSunday, -7 * i);
    weeks.push([addDays(sunday, -6), sunday]);
  }
  return weeks;
}

export function evaluateSpell(rule: Extract<Rule, { kind: 'spell' }>, subject: Subject, ctx: EvalContext): RuleResult {
  // Figures are built only when asked for (most spells tested are discarded unexplained).
  const figures: Array<() => Figure> = [];
  const built = () => figures.map((f) => f());
  const wasState = rule.was;
  if (wasState) {
    // Tested on each day directly (most people fail it, and the spell then does not apply to them);
    // the state's events are gathered only if a figure is asked for.
    let hit: Anchor | undefined;
    for (const a of rule.wasAt) {
      const d = ctx.anchor(a);
      if (d !== undefined && stateHoldsOn(wasState, subject, ctx, d)) {
        hit = a;
        break;
      }
    }
    if (hit === undefined && !ctx.explain) return bare('not-met', true);
    const was = hit;
    figures.push(() => ({ label: `was ${stateWords(wasState)}`, value: was !== undefined ? nameOf(was, ctx) : false, events: stateEvents(wasState, subject, ctx).map((e) => e.id) }));
    if (hit === undefined) {
      return {
        status: 'not-met',
        notApplicable: true,
        figures: built,
        text: () => `does not apply: was not ${stateWords(wasState)} at ${rule.wasAt.map((a) => nameOf(a, ctx)).join(' or ')}`,
      };
    }
  }
  const fromName = rule.from;
  const from = ctx.anchor(fromName);
  if (from === undefined && !ctx.explain) return bare('pending');
  if (from === undefined) return { status: 'pending', figures: built, text: () => `it cannot be measured until there is a date of ${nameOf(fromName, ctx)}` };
  const state = stateIntervals(rule.state, subject, ctx);
  const spells = clip(state.intervals, from, ctx.now);
  const words = () => stateWords(rule.state);
  const events = () => state.events.map((e) => e.id);

  if (rule.for) {
    const duration = ctx.plan.duration(rule.for);
    const need = () => describeDuration(duration);
    const done = spells.find(([s, e]) => addDays(shift(s, duration), -1) <= e);
    if (!ctx.explain) {
      if (done) return bare('met');
      const last = spells[spells.length - 1];
      return bare(last && last[1] === ctx.now ? 'pending' : 'not-met');
    }
    if (done) {
      figures.push(() => ({ label: `${words()}: continuous spell`, value: need(), window: { label: 'spell', start: iso(done[0]), end: iso(done[1]) }, events: events() }));
      return { status: 'met', figures: built, text: () => `${words()} continuously from ${fmt(done[0])}${done[1] >= ctx.now ? '' : ` to ${fmt(done[1])}`}, at least ${need()}` };
    }
    const last = spells[spells.length - 1];
    if (last && last[1] === ctx.now) {
      const reached = addDays(shift(last[0], duration), -1);
      figures.push(() => ({ label: `${words()}: spell in progress since`, value: iso(last[0]), events: events() }));
      return { status: 'pending', figures: built, text: () => `${words()} since ${fmt(last[0])}; ${need()} will be reached on ${fmt(reached)}` };
    }
    figures.push(() => ({ label: `${words()}: longest spell (days)`, value: spells.reduce((m, [s, e]) => Math.max(m, e - s + 1), 0), events: events() }));
    return { status: 'not-met', figures: built, text: () => `no continuous spell of ${need()} ${words()} since ${nameOf(fromName, ctx)}` };
  }

  const { atLeast, ofLast } = rule.weeks!;
  const weeks = lastWholeWeeks(ctx.now, ofLast).filter(([mon]) => mon >= from);
  const covered = weeks.filter(([mon, sun]) => coversRange(spells, mon, sun)).length;
  figures.push(() => ({ label: `weeks ${words()}`, value: covered, window: { label: `last ${ofLast} whole weeks`, start: iso(weeks[0]?.[0] ?? ctx.now), end: iso(weeks[weeks.length - 1]?.[1] ?? ctx.now) }, events: events() }));
  const ok = covered >= atLeast;
  const ongoing = containsDay(spells, ctx.now);
  if (!ctx.explain) return bare(ok ? 'met' : ongoing ? 'pending' : 'not-met');
  return {
    status: ok ? 'met' : ongoing ? 'pending' : 'not-met',
    figures: built,
    text: () => `${words()} in ${covered} of the last ${ofLast} whole weeks; at least ${atLeast} ${ok ? 'required' : 'needed'}`,
  };
}
