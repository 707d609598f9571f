/**
 * Plain-English descriptions of plan rules, windows and subjects, written for plan owners and key
 * workers ("at least 33% fewer offences (proven) in the last 6 months than in the 4 full quarters
 * before the quarter of engagement, pro rata"). Used by `plans show` and the generated docs/plans.
 */
import { describeDuration, parseDuration } from '../calendar/duration.ts';
import { stateWords } from '../evaluate/states.ts';
import { whoWords } from '../evaluate/subjects.ts';
import { boundsWords, selectorPluralWords, selectorWords } from '../evaluate/wording.ts';
import type { Anchor, Metric, Rule, Subjects, Window } from './plan-schema.ts';

const anchorNames: Record<Anchor, string> = { now: 'the date assessed', identified: 'identification', engaged: 'engagement', closed: 'case closure' };
const d = (text: string) => describeDuration(parseDuration(text));

export function describeWindow(w: Window): string {
  if ('last' in w) {
    const length = `the ${w.last === 'P1M' ? 'month' : d(w.last)}`;
    const anchorText = w.before ? ` before ${anchorNames[w.before]}` : w.endingOn && w.endingOn !== 'now' ? ` up to ${anchorNames[w.endingOn]}` : '';
    return w.offset ? `${length} before the last ${d(w.offset)}${anchorText}` : `${w.before || (w.endingOn && w.endingOn !== 'now') ? length : `the last ${length.slice(4)}`}${anchorText}`;
  }
  if ('fullQuarters' in w) return `the ${w.fullQuarters} full calendar quarters before the quarter of ${anchorNames[w.before]}`;
  if ('fullTerms' in w) {
    if (w.beforeQuarterOf) return `the ${w.fullTerms} full school terms before the quarter of ${anchorNames[w.beforeQuarterOf]}`;
    return `the last ${w.fullTerms} full school terms${w.endingBy && w.endingBy !== 'now' ? ` before ${anchorNames[w.endingBy]}` : ''}`;
  }
  return `from ${anchorNames[w.from]} to ${anchorNames[w.to]}`;
}

function describeMetric(m: Metric): string {
  if ('count' in m) return `the number of ${selectorPluralWords(m.count)}`;
  if ('sum' in m) return `the total ${m.field} of ${selectorWords(m.sum)}`;
  return m.attendance === 'all-absence' ? 'attendance (all absence counting against it)' : 'attendance (only unauthorised absence counting against it)';
}

export function describeSubjects(s: Subjects): string {
  if (s === 'indicated') return 'each person who met the indicator';
  if (s === 'family') return 'the family as a whole';
  if ('indicated' in s) return `each ${whoWords(s.indicated)} who met the indicator`;
  if ('every' in s) return `every ${whoWords(s.every)}`;
  return `at least one ${whoWords(s.any)}`;
}

export function describeRule(rule: Rule): string {
  const text = describeRuleBody(rule);
  return rule.describe ? `${rule.describe} (${text})` : text;
}

function describeRuleBody(rule: Rule): string {
  switch (rule.kind) {
    case 'count': {
      const none = rule.equals === 0 || rule.atMost === 0 || (rule.below === 1 && rule.atLeast === undefined);
      const amount = none ? 'no' : boundsWords(rule) || 'any number of';
      return `${amount} ${selectorPluralWords(rule.of)} in ${describeWindow(rule.in)}`;
    }
    case 'sum':
      return `${rule.field} of ${selectorWords(rule.of)} totalling ${boundsWords(rule)} in ${describeWindow(rule.in)}`;
    case 'attendance':
      return `attendance ${boundsWords(rule, '%')} over ${describeWindow(rule.in)}, ${rule.absence === 'all-absence' ? 'all absence counting against it' : 'only unauthorised absence counting against it'}`;
    case 'reduction':
      return `${describeMetric(rule.of)} in ${describeWindow(rule.outcome)} at least ${rule.atLeast}% lower than in ${describeWindow(rule.baseline)}${rule.proRata ? ', pro rata' : ''}`;
    case 'increase': {
      const by = rule.points !== undefined ? `${rule.points} percentage points` : `${rule.percent}%`;
      return `${describeMetric(rule.of)} in ${describeWindow(rule.outcome)} up by at least ${by} on ${describeWindow(rule.baseline)}${rule.whenBaselineBelow !== undefined ? ` (where the baseline was below ${rule.whenBaselineBelow})` : ''}`;
    }
    case 'holds':
      return `${stateWords(rule.state)} ${rule.throughout ? `throughout ${describeWindow(rule.throughout)}` : `on ${anchorNames[rule.at ?? 'now']}`}`;
    case 'spell': {
      const was = rule.was ? `having been ${stateWords(rule.was)} at ${rule.wasAt.map((a) => anchorNames[a]).join(' or ')}, ` : '';
      const how = rule.for ? `continuously for ${d(rule.for)}` : `for at least ${rule.weeks!.atLeast} of the last ${rule.weeks!.ofLast} whole weeks`;
      return `${was}${stateWords(rule.state)} ${how} since ${anchorNames[rule.from]}`;
    }
    case 'no-recurrence':
      return `after the latest ${selectorWords(rule.after)} (its ${rule.afterDate} date), no ${selectorWords(rule.none)} for ${d(rule.for)}`;
    case 'score': {
      const tools = typeof rule.tool === 'string' ? rule.tool : rule.tool.join(' or ');
      const parts = [`${tools} score ${rule.direction === 'up' ? 'up' : 'down'} by at least ${rule.change} points from the first to the latest score`];
      if (rule.finalAbove !== undefined) parts.push(`ending above ${rule.finalAbove}`);
      if (rule.finalBelow !== undefined) parts.push(`ending below ${rule.finalBelow}`);
      if (rule.initialAbove !== undefined) parts.push(`where the first score was above ${rule.initialAbove}`);
      if (rule.initialBelow !== undefined) parts.push(`where the first score was below ${rule.initialBelow}`);
      return parts.join(', ');
    }
    case 'evidence':
      return `a professional's recorded evidence${rule.roles ? ` (from a ${rule.roles.join(' or ')})` : ''}${rule.within ? ` dated ${describeWindow(rule.within)}` : ' dated after engagement'}`;
    case 'steps':
      return `at least ${rule.atLeast} of these steps evidenced by a professional: ${rule.steps.map((s) => `${s.text}${s.group ? ` [counts once with others in “${s.group}”]` : ''}`).join('; ')}`;
    case 'all-of':
      return rule.rules.map((r) => `(${describeRule(r)})`).join(' and ');
    case 'any-of':
      return `either ${rule.rules.map((r) => `(${describeRule(r)})`).join(' or ')}`;
    case 'not':
      return `not (${describeRule(rule.rule)})`;
  }
}

/** Professional-evidence rules (wholly or in part) need a worker's recorded evidence; the rest are measured from data. */
export function ruleEvidenceKind(rule: Rule): 'data' | 'evidence' | 'mixed' {
  switch (rule.kind) {
    case 'evidence':
    case 'steps':
    case 'score':
      return 'evidence';
    case 'all-of':
    case 'any-of': {
      const kinds = new Set(rule.rules.map(ruleEvidenceKind));
      return kinds.size === 1 ? [...kinds][0]! : 'mixed';
    }
    case 'not':
      return ruleEvidenceKind(rule.rule);
    default:
      return 'data';
  }
}
