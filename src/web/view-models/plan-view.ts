/**
 * A plan as the plan pages show it: each problem with its indicators and outcomes, every rule and
 * window in the engine's own plain English (the same words as `renderPlanMarkdown`), with references.
 */
import type { CompiledPlan } from '../../engine/index.ts';
import { problemTitles } from '../../engine/index.ts';
import { describeDuration, parseDuration } from '../../engine/calendar/duration.ts';
import { whoWords } from '../../engine/evaluate/subjects.ts';
import { describeRule, describeSubjects, ruleEvidenceKind } from '../../engine/plan/describe-rule.ts';
import type { PlanChange } from '../../engine/plan/diff-plans.ts';

const identifyAtWords = { identified: 'identification', engaged: 'engagement', closed: 'case closure', now: 'the date assessed' } as const;
const evidenceWords = { data: 'Measured from agency data', evidence: 'A professional’s recorded evidence', mixed: 'Agency data or a professional’s recorded evidence' } as const;
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

export function planView(compiled: CompiledPlan) {
  const { plan } = compiled;
  const cr = plan.claimRules;
  return {
    ref: `${plan.id}@${plan.version}`,
    id: plan.id,
    version: plan.version,
    title: plan.title,
    authority: plan.authority,
    inForce: plan.inForce,
    sourceDocument: plan.source.document,
    claimRules: [
      `A family is eligible with at least ${cr.minimumProblems} of the headline problems, tested at ${cr.identifyAt.map((a) => identifyAtWords[a]).join(', ')}.`,
      `Significant and sustained progress: every identified problem turned around, no earlier than ${describeDuration(parseDuration(cr.minimumSustainment))} after engagement.`,
      cr.continuousEmployment ? `Continuous employment: any of ${cr.continuousEmployment.outcomes.join(', ')}.` : 'This plan has no continuous-employment route.',
    ],
    problems: compiled.problems.map(({ id, problem }) => ({
      id,
      title: problem.title ?? problemTitles[id],
      indicators: problem.indicators.map((ind) => ({
        id: ind.id,
        ref: ind.ref,
        text: oneLine(ind.text),
        who: ind.scope === 'household' ? 'The household' : `A ${whoWords(ind.who)}`,
        metWhen: describeRule(ind.rule),
        note: ind.note ? oneLine(ind.note) : undefined,
      })),
      outcomes: problem.outcomes.map((o) => ({
        id: o.id,
        ref: o.ref,
        text: oneLine(o.text),
        addresses: o.addresses.join(', '),
        subjects: describeSubjects(o.subjects),
        evidence: evidenceWords[ruleEvidenceKind(o.rule)],
        metWhen: describeRule(o.rule),
        note: o.note ? oneLine(o.note) : undefined,
      })),
    })),
  };
}

export function changeView(change: PlanChange) {
  return {
    change: change.change,
    tagColour: change.change === 'added' ? 'green' : change.change === 'removed' ? 'red' : 'yellow',
    part: change.part,
    problem: change.problem ? problemTitles[change.problem] : undefined,
    id: change.id,
    ref: change.ref,
    fields: change.fields.map((f) => ({ field: f.field, before: f.before, after: f.after })),
  };
}
