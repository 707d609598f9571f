/**
 * The programme manager's figures, from the workflow services: identified (latest identification
 * run) → attached → turned around (claimable now or already claimed) → claimed, and what blocks the
 * claims not yet made, from stored verdict summaries (see {@link programmeDashboard}).
 *
 * Outcomes by problem come from the verdict store (each family's latest verdict summary, written by
 * tracking and by family views), not from evaluating every family: only families with no summary yet
 * are evaluated, once, in the background ({@link storeMissingSummaries}), and their summaries stored.
 */
import { problemIds, problemTitles, type ProblemId } from '../../engine/index.ts';
import type { StoredStatus } from '../../data/repositories/workflow-history.ts';
import { claimBlockers } from '../../services/claim-blockers.ts';
import type { FamilyEvaluator } from '../../services/family-evaluation.ts';
import { outcomesByProblem, type ProblemOutcomes, type VerdictStore } from '../../services/verdict-store.ts';
import type { WorkflowServices } from '../../services/workflow-services.ts';

export interface Dashboard {
  readonly asOf: string;
  readonly funnel: ReadonlyArray<{ readonly stage: string; readonly count: number }>;
  readonly blockers: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
  readonly latestRun: { readonly plan: string; readonly asOf: string; readonly candidates: number } | null;
}

/**
 * The funnel and what blocks claims, from stored data alone (a few statements, nothing evaluated): which
 * families are claimable comes from each family's stored verdict summary (written by tracking and by
 * family views), and what blocks a claim by the claims service's own rule (`claimBlockers`: essentials
 * not recorded; a failed audit not tracked since). A test checks both give the same figures once every
 * family is tracked. Families with no summary yet are counted as "not yet evaluated" until the
 * background fill stores theirs.
 */
export async function programmeDashboard(workflow: WorkflowServices, verdicts: VerdictStore, asOf: string): Promise<Dashboard> {
  const [run] = await workflow.repositories.identification.runs(1);
  const attachments = await workflow.repositories.attachments.listOpen();
  const { claimed, lastFailure } = await workflow.repositories.claims.claimState();
  const summaries = new Map((await verdicts.current()).map((v) => [v.attachmentId, v.summary]));
  const open = attachments.filter((a) => !claimed.has(a.family_id));
  const failed = open.filter((a) => lastFailure.has(a.family_id));
  const statuses = failed.length > 0 ? await workflow.repositories.history.statuses(failed.map((a) => a.id)) : new Map<string, StoredStatus>();
  let outcomesMet = 0;
  const blockers = new Map<string, number>();
  for (const a of open) {
    const summary = summaries.get(a.id);
    const claimable = summary !== undefined && (summary.ssp || summary.ce);
    if (claimable) outcomesMet++;
    const reasons = !summary ? ['not yet evaluated'] : !claimable ? ['outcomes not yet met'] : claimBlockers(a, lastFailure.get(a.family_id), statuses.get(a.id)).map((b) => b.kind);
    for (const r of new Set(reasons)) blockers.set(r, (blockers.get(r) ?? 0) + 1);
  }
  return {
    asOf,
    funnel: [
      { stage: 'Identified', count: run?.candidateCount ?? 0 },
      { stage: 'Attached', count: attachments.length + [...claimed].filter((id) => !attachments.some((a) => a.family_id === id)).length },
      { stage: 'Turned around', count: outcomesMet + claimed.size },
      { stage: 'Claimed', count: claimed.size },
    ],
    blockers: [...blockers].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
    latestRun: run ? { plan: `${run.planId}@${run.planVersion}`, asOf: run.asOf, candidates: run.candidateCount } : null,
  };
}

export interface OutcomesByProblem {
  readonly problems: ReadonlyArray<ProblemOutcomes & { readonly title: string }>;
  /** Families on the programme with a verdict summary, and the range of as-of dates they were evaluated at. */
  readonly families: number;
  readonly asOfFrom: string | null;
  readonly asOfTo: string | null;
  /** Families on the programme with no summary yet (being evaluated in the background). */
  readonly missing: number;
}

/** Outcomes by problem from the stored summaries alone (one query); `missing` says how many families have none yet. */
export async function problemOutcomes(workflow: WorkflowServices, verdicts: VerdictStore): Promise<OutcomesByProblem> {
  const stored = await verdicts.current();
  const attached = await workflow.repositories.attachments.listOpen();
  const dates = stored.map((v) => v.asOf).sort();
  return {
    problems: outcomesByProblem(
      stored.map((v) => v.summary),
      problemIds,
    ).map((p) => ({ ...p, title: problemTitles[p.problem as ProblemId] ?? p.problem })),
    families: stored.length,
    missing: Math.max(0, attached.length - stored.length),
    asOfFrom: dates[0] ?? null,
    asOfTo: dates.at(-1) ?? null,
  };
}

/**
 * Evaluates (statuses only) the families on the programme with no stored summary yet and stores theirs,
 * a few hundred at a time. Returns how many could not be evaluated (no timeline, invalid data).
 */
export async function storeMissingSummaries(workflow: WorkflowServices, verdicts: VerdictStore, evaluator: FamilyEvaluator, asOf: string): Promise<number> {
  const have = new Set((await verdicts.current()).map((v) => v.attachmentId));
  const missing = (await workflow.repositories.attachments.listOpen()).filter((a) => !have.has(a.id));
  const families = new Map((await workflow.repositories.families.byIds(missing.map((a) => a.family_id))).map((f) => [f.id, f]));
  let failed = 0;
  let evaluated = [];
  for (const attachment of missing) {
    const family = families.get(attachment.family_id);
    try {
      if (family) evaluated.push({ attachmentId: attachment.id, evaluation: await evaluator.evaluateAttached(family, attachment, asOf, { explain: false }) });
    } catch {
      failed++;
    }
    if (evaluated.length >= 250) {
      await verdicts.recordMany(evaluated);
      evaluated = [];
    }
  }
  await verdicts.recordMany(evaluated);
  return failed;
}
