/** Rules a professional evidences: standardised scores, recorded evidence, steps achieved. */
import { formatDay, formatDayLong } from '../../calendar/day.ts';
import type { Rule } from '../../plan/plan-schema.ts';
import type { PreparedEvent } from '../../timeline/prepared-timeline.ts';
import type { EvalContext, Subject } from '../context.ts';
import type { Figure } from '../verdict.ts';
import { resolveWindow } from '../windows.ts';
import { formatNumber } from '../wording.ts';
import type { RuleResult } from './rule-result.ts';

/** The default evidence windows: since engagement (or identification, before engagement) to now. */
const sinceEngaged = { from: 'engaged', to: 'now' } as const;
const sinceIdentified = { from: 'identified', to: 'now' } as const;

type EvidenceRaw = { problem: string; outcome?: string; step?: string; author: string; role: string; statement: string };

/**
 * Evidence events for the current problem and outcome (matched by the outcome's id or its ref), by
 * the subject or about the whole family, dated within the window (default: engagement to now).
 */
function evidenceFor(subject: Subject, ctx: EvalContext, roles: readonly string[] | undefined, within: Parameters<typeof resolveWindow>[0] | undefined) {
  const w = resolveWindow(within ?? (ctx.timeline.engaged !== undefined ? sinceEngaged : sinceIdentified), ctx);
  const outcome = ctx.outcome;
  const wanted = roles?.map((r) => r.toLowerCase());
  const events = (ctx.timeline.events.ofType('evidence') ?? []).filter((e) => {
    const raw = e.raw as unknown as EvidenceRaw;
    if (raw.problem !== ctx.problem) return false;
    if (outcome && raw.outcome !== undefined && raw.outcome !== outcome.id && raw.outcome !== outcome.ref) return false;
    if (outcome && raw.outcome === undefined) return false;
    if (subject.member && e.person !== undefined && e.person !== subject.member.id) return false;
    if (wanted && !wanted.some((r) => raw.role.toLowerCase().includes(r))) return false;
    return w.ok ? e.start >= w.window.start && e.start <= w.window.end : false;
  });
  return { events, window: w.ok ? w.window : undefined };
}

function evidenceFigure(e: PreparedEvent): Figure {
  const raw = e.raw as unknown as EvidenceRaw;
  return { label: `evidence from ${raw.author} (${raw.role})`, value: raw.statement, window: { label: 'recorded', start: formatDay(e.start), end: formatDay(e.start) }, events: [e.id] };
}

export function evaluateEvidence(rule: Extract<Rule, { kind: 'evidence' }>, subject: Subject, ctx: EvalContext): RuleResult {
  // A record naming a step evidences that step (for a `steps` rule), not the outcome as a whole: an
  // outcome needing "the professional's evidence AND at least N steps" needs a statement of its own.
  const events = evidenceFor(subject, ctx, rule.roles, rule.within).events.filter((e) => (e.raw as unknown as EvidenceRaw).step === undefined);
  const who = rule.roles ? ` from a ${rule.roles.join(' or ')}` : '';
  if (events.length === 0) return { status: 'evidence-required', figures: () => [], text: () => `no professional evidence${who} is recorded yet` };
  const latest = events[events.length - 1]!;
  const raw = latest.raw as unknown as EvidenceRaw;
  return { status: 'met', figures: () => events.map(evidenceFigure), text: () => `evidenced by ${raw.author} (${raw.role}) on ${formatDayLong(latest.start)}: “${raw.statement}”` };
}

export function evaluateSteps(rule: Extract<Rule, { kind: 'steps' }>, subject: Subject, ctx: EvalContext): RuleResult {
  const { events } = evidenceFor(subject, ctx, rule.roles, undefined);
  const byId = new Map(rule.steps.map((s) => [s.id, s]));
  const achieved = new Map<string, PreparedEvent>();
  for (const e of events) {
    const step = (e.raw as unknown as EvidenceRaw).step;
    if (step && byId.has(step) && !achieved.has(step)) achieved.set(step, e);
  }
  // Steps in the same group count once between them.
  const counted = new Set([...achieved.keys()].map((id) => byId.get(id)!.group ?? id));
  const figures: Figure[] = [{ label: 'steps evidenced', value: counted.size }, ...[...achieved.values()].map(evidenceFigure)];
  const names = [...achieved.keys()].map((id) => byId.get(id)!.text);
  const ok = counted.size >= rule.atLeast;
  return {
    status: ok ? 'met' : 'evidence-required',
    figures: () => figures,
    text: () => `${counted.size} of the listed steps evidenced${names.length ? ` (${names.join('; ')})` : ''}; at least ${rule.atLeast} ${ok ? 'required' : 'needed'}`,
  };
}

export function evaluateScore(rule: Extract<Rule, { kind: 'score' }>, subject: Subject, ctx: EvalContext): RuleResult {
  const tools = typeof rule.tool === 'string' ? [rule.tool] : rule.tool;
  const scores = ctx.events(subject, { events: 'assessment', where: { tool: tools } }).filter((e) => e.start <= ctx.now);
  const engaged = ctx.timeline.engaged;
  // The first score is the latest on or before engagement, or else the earliest after; the final score is the latest since.
  const before = engaged === undefined ? [] : scores.filter((e) => e.start <= engaged);
  const initial = before[before.length - 1] ?? scores[0];
  const final = scores[scores.length - 1];
  const toolWords = tools.join('/');
  if (!initial || !final || final === initial || final.start <= initial.start) {
    return { status: 'evidence-required', figures: () => [], text: () => `a first and a later ${toolWords} score are needed (${scores.length} recorded)` };
  }
  const a = (initial.raw as { score: number }).score;
  const b = (final.raw as { score: number }).score;
  const change = rule.direction === 'up' ? b - a : a - b;
  const figures: Figure[] = [
    { label: `${toolWords} first score`, value: a, window: { label: 'assessed', start: formatDay(initial.start), end: formatDay(initial.start) }, events: [initial.id] },
    { label: `${toolWords} latest score`, value: b, window: { label: 'assessed', start: formatDay(final.start), end: formatDay(final.start) }, events: [final.id] },
  ];
  const scoresText = `${toolWords} score from ${formatNumber(a)} (${formatDayLong(initial.start)}) to ${formatNumber(b)} (${formatDayLong(final.start)})`;
  if ((rule.initialAbove !== undefined && !(a > rule.initialAbove)) || (rule.initialBelow !== undefined && !(a < rule.initialBelow))) {
    const cond = rule.initialAbove !== undefined ? `above ${formatNumber(rule.initialAbove)}` : `below ${formatNumber(rule.initialBelow!)}`;
    return { status: 'not-met', figures: () => figures, text: () => `${scoresText}: this measure applies only when the first score was ${cond}` };
  }
  const problems: string[] = [];
  if (change < rule.change) problems.push(`an improvement of at least ${formatNumber(rule.change)} points is needed`);
  if (rule.finalAbove !== undefined && !(b > rule.finalAbove)) problems.push(`the latest score must be above ${formatNumber(rule.finalAbove)}`);
  if (rule.finalBelow !== undefined && !(b < rule.finalBelow)) problems.push(`the latest score must be below ${formatNumber(rule.finalBelow)}`);
  const ok = problems.length === 0;
  return {
    status: ok ? 'met' : 'not-met',
    figures: () => figures,
    text: () => `${scoresText}, ${change >= 0 ? `an improvement of ${formatNumber(change)}` : `a decline of ${formatNumber(-change)}`} points${ok ? '' : `; ${problems.join(' and ')}`}`,
  };
}
