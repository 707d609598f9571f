/** Computes where a plan's `State` holds for a subject, as a set of day intervals. */
import { shift } from '../calendar/duration.ts';
import type { Day } from '../calendar/day.ts';
import type { State } from '../plan/plan-schema.ts';
import type { CompiledSelector } from '../plan/compiled-plan.ts';
import type { EventIndex, PreparedEvent } from '../timeline/prepared-timeline.ts';
import { household, type EvalContext, type Subject } from './context.ts';
import { complement, containsDay, intersectAll, normalise, union, type Interval, type IntervalSet } from './intervals.ts';
import { oncePerObject } from './once-per-object.ts';
import { formatNumber, selectorWords } from './wording.ts';

export interface StateValue {
  readonly intervals: IntervalSet;
  /** The events that make up the state, for provenance. */
  readonly events: readonly PreparedEvent[];
}

const earningsSelector = { events: 'earnings' } as const;

export function stateIntervals(s: State, subject: Subject, ctx: EvalContext): StateValue {
  if ('active' in s) {
    let events = ctx.events(subject, s.active);
    if (s.endingWithin) {
      // "Less than 12 months from release": the spell must have a recorded end within the period after now.
      const limit = shift(ctx.now, ctx.plan.duration(s.endingWithin));
      events = events.filter((e) => e.ended && e.end <= limit);
    }
    return { intervals: mergeSorted(events), events };
  }
  if ('earnings' in s) {
    const own = ctx.events(subject, earningsSelector);
    const months = new Map<Day, { end: Day; own: number; adults: number }>();
    for (const e of own) {
      const m = months.get(e.start) ?? { end: e.end, own: 0, adults: 0 };
      m.own += (e.raw as { amount: number }).amount;
      months.set(e.start, m);
    }
    // A couple is two adults with parenting responsibility (the timeline records no partnerships):
    // a lone parent living with an adult son or daughter is not a couple.
    const adults = ctx.timeline.members.filter((m) => m.role === 'adult' && m.parentingResponsibility);
    const couple = s.earnings.couple !== undefined && adults.length >= 2 && adults.some((a) => a.id === subject.member?.id);
    const used: PreparedEvent[] = [...own];
    if (couple) {
      const adultIds = new Set(adults.map((a) => a.id));
      for (const e of ctx.events(household, earningsSelector)) {
        if (!e.person || !adultIds.has(e.person)) continue;
        const m = months.get(e.start) ?? { end: e.end, own: 0, adults: 0 };
        m.adults += (e.raw as { amount: number }).amount;
        months.set(e.start, m);
        if (e.person !== subject.member?.id) used.push(e);
      }
    }
    const qualifying: Interval[] = [];
    for (const [start, m] of months) {
      if (m.own >= s.earnings.atLeast || (couple && m.adults >= s.earnings.couple!)) qualifying.push([start, m.end]);
    }
    return { intervals: normalise(qualifying), events: used };
  }
  if ('allOf' in s) {
    const parts = s.allOf.map((x) => stateIntervals(x, subject, ctx));
    return { intervals: intersectAll(parts.map((p) => p.intervals)), events: eventsOfParts(parts) };
  }
  if ('anyOf' in s) {
    const parts = s.anyOf.map((x) => stateIntervals(x, subject, ctx));
    return { intervals: union(parts.map((p) => p.intervals)), events: eventsOfParts(parts) };
  }
  const inner = stateIntervals(s.not, subject, ctx);
  return { intervals: complement(inner.intervals), events: inner.events };
}

/**
 * The intervals of events sorted by start (as the event index and `EvalContext.events` give them):
 * what `normalise` gives for them, merged in one pass without sorting a copy.
 */
function mergeSorted(events: readonly PreparedEvent[]): IntervalSet {
  const out: Array<[Day, Day]> = [];
  for (const e of events) {
    if (e.start > e.end) continue;
    const last = out[out.length - 1];
    if (last && e.start <= last[1] + 1) {
      if (e.end > last[1]) last[1] = e.end;
    } else out.push([e.start, e.end]);
  }
  return out;
}

