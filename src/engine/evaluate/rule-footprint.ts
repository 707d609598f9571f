/**
 * The event types a rule reads. A member with no events of those types gets the same result as a
 * member with no events at all, so indicators are evaluated once for "nobody" per date and that result
 * reused for every such member — most members of most families, for most indicators.
 *
 * Rules that read events beyond the subject's own (evidence and steps, which accept evidence recorded
 * for the whole family; earnings with a couple threshold, which add the other adults' earnings) are
 * `householdWide`: for them the shortcut applies only when the whole family has none of those types.
 */
import type { Rule, Selector, State } from '../plan/plan-schema.ts';

export interface RuleFootprint {
  readonly types: ReadonlySet<string>;
  readonly householdWide: boolean;
}

const cache = new WeakMap<Rule, RuleFootprint>();

function selectorTypes(s: Selector, into: Set<string>): void {
  for (const t of typeof s.events === 'string' ? [s.events] : s.events) into.add(t);
}

function stateTypes(s: State, into: Set<string>): boolean {
  if ('active' in s) {
    selectorTypes(s.active, into);
    return false;
  }
  if ('earnings' in s) {
    into.add('earnings');
    return s.earnings.couple !== undefined;
  }
  if ('allOf' in s) return s.allOf.map((x) => stateTypes(x, into)).some(Boolean);
  if ('anyOf' in s) return s.anyOf.map((x) => stateTypes(x, into)).some(Boolean);
  return stateTypes(s.not, into);
}

function collect(rule: Rule, into: Set<string>): boolean {
  switch (rule.kind) {
    case 'count':
    case 'sum':
      selectorTypes(rule.of, into);
      return false;
    case 'attendance':
      into.add('attendance');
      return false;
    case 'reduction':
    case 'increase':
      if ('count' in rule.of) selectorTypes(rule.of.count, into);
      else if ('sum' in rule.of) selectorTypes(rule.of.sum, into);
      else into.add('attendance');
      return false;
    case 'holds':
      return stateTypes(rule.state, into);
    case 'spell': {
      const a = stateTypes(rule.state, into);
      const b = rule.was ? stateTypes(rule.was, into) : false;
      return a || b;
    }
    case 'no-recurrence':
      selectorTypes(rule.after, into);
      selectorTypes(rule.none, into);
      return false;
    case 'score':
      into.add('assessment');
      return false;
    case 'evidence':
    case 'steps':
      into.add('evidence');
      return true;
    case 'all-of':
    case 'any-of':
      return rule.rules.map((r) => collect(r, into)).some(Boolean);
    case 'not':
      return collect(rule.rule, into);
  }
}

export function ruleFootprint(rule: Rule): RuleFootprint {
  let f = cache.get(rule);
  if (!f) {
    const types = new Set<string>();
    const householdWide = collect(rule, types);
    cache.set(rule, (f = { types, householdWide }));
  }
  return f;
}
