/**
 * Whether a rule can be met only by someone with at least one event of the types it reads
 * (rule-footprint.ts). Most indicators are of this kind ("two or more proven offences", "attendance
 * below 90%", "an open child-in-need plan at identification"), and most of a family's members — most
 * often the whole family — have none of an indicator's types; such an indicator is then not met, at
 * every date, without testing anyone.
 *
 * The answer must never be `true` for a rule that could be met without events: it is conservative,
 * and says `false` for every kind it does not reason about (reductions, spells, scores, evidence, …).
 * - `count` and `sum`: met without events only when their bounds admit 0 (`atMost: 1` does, `atLeast: 2` does not).
 * - `attendance`: never met without attendance records (no possible sessions).
 * - `holds` at a date: an `active` state needs an event; `allOf` needs what any part needs, `anyOf` what
 *   every part needs; `not` and `earnings` states may hold without events. `holds … throughout` is not reasoned about.
 * - `all-of` needs events when any part does; `any-of` when every part does; `not` never.
 */
import type { Rule, State } from '../plan/plan-schema.ts';
import { boundsTest } from './bounds-test.ts';
import { oncePerObject } from './once-per-object.ts';

export const needsEvents: (rule: Rule) => boolean = oncePerObject(analyse);

function analyse(rule: Rule): boolean {
  switch (rule.kind) {
    case 'count':
    case 'sum':
      return !boundsTest(rule)(0, 1);
    case 'attendance':
      return true;
    case 'holds':
      return rule.throughout === undefined && stateNeedsEvents(rule.state);
    case 'all-of':
      return rule.rules.some(needsEvents);
    case 'any-of':
      return rule.rules.length > 0 && rule.rules.every(needsEvents);
    default:
      return false;
  }
}

function stateNeedsEvents(state: State): boolean {
  if ('active' in state) return true;
  if ('allOf' in state) return state.allOf.some(stateNeedsEvents);
  if ('anyOf' in state) return state.anyOf.length > 0 && state.anyOf.every(stateNeedsEvents);
  return false;
}
