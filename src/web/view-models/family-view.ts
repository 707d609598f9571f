/** A family's verdict shaped for its page: problems, indicators, outcomes with figures, sources and charts. */
import type { Figure, OutcomeStatus, ProblemStatus, SubjectResult } from '../../engine/index.ts';
import type { FamilyEvaluation } from '../../services/family-evaluation.ts';
import type { FamilyDetail } from '../services/family-directory.ts';
import { barChart, type BarChart } from './bar-chart.ts';

export const outcomeStatusTags: Readonly<Record<OutcomeStatus, { text: string; classes: string }>> = {
  met: { text: 'Met', classes: 'govuk-tag--green' },
  'not-met': { text: 'Not met', classes: 'govuk-tag--red' },
  pending: { text: 'Pending', classes: 'govuk-tag--blue' },
  'evidence-required': { text: 'Evidence needed', classes: 'govuk-tag--yellow' },
  'not-applicable': { text: 'Not applicable', classes: 'govuk-tag--grey' },
};

export const problemStatusTags: Readonly<Record<ProblemStatus, { text: string; classes: string }>> = {
  'turned-around': { text: 'Turned around', classes: 'govuk-tag--green' },
  'not-met': { text: 'Not yet turned around', classes: 'govuk-tag--red' },
  pending: { text: 'Pending', classes: 'govuk-tag--blue' },
  'evidence-required': { text: 'Evidence needed', classes: 'govuk-tag--yellow' },
  'not-identified': { text: 'Not identified', classes: 'govuk-tag--grey' },
};

function showValue(v: Figure['value']): string {
  if (v === null) return '–';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(1);
  return v;
}

function subjectView(s: SubjectResult, sources: ReadonlyMap<string, string>, chartId: string, labels: ReadonlyMap<string, string> = new Map(), readable: (text: string) => string = (t) => t) {
  const who = labels.get(s.subject) ?? (s.subject === 'household' ? 'The family' : s.subject);
  const figures = s.figures.map((f) => ({
    label: f.label,
    value: showValue(f.value),
    window: f.window ? `${f.window.label} (${f.window.start} to ${f.window.end})` : '',
    sources: (f.events ?? []).map((id) => sources.get(id) ?? id),
  }));
  const numeric = s.figures.filter((f): f is Figure & { value: number } => typeof f.value === 'number');
  const baseline = numeric.find((f) => /baseline/i.test(f.label));
  // Draw like with like: percentages apart from counts (the table beside the chart always has every figure).
  const others = numeric.filter((f) => f !== baseline);
  const counts = others.filter((f) => !/%/.test(f.label));
  const bars = (counts.length > 0 ? counts : others).map((f) => ({ label: f.label, value: f.value, display: showValue(f.value) }));
  const chart: BarChart | undefined = bars.length > 0 ? barChart(chartId, `Figures for ${who}`, bars, baseline && { value: baseline.value, label: baseline.label }) : undefined;
  return { subject: who, status: outcomeStatusTags[s.status], explanation: readable(s.explanation), figures, chart };
}

/**
 * The part of a family's page that comes from its evaluation alone: plan, members, claims, problems
 * with their indicators and outcomes. A pure function of the evaluation's inputs (the timeline carries
 * the family reference), so it can be kept by the evaluation's input key (see family-page-cache.ts).
 */
export function verdictView(evaluation: FamilyEvaluation) {
  const verdict = evaluation.verdict;
  const reference = evaluation.timeline.familyId;
  const sources = new Map<string, string>();
  for (const e of evaluation.timeline.events) {
    const origin = (e as { id?: string; origin?: { file?: string; row?: number } }).origin;
    const id = (e as { id?: string }).id;
    if (id && origin?.file) sources.set(id, `${origin.file}, row ${origin.row ?? '?'}`);
  }
  const planRef = `${verdict.plan.id}@${verdict.plan.version}`;
  let chartCount = 0;
  // Members by a readable label ("Adult 1", "Child 2") rather than their ids.
  const counts = { adult: 0, child: 0 };
  const labels = new Map(evaluation.timeline.members.map((m) => [m.id, `${m.role === 'adult' ? 'Adult' : 'Child'} ${++counts[m.role === 'adult' ? 'adult' : 'child']}`]));
  // The engine names members by id in its sentences ("… is met for 01a2…"); the page names them by label.
  const readable = (text: string) => [...labels].reduce((t, [id, label]) => t.split(id).join(label), text);
  return {
    planRef,
    asOf: verdict.asOf,
    eligible: verdict.eligible,
    members: evaluation.timeline.members.map((m) => ({ id: m.id, label: labels.get(m.id)!, role: m.role, dateOfBirth: m.dateOfBirth, sex: (m as { sex?: string }).sex ?? '' })),
    claims: [
      { name: 'Significant and sustained progress', claimable: verdict.claims.significantAndSustainedProgress.claimable, reasons: verdict.claims.significantAndSustainedProgress.reasons.map(readable) },
      { name: 'Continuous employment', claimable: verdict.claims.continuousEmployment.claimable, reasons: verdict.claims.continuousEmployment.reasons.map(readable) },
    ],
    problems: verdict.problems
      .filter((p) => p.identified)
      .map((p) => ({
        id: p.problem,
        title: p.title,
        status: problemStatusTags[p.status],
        foundAt: p.foundAt,
        explanation: readable(p.explanation),
        indicators: p.indicators.filter((i) => i.met).map((i) => ({ ref: i.ref, text: i.text, explanation: readable(i.explanation), subjects: i.subjects.map((s) => subjectView(s, sources, `chart-i-${++chartCount}`, labels, readable)) })),
        outcomes: p.outcomes
          .filter((o) => o.status !== 'not-applicable')
          .map((o) => ({
            id: o.id,
            ref: o.ref,
            text: o.text,
            status: outcomeStatusTags[o.status],
            statusCode: o.status,
            /** Where to record the professional evidence this outcome waits for (evidence and steps rules). */
            recordEvidenceHref: o.status === 'evidence-required' ? `/families/${reference}/evidence?${new URLSearchParams({ problem: p.problem, outcome: o.ref }).toString()}` : undefined,
            explanation: readable(o.explanation),
            subjects: o.subjects.map((s) => subjectView(s, sources, `chart-o-${++chartCount}`, labels, readable)),
          })),
      })),
  };
}

export type VerdictView = ReturnType<typeof verdictView>;

/** The whole family page: the verdict's part (made here unless given) with the attachment, essentials and history. */
export function familyView(detail: FamilyDetail, verdict: VerdictView = verdictView(detail.evaluation)) {
  const { attached, history } = detail;
  return {
    ...verdict,
    reference: attached.family.reference,
    postcode: attached.family.postcode,
    attachment: attached.attachment,
    essentials: attached.essentials,
    history: [...history].reverse().map((h) => ({ kind: h.kind, summary: h.summary, asOf: h.asOf, recordedAt: h.recordedAt })),
  };
}
