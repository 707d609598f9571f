/**
 * Comparing a verdict with a scenario's expectation (only the fields it lists), checking that an
 * expectation names only indicators and outcomes the plan has, and measuring how much of a plan a
 * set of scenarios covers.
 */
import type { CompiledPlan, OutcomeStatus, ProblemId, Rule, Verdict } from '../src/engine/index.ts';
import type { Expectation } from './scenario-file.ts';

/** Every explanation in a verdict, with where it came from, for `explanationIncludes` and failure messages. */
export function explanations(verdict: Verdict): string[] {
  const out: string[] = [];
  for (const p of verdict.problems) {
    out.push(p.explanation);
    for (const i of p.indicators) out.push(i.explanation, ...i.subjects.map((s) => s.explanation));
    for (const o of p.outcomes) out.push(o.explanation, ...o.subjects.map((s) => s.explanation));
  }
  const { significantAndSustainedProgress: ssp, continuousEmployment: ce } = verdict.claims;
  out.push(...ssp.reasons, ...ce.reasons);
  return out;
}

const show = (v: unknown) => JSON.stringify(v);

/** The differences between the expectation and the verdict, one line each; empty when they agree. */
export function compare(expect: Expectation, verdict: Verdict): string[] {
  const diffs: string[] = [];
  const check = (path: string, expected: unknown, actual: unknown) => {
    if (show(expected) !== show(actual)) diffs.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
  };
  if (expect.eligible !== undefined) check('eligible', expect.eligible, verdict.eligible);
  if (expect.identifiedProblems !== undefined) check('identifiedProblems', [...expect.identifiedProblems].sort(), [...verdict.identifiedProblems].sort());
  for (const [pid, pe] of Object.entries(expect.problems ?? {})) {
    if (!pe) continue;
    const p = verdict.problems.find((x) => x.problem === pid);
    if (!p) {
      diffs.push(`problems.${pid}: the verdict has no such problem`);
      continue;
    }
    if (pe.identified !== undefined) check(`problems.${pid}.identified`, pe.identified, p.identified);
    if (pe.status !== undefined) check(`problems.${pid}.status`, pe.status, p.status);
    for (const [id, met] of Object.entries(pe.indicators ?? {})) {
      const i = p.indicators.find((x) => x.id === id);
      if (!i) diffs.push(`problems.${pid}.indicators.${id}: the verdict has no such indicator`);
      else check(`problems.${pid}.indicators.${id}`, met, i.met);
    }
    for (const [id, status] of Object.entries(pe.outcomes ?? {})) {
      const o = p.outcomes.find((x) => x.id === id);
      if (!o) diffs.push(`problems.${pid}.outcomes.${id}: the verdict has no such outcome`);
      else check(`problems.${pid}.outcomes.${id}`, status, o.status);
    }
  }
  const { claims } = expect;
  if (claims?.significantAndSustainedProgress !== undefined) {
    check('claims.significantAndSustainedProgress', claims.significantAndSustainedProgress, verdict.claims.significantAndSustainedProgress.claimable);
  }
  if (claims?.continuousEmployment !== undefined) check('claims.continuousEmployment', claims.continuousEmployment, verdict.claims.continuousEmployment.claimable);
  if (expect.explanationIncludes) {
    const all = explanations(verdict);
    for (const text of expect.explanationIncludes) {
      if (!all.some((e) => e.includes(text))) diffs.push(`explanationIncludes: no explanation contains ${show(text)}`);
    }
  }
  return diffs;
}

/**
 * The explanations a person needs to see why a scenario failed: for each problem the expectation
 * mentions (or every identified problem), the problem, its met indicators and its outcomes; then the claims.
 */
