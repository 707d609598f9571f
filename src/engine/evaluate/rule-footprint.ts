/**
 * The event types a rule reads: an indicator that only someone with an event of those types can meet
 * (needs-events.ts) is not met, and nobody is tested, in a family with none of them.
 */
import type { Rule, Selector, State } from '../plan/plan-schema.ts';

export interface RuleFootprint {
  readonly types: ReadonlySet<string>;
}

const cache = new WeakMap<Rule, RuleFootprint>();

function selectorTypes(s: Selector, into: Set<string>): void {
  for (const t of typeof s.events === 'string' ? [s.events] : s.events) into.add(t);
}

function stateTypes(s: State, into: Set<string>): void {
  if ('active' in s) selectorTypes(s.active, into);
  else if ('earnings' in s) into.add('earnings');
  else if ('allOf' in s) for (const x of s.allOf) stateTypes(x, into);
  else if ('anyOf' in s) for (const x of s.anyOf) stateTypes(x, into);
  else stateTypes(s.not, into);
}

function collect(rule: Rule, into: Set<string>): void {
  switch (rule.kind) {
    case 'count':
    case 'sum':
      selectorTypes(rule.of, into);
      return;
    case 'attendance':
      into.add('attendance');
      return;
    case 'reduction':
    case 'increase':
      if ('count' in rule.of) selectorTypes(rule.of.count, into);
      else if ('sum' in rule.of) selectorTypes(rule.of.sum, into);
      else into.add('attendance');
      return;
    case 'holds':
      stateTypes(rule.state, into);
      return;
    case 'spell':
      stateTypes(rule.state, into);
      if (rule.was) stateTypes(rule.was, into);
      return;
    case 'no-recurrence':
      selectorTypes(rule.after, into);
      selectorTypes(rule.none, into);
      return;
    case 'score':
      into.add('assessment');
      return;
    case 'evidence':
    case 'steps':
      into.add('evidence');
      return;
    case 'all-of':
    case 'any-of':
      for (const r of rule.rules) collect(r, into);
      return;
    case 'not':
      collect(rule.rule, into);
  }
}

export function ruleFootprint(rule: Rule): RuleFootprint {
  let f = cache.get(rule);
  if (!f) {
    const types = new Set<string>();
    collect(rule, types);
    cache.set(rule, (f = { types }));
  }
  return f;
}
