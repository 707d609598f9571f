/** Evaluates any rule for one subject: dispatches on the rule's kind and combines nested rules. */
import type { Rule } from '../../plan/plan-schema.ts';
import type { EvalContext, Subject } from '../context.ts';
import { evaluateIncrease, evaluateReduction, evaluateThreshold } from './measured-rules.ts';
import { evaluateEvidence, evaluateScore, evaluateSteps } from './professional-rules.ts';
import { evaluateNoRecurrence } from './recurrence-rule.ts';
import type { Figure } from '../verdict.ts';
import { joinTexts } from '../wording.ts';
import { bare, combineAll, combineAny, type RuleResult } from './rule-result.ts';
import { evaluateHolds, evaluateSpell } from './state-rules.ts';

export function evaluateRule(rule: Rule, subject: Subject, ctx: EvalContext): RuleResult {
  const result = dispatch(rule, subject, ctx);
  const describe = rule.describe;
  if (!describe || !ctx.explain) return result;
  // An explicit literal rather than a spread of `result` (spreads are slow on this hot path).
  return { status: result.status, notApplicable: result.notApplicable, figures: result.figures, text: () => `${describe}: ${result.text()}` };
}

function dispatch(rule: Rule, subject: Subject, ctx: EvalContext): RuleResult {
  switch (rule.kind) {
    case 'count':
    case 'sum':
    case 'attendance':
      return evaluateThreshold(rule, subject, ctx);
    case 'reduction':
      return evaluateReduction(rule, subject, ctx);
    case 'increase':
      return evaluateIncrease(rule, subject, ctx);
    case 'holds':
      return evaluateHolds(rule, subject, ctx);
    case 'spell':
      return evaluateSpell(rule, subject, ctx);
    case 'no-recurrence':
      return evaluateNoRecurrence(rule, subject, ctx);
    case 'score':
      return evaluateScore(rule, subject, ctx);
    case 'evidence':
      return evaluateEvidence(rule, subject, ctx);
    case 'steps':
      return evaluateSteps(rule, subject, ctx);
    case 'all-of': {
      // Not applicable when any part does not measure this subject.
      const parts = rule.rules.map((r) => evaluateRule(r, subject, ctx));
      const notApplicable = parts.some((p) => p.notApplicable);
      if (!ctx.explain) return bare(combineAll(parts.map((p) => p.status)), notApplicable);
      return { status: combineAll(parts.map((p) => p.status)), notApplicable, figures: () => figuresOf(parts), text: () => joinTexts(parts, '; and ', textOf) };
    }
    case 'any-of': {
      // Alternatives that do not measure this subject are left out; not applicable when none does.
      const all = rule.rules.map((r) => evaluateRule(r, subject, ctx));
      const applicable = all.filter((p) => !p.notApplicable);
      const notApplicable = applicable.length === 0;
      const parts = notApplicable ? all : applicable;
      const status = combineAny(parts.map((p) => p.status));
      if (!ctx.explain) return bare(status, notApplicable);
      // Explain with the alternative that decided the status, then mention the others briefly.
      const decisive = parts.find((p) => p.status === status) ?? parts[0]!;
      const others = parts.filter((p) => p !== decisive);
      return {
        status,
        notApplicable,
        figures: () => figuresOf(parts),
        text: () => (others.length ? `${decisive.text()} (alternatives: ${joinTexts(others, '; ', (p) => `${p.text()} — ${p.status}`)})` : decisive.text()),
      };
    }
    case 'not': {
      const inner = evaluateRule(rule.rule, subject, ctx);
      const status = inner.status === 'met' ? 'not-met' : inner.status === 'not-met' ? 'met' : inner.status;
      if (!ctx.explain) return bare(status, inner.notApplicable);
      return { status, notApplicable: inner.notApplicable, figures: inner.figures, text: () => `not (${inner.text()})` };
    }
  }
}

/** The parts' figures in order (a loop: `flatMap` is slow in V8, and explained verdicts call this for every combined rule). */
function figuresOf(parts: readonly RuleResult[]): Figure[] {
  const all: Figure[] = [];
  for (const p of parts) for (const f of p.figures()) all.push(f);
  return all;
}

const textOf = (p: RuleResult) => p.text();
