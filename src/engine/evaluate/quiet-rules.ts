/**
 * A rule compiled, once per plan, into a closure that gives its status (and whether it measures the
 * subject) with no explanation: what every indicator test needs first, since most fail and are
 * discarded. Everything that depends on the plan alone is settled here — the window's slot, the
 * selector's types and predicate, the bounds, the anchor — so a test only reads the family's events.
 *
 * The common kinds (count, sum of one type, attendance, `holds … at`, and combinations of them) are
 * compiled; the others call the interpreter (rules/evaluate-rule.ts) with a statuses-only context.
 * Either way the status is the interpreter's: `test/engine/quiet-rules.test.ts` checks every plan.
 */
import type { Day } from '../calendar/day.ts';
import { shift, type Duration } from '../calendar/duration.ts';
import type { CompiledSelector } from '../plan/compiled-plan.ts';
import type { Rule, State, Window } from '../plan/plan-schema.ts';
import type { PreparedEvent } from '../timeline/prepared-timeline.ts';
import type { ProblemId } from '../timeline/timeline-schema.ts';
import type { Subject } from './context.ts';
import type { Frame } from './frame.ts';
import { evaluateRule } from './rules/evaluate-rule.ts';
import { allOrder, allRank, anyOrder, anyRank, bare, type RuleResult } from './rules/rule-result.ts';
import { activeOn, stateHoldsOn } from './states.ts';
import { outcomeWindowIsOpen, type ResolvedWindow } from './windows.ts';
import { boundsTest } from './bounds-test.ts';

/** Statuses-only results; `RuleResult`s shared by every test (rules/rule-result.ts `bare`). */
export type QuietRule = (subject: Subject, frame: Frame, problem: ProblemId) => RuleResult;

/** What compiling needs from the plan: a slot number for a window, a compiled selector. */
export interface RuleCompiler {
  windowSlot(w: Window): number;
  selector(s: { readonly events: string | readonly string[] }): CompiledSelector;
  duration(text: string): Duration;
}

const met = bare('met');
const notMet = bare('not-met');
const pending = bare('pending');

/** The subject's events of a type (the whole family's for the household). */
function eventsOf(frame: Frame, subject: Subject, type: string): readonly PreparedEvent[] | undefined {
  return subject.member ? frame.timeline.events.ofPerson(subject.member.id, type) : frame.timeline.events.ofType(type);
}

/**
 * The window a measured rule reads, or the `pending` result the interpreter gives: an anchor not yet
 * reached, or (for an outcome) no engagement yet or a window that opens before intervention started.
 */
function measuredWindow(frame: Frame, slot: number): ResolvedWindow | RuleResult {
  const r = frame.window(slot);
  if (!r.ok) return pending;
  if (frame.mode === 'outcome') {
    const engaged = frame.timeline.engaged;
    if (engaged === undefined || !outcomeWindowIsOpen(r.window, engaged)) return pending;
  }
  return r.window;
}

export function compileQuiet(rule: Rule, c: RuleCompiler): QuietRule {
  switch (rule.kind) {
    case 'count':
      return countRule(rule, c);
    case 'sum':
      // Sums of several types are added in date order by the interpreter; only one type is compiled.
      return c.selector(rule.of).types.length === 1 ? sumRule(rule, c) : interpreted(rule);
    case 'attendance':
      return attendanceRule(rule, c);
    case 'holds':
      return rule.throughout ? interpreted(rule) : holdsAtRule(rule, c);
    case 'all-of':
      return allOf(rule.rules.map((r) => compileQuiet(r, c)));
    case 'any-of':
      return anyOf(rule.rules.map((r) => compileQuiet(r, c)));
    case 'not': {
      const inner = compileQuiet(rule.rule, c);
      return (s, f, p) => {
        const r = inner(s, f, p);
        return bare(r.status === 'met' ? 'not-met' : r.status === 'not-met' ? 'met' : r.status, r.notApplicable);
      };
    }
    default:
      return interpreted(rule);
  }
}

function interpreted(rule: Rule): QuietRule {
  return (s, f, p) => evaluateRule(rule, s, f.context(p));
}

function countRule(rule: Extract<Rule, { kind: 'count' }>, c: RuleCompiler): QuietRule {
  const slot = c.windowSlot(rule.in);
  const { types, test, matchesAll } = c.selector(rule.of);
  const within = boundsTest(rule);
  return (s, f) => {
    const w = measuredWindow(f, slot);
    if ('status' in w) return w;
    let n = 0;
    for (const type of types) {
      const list = eventsOf(f, s, type);
      if (list) for (const e of list) if (e.start >= w.start && e.start <= w.end && (matchesAll || test(e))) n++;
    }
    return within(n, 1) ? met : notMet;
  };
}