/** The parts' events one after another (a loop: `flatMap` here was a percent of evaluation). */
function eventsOfParts(parts: readonly StateValue[]): PreparedEvent[] {
  const events: PreparedEvent[] = [];
  for (const p of parts) for (const e of p.events) events.push(e);
  return events;
}

/**
 * The events that make up a state (`stateIntervals(…).events`), for a figure's provenance, without
 * building the state's intervals.
 */
export function stateEvents(s: State, subject: Subject, ctx: EvalContext): readonly PreparedEvent[] {
  if ('active' in s) {
    const events = ctx.events(subject, s.active);
    if (!s.endingWithin) return events;
    const limit = shift(ctx.now, ctx.plan.duration(s.endingWithin));
    return events.filter((e) => e.ended && e.end <= limit);
  }
  if ('allOf' in s || 'anyOf' in s) {
    const events: PreparedEvent[] = [];
    for (const x of 'allOf' in s ? s.allOf : s.anyOf) for (const e of stateEvents(x, subject, ctx)) events.push(e);
    return events;
  }
  if ('not' in s) return stateEvents(s.not, subject, ctx);
  return stateIntervals(s, subject, ctx).events;
}

/**
 * Whether an event the selector matches is active on day `d` for the person (`undefined`: anyone in
 * the family), with a recorded end on or before `limit` when there is one. Reads the event index's
 * lists directly, with nothing allocated, and stops at the first event starting after `d` (the lists
 * are sorted by start). The interpreter's `stateHoldsOn` and the compiled status closures share it.
 */
export function activeOn(index: EventIndex, person: string | undefined, selector: CompiledSelector, d: Day, limit: Day | undefined): boolean {
  const { types, test, matchesAll } = selector;
  for (let t = 0; t < types.length; t++) {
    const list = person === undefined ? index.ofType(types[t]!) : index.ofPerson(person, types[t]!);
    if (list === undefined) continue;
    for (let k = 0; k < list.length; k++) {
      const e = list[k]!;
      if (e.start > d) break;
      if (d > e.end || (limit !== undefined && !(e.ended && e.end <= limit))) continue;
      if (matchesAll || test(e)) return true;
    }
  }
  return false;
}

/**
 * Whether a state holds on one day: the same answer as `containsDay(stateIntervals(…).intervals, d)`,
 * without building the intervals (a day is in a union when it is in any part, in an intersection
 * when in every part, in a complement when not in the set).
 */
export function stateHoldsOn(s: State, subject: Subject, ctx: EvalContext, d: Day): boolean {
  if ('active' in s) {
    const limit = s.endingWithin ? shift(ctx.now, ctx.plan.duration(s.endingWithin)) : undefined;
    return activeOn(ctx.timeline.events, subject.member?.id, ctx.plan.selector(s.active), d, limit);
  }
  // Loops rather than every/some with a closure: this runs for every adult the claim tests.
  if ('allOf' in s) {
    for (const x of s.allOf) if (!stateHoldsOn(x, subject, ctx, d)) return false;
    return true;
  }
  if ('anyOf' in s) {
    for (const x of s.anyOf) if (stateHoldsOn(x, subject, ctx, d)) return true;
    return false;
  }
  if ('not' in s) return !stateHoldsOn(s.not, subject, ctx, d);
  return containsDay(stateIntervals(s, subject, ctx).intervals, d);
}

/** States belong to plans and their words never change: worded once each. */
export const stateWords: (s: State) => string = oncePerObject(wordState);

function wordState(s: State): string {
  if ('active' in s) return `${selectorWords(s.active)}${s.endingWithin ? ` ending within ${s.endingWithin}` : ''}`;
  if ('earnings' in s) {
    return `earning at least £${formatNumber(s.earnings.atLeast)} a month${s.earnings.couple !== undefined ? ` (£${formatNumber(s.earnings.couple)} for a couple)` : ''}`;
  }
  if ('allOf' in s) return s.allOf.map(stateWords).join(' and ');
  if ('anyOf' in s) return `(${s.anyOf.map(stateWords).join(' or ')})`;
  return `not ${stateWords(s.not)}`;
}
