/**
 * The programme manager's figures, from the workflow services: identified (latest identification
 * run) → attached → turned around (claimable now or already claimed) → claimed, and what blocks the
 * claims not yet made. Outcomes are evaluated by the claims service as of today.
 */
import type { WorkflowServices } from '../../services/workflow-services.ts';

export interface Dashboard {
  readonly asOf: string;
  readonly funnel: ReadonlyArray<{ readonly stage: string; readonly count: number }>;
  readonly blockers: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
  readonly latestRun: { readonly plan: string; readonly asOf: string; readonly candidates: number } | null;
}

/** "lead professional not recorded" and "failed internal audit on 2019-…: …" group under their first words. */
function blockerKind(reason: string): string {
  return reason.replace(/ on \d{4}-\d{2}-\d{2}.*$/, '').replace(/:.*$/, '');
}

export async function programmeDashboard(workflow: WorkflowServices, asOf: string): Promise<Dashboard> {
  const [run] = await workflow.repositories.identification.runs(1);
  const attachments = await workflow.repositories.attachments.listOpen();
  const assessed = await workflow.claims.listClaimable({ asOf, includeNotClaimable: true });
  const { claimed } = await workflow.repositories.claims.claimState();
  const outcomesMet = assessed.filter((c) => c.claimType !== null).length;
  const blockers = new Map<string, number>();
  for (const c of assessed) {
    const reasons = c.claimType === null ? ['outcomes not yet met'] : c.blockedBy.map(blockerKind);
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