export function explain(expect: Expectation, verdict: Verdict): string {
  const mentioned = new Set(Object.keys(expect.problems ?? {}));
  const lines: string[] = [`eligible: ${verdict.eligible}; identified problems: ${verdict.identifiedProblems.join(', ') || 'none'}`];
  for (const p of verdict.problems) {
    if (!mentioned.has(p.problem) && !p.identified) continue;
    lines.push(`[${p.problem}] ${p.explanation}`);
    for (const i of p.indicators) if (i.met || expect.problems?.[p.problem]?.indicators?.[i.id] !== undefined) lines.push(`  - ${i.id}: ${i.explanation}`);
    for (const o of p.outcomes) if (o.status !== 'not-applicable' || expect.problems?.[p.problem]?.outcomes?.[o.id] !== undefined) lines.push(`  - ${o.id} (${o.status}): ${o.explanation}`);
  }
  const { significantAndSustainedProgress: ssp, continuousEmployment: ce } = verdict.claims;
  lines.push(`SSP claimable ${ssp.claimable}: ${ssp.reasons.join('; ')}`);
  lines.push(`CE claimable ${ce.claimable}: ${ce.reasons.join('; ')}`);
  return lines.join('\n');
}

/** Paths in the expectation naming indicators or outcomes the plan does not have under that problem. */
export function unknownReferences(expect: Expectation, plan: CompiledPlan): string[] {
  const out: string[] = [];
  for (const [pid, pe] of Object.entries(expect.problems ?? {})) {
    const problem = plan.plan.problems[pid as ProblemId];
    if (!problem) {
      if (pe) out.push(`problems.${pid}: plan ${plan.plan.id} has no such problem`);
      continue;
    }
    const indicators = new Set(problem.indicators.map((i) => i.id));
    const outcomes = new Set(problem.outcomes.map((o) => o.id));
    for (const id of Object.keys(pe?.indicators ?? {})) {
      if (!indicators.has(id)) out.push(`problems.${pid}.indicators.${id}: not an indicator of ${pid}; its indicators are ${[...indicators].join(', ')}`);
    }
    for (const id of Object.keys(pe?.outcomes ?? {})) {
      if (!outcomes.has(id)) out.push(`problems.${pid}.outcomes.${id}: not an outcome of ${pid}; its outcomes are ${[...outcomes].join(', ')}`);
    }
  }
  return out;
}

/** Whether a rule depends on a professional's recorded evidence (so it can be `evidence-required`). */
export function needsEvidence(rule: Rule): boolean {
  switch (rule.kind) {
    case 'evidence':
    case 'steps':
      return true;
    case 'all-of':
    case 'any-of':
      return rule.rules.some(needsEvidence);
    case 'not':
      return needsEvidence(rule.rule);
    default:
      return false;
  }
}

/** What the scenarios for one plan expect, accumulated across files. */
export class Coverage {
  private readonly indicatorsMet = new Set<string>();
  private readonly outcomeStatuses = new Map<string, Set<OutcomeStatus>>();

  add(expect: Expectation): void {
    for (const pe of Object.values(expect.problems ?? {})) {
      for (const [id, met] of Object.entries(pe?.indicators ?? {})) if (met) this.indicatorsMet.add(id);
      for (const [id, status] of Object.entries(pe?.outcomes ?? {})) {
        let set = this.outcomeStatuses.get(id);
        if (!set) this.outcomeStatuses.set(id, (set = new Set()));
        set.add(status);
      }
    }
  }

  /**
   * What is not yet covered: indicators never expected met, outcomes never expected `met`, and
   * evidence outcomes never expected `evidence-required`.
   */
  gaps(plan: CompiledPlan): string[] {
    const out: string[] = [];
    for (const [id, { indicator }] of plan.indicators) {
      if (!this.indicatorsMet.has(id)) out.push(`indicator ${id} (${indicator.ref}) is never expected to be met`);
    }
    for (const [id, { outcome }] of plan.outcomes) {
      const statuses = this.outcomeStatuses.get(id) ?? new Set();
      if (!statuses.has('met')) out.push(`outcome ${id} (${outcome.ref}) is never expected to be met`);
      if (needsEvidence(outcome.rule) && !statuses.has('evidence-required')) out.push(`outcome ${id} (${outcome.ref}) needs evidence but is never expected to be evidence-required`);
    }
    return out;
  }
}