function sumRule(rule: Extract<Rule, { kind: 'sum' }>, c: RuleCompiler): QuietRule {
  const slot = c.windowSlot(rule.in);
  const { types, test, matchesAll } = c.selector(rule.of);
  const type = types[0]!;
  const field = rule.field;
  const within = boundsTest(rule);
  return (s, f) => {
    const w = measuredWindow(f, slot);
    if ('status' in w) return w;
    const list = eventsOf(f, s, type);
    let total = 0;
    if (list) {
      for (const e of list) {
        if (e.start >= w.start && e.start <= w.end && (matchesAll || test(e))) total += Number((e.raw as unknown as Record<string, unknown>)[field] ?? 0);
      }
    }
    return within(total, 1) ? met : notMet;
  };
}

type AttendanceRaw = { term: string; possibleSessions: number; attendedSessions: number; unauthorisedAbsences: number };

function attendanceRule(rule: Extract<Rule, { kind: 'attendance' }>, c: RuleCompiler): QuietRule {
  const slot = c.windowSlot(rule.in);
  const allAbsence = rule.absence === 'all-absence';
  const within = boundsTest(rule);
  return (s, f) => {
    const w = measuredWindow(f, slot);
    if ('status' in w) return w;
    const list = eventsOf(f, s, 'attendance');
    if (!list) return notMet;
    const termNames = w.termNames;
    let possible = 0;
    let attended = 0;
    for (const e of list) {
      const a = e.raw as unknown as AttendanceRaw;
      if (termNames ? !termNames.has(a.term) : e.end < w.start || e.end > w.end) continue;
      possible += a.possibleSessions;
      attended += allAbsence ? a.attendedSessions : a.possibleSessions - a.unauthorisedAbsences;
    }
    return possible !== 0 && within(attended * 100, possible) ? met : notMet;
  };
}

/** A state compiled to "does it hold on day d?" for a subject (states.ts `stateHoldsOn`). */
type StateOnDay = (s: Subject, f: Frame, p: ProblemId, d: Day) => boolean;

function stateOnDay(state: State, c: RuleCompiler): StateOnDay {
  if ('active' in state) {
    const selector = c.selector(state.active);
    const within = state.endingWithin === undefined ? undefined : c.duration(state.endingWithin);
    return (s, f, _p, d) => activeOn(f.timeline.events, s.member?.id, selector, d, within === undefined ? undefined : shift(f.now, within));
  }
  if ('allOf' in state) {
    const parts = state.allOf.map((x) => stateOnDay(x, c));
    return (s, f, p, d) => parts.every((part) => part(s, f, p, d));
  }
  if ('anyOf' in state) {
    const parts = state.anyOf.map((x) => stateOnDay(x, c));
    return (s, f, p, d) => parts.some((part) => part(s, f, p, d));
  }
  if ('not' in state) {
    const inner = stateOnDay(state.not, c);
    return (s, f, p, d) => !inner(s, f, p, d);
  }
  // Earnings (a month's pay, perhaps a couple's): the interpreter builds the intervals.
  return (s, f, p, d) => stateHoldsOn(state, s, f.context(p), d);
}

function holdsAtRule(rule: Extract<Rule, { kind: 'holds' }>, c: RuleCompiler): QuietRule {
  const at = rule.at ?? 'now';
  const holds = stateOnDay(rule.state, c);
  return (s, f, p) => {
    const d = f.anchor(at);
    if (d === undefined) return pending;
    return holds(s, f, p, d) ? met : notMet;
  };
}

/**
 * Every part is evaluated: any part that does not measure the subject makes the whole not measure
 * them. Combined as `combineAll` does, by rank, with no arrays made (this runs for every test).
 */
function allOf(parts: readonly QuietRule[]): QuietRule {
  return (s, f, p) => {
    let rank = allRank.met;
    let notApplicable = false;
    for (let k = 0; k < parts.length; k++) {
      const r = parts[k]!(s, f, p);
      const rk = allRank[r.status];
      if (rk < rank) rank = rk;
      if (r.notApplicable) notApplicable = true;
    }
    return bare(allOrder[rank]!, notApplicable);
  };
}

/** Alternatives that do not measure the subject are left out; not applicable when none does. */
function anyOf(parts: readonly QuietRule[]): QuietRule {
  return (s, f, p) => {
    let rankApplicable = anyRank['not-met'];
    let rankAll = anyRank['not-met'];
    let applicable = false;
    for (let k = 0; k < parts.length; k++) {
      const r = parts[k]!(s, f, p);
      const rk = anyRank[r.status];
      if (rk < rankAll) rankAll = rk;
      if (!r.notApplicable) {
        applicable = true;
        if (rk < rankApplicable) rankApplicable = rk;
      }
    }
    return bare(anyOrder[applicable ? rankApplicable : rankAll]!, !applicable);
  };
}
