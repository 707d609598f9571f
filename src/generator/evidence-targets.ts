/**
 * Professional evidence is recorded against a council's own plan: a key worker notes "outcome 6.2
 * achieved", not "health improved". Given a plan, this lists per problem the outcomes that need a
 * professional's evidence (and, for "at least N of these steps" outcomes, which steps), so the
 * generated key-worker records can name them. Without a plan the evidence names no outcome.
 */
import type { CompiledPlan } from '../engine/plan/compiled-plan.ts';
import type { Rule } from '../engine/plan/plan-schema.ts';
import type { ProblemId } from '../engine/timeline/timeline-schema.ts';

export interface EvidenceTarget {
  /** The plan's outcome id, as the evidence's `outcome`. */
  readonly outcome: string;
  /** A role the rule accepts evidence from, if it names any. */
  readonly role?: string;
  /** For step outcomes: the steps to evidence (enough to meet it). */
  readonly steps?: readonly string[];
}

export type EvidenceTargets = ReadonlyMap<ProblemId, readonly EvidenceTarget[]>;

export function evidenceTargets(plan: CompiledPlan): EvidenceTargets {
  const targets = new Map<ProblemId, EvidenceTarget[]>();
  for (const [id, { problem, outcome }] of plan.outcomes) {
    for (const t of professionalRules(outcome.rule)) {
      const list = targets.get(problem) ?? [];
      list.push({ outcome: id, ...t });
      targets.set(problem, list);
    }
  }
  return targets;
}

function professionalRules(rule: Rule): Omit<EvidenceTarget, 'outcome'>[] {
  switch (rule.kind) {
    case 'evidence':
      return [rule.roles?.[0] === undefined ? {} : { role: rule.roles[0] }];
    case 'steps': {
      const groups = new Set<string>();
      const steps: string[] = [];
      for (const s of rule.steps) {
        const group = s.group ?? s.id;
        if (groups.has(group) || steps.length >= rule.atLeast) continue;
        groups.add(group);
        steps.push(s.id);
      }
      return [{ steps, ...(rule.roles?.[0] === undefined ? {} : { role: rule.roles[0] }) }];
    }
    case 'all-of':
    case 'any-of':
      return rule.rules.flatMap(professionalRules);
    default:
      return [];
  }
}
