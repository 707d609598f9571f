/**
 * What changed between two versions of a plan, keyed by indicator and outcome ids so that a moved or
 * re-worded criterion reads as changed rather than removed and added.
 */
import { problemIds, type ProblemId } from '../timeline/timeline-schema.ts';
import { describeRule } from './describe-rule.ts';
import type { Indicator, Outcome, Plan } from './plan-schema.ts';

export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

export interface PlanChange {
  readonly change: 'added' | 'removed' | 'changed';
  readonly part: 'plan' | 'claim rules' | 'problem' | 'indicator' | 'outcome';
  readonly problem?: ProblemId;
  readonly id: string;
  readonly ref?: string;
  readonly fields: readonly FieldChange[];
}

/** A stable, readable string for any value (keys sorted), so equal content compares equal. */
function show(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, fields: readonly string[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of fields) {
    const a = show(before[f]);
    const b = show(after[f]);
    if (a !== b) out.push({ field: f, before: a, after: b });
  }
  return out;
}

function itemChanges<T extends Indicator | Outcome>(part: 'indicator' | 'outcome', problem: ProblemId, before: readonly T[], after: readonly T[], fields: readonly string[]): PlanChange[] {
  const out: PlanChange[] = [];
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  const withRule = (x: T) => ({ ...x, meaning: describeRule(x.rule) }) as unknown as Record<string, unknown>;
  for (const [id, x] of old) if (!now.has(id)) out.push({ change: 'removed', part, problem, id, ref: x.ref, fields: [] });
  for (const [id, x] of now) {
    const prev = old.get(id);
    if (!prev) out.push({ change: 'added', part, problem, id, ref: x.ref, fields: [] });
    else {
      const fields2 = fieldChanges(withRule(prev), withRule(x), fields);
      if (fields2.length) out.push({ change: 'changed', part, problem, id, ref: x.ref, fields: fields2 });
    }
  }
  return out;
}

export function diffPlans(a: Plan, b: Plan): PlanChange[] {
  const out: PlanChange[] = [];
  const meta = fieldChanges(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>, ['authority', 'title', 'version', 'inForce', 'source', 'schoolTerms']);
  if (meta.length) out.push({ change: 'changed', part: 'plan', id: b.id, fields: meta });
  const rules = fieldChanges(a.claimRules as unknown as Record<string, unknown>, b.claimRules as unknown as Record<string, unknown>, ['minimumProblems', 'identifyAt', 'minimumSustainment', 'continuousEmployment']);
  if (rules.length) out.push({ change: 'changed', part: 'claim rules', id: b.id, fields: rules });
  for (const pid of problemIds) {
    const pa = a.problems[pid];
    const pb = b.problems[pid];
    if (!pa && !pb) continue;
    if (!pa || !pb) {
      out.push({ change: pa ? 'removed' : 'added', part: 'problem', problem: pid, id: pid, fields: [] });
      continue;
    }
    out.push(...itemChanges('indicator', pid, pa.indicators, pb.indicators, ['ref', 'text', 'who', 'scope', 'meaning', 'rule']));
    out.push(...itemChanges('outcome', pid, pa.outcomes, pb.outcomes, ['ref', 'text', 'addresses', 'subjects', 'meaning', 'rule']));
  }
  return out;
}

export function renderPlanDiff(a: Plan, b: Plan, changes: readonly PlanChange[]): string {
  const lines = [`Changes from ${a.id}@${a.version} to ${b.id}@${b.version}: ${changes.length === 0 ? 'none' : changes.length}`];
  for (const c of changes) {
    const where = c.problem && c.part !== 'problem' ? ` (${c.problem})` : '';
    lines.push(`${c.change === 'added' ? '+' : c.change === 'removed' ? '-' : '~'} ${c.part} ${c.ref ? `${c.ref} ` : ''}[${c.id}]${where} ${c.change}`);
    for (const f of c.fields.filter((f) => f.field !== 'rule' || !c.fields.some((g) => g.field === 'meaning'))) {
      lines.push(`    ${f.field}:`, `      before: ${f.before}`, `      after:  ${f.after}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
