/**
 * The CSV return of a submitted batch, in the layout documented in docs/claims-export.md: one row per
 * claim that stands (failed-audit claims left the batch), ordered by family reference. Only references,
 * codes and dates: no names or other personal data.
 */
import { stringify } from 'csv-stringify/sync';
import type { Verdict } from '../engine/index.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import { NotFoundError, WorkflowStateError } from './workflow-errors.ts';

export const exportColumns = [
  'batch_reference',
  'claim_period_start',
  'claim_period_end',
  'family_reference',
  'claim_type',
  'problems',
  'problem_count',
  'identified_on',
  'engaged_on',
  'outcomes_as_of',
  'plan_id',
  'plan_version',
  'lead_professional_recorded',
  'assessment_on',
  'action_plan_on',
  'audit_sampled',
  'audit_result',
  'verdict_sha256',
] as const;

export async function exportBatchCsv(repositories: WorkflowRepositories, batchKey: string): Promise<string> {
  const batch = await repositories.claims.batch(batchKey);
  if (!batch) throw new NotFoundError('claim batch', batchKey);
  if (batch.status !== 'submitted') throw new WorkflowStateError(`Batch ${batch.reference} is not submitted yet: only a submitted batch (audit signed off) can be exported`);
  const claims = await repositories.claims.claimsInBatch(batch.id);
  const sample = new Map((await repositories.claims.sample(batch.id)).map((s) => [s.claimId, s]));
  const rows: string[][] = [];
  for (const claim of claims) {
    const snapshot = await repositories.claims.snapshot(claim.id);
    if (!snapshot) throw new NotFoundError('snapshot of claim', claim.id);
    const verdict = JSON.parse(snapshot.verdict) as Verdict;
    const essentials = JSON.parse(snapshot.essentials) as { leadProfessional: string | null; assessmentOn: string | null; actionPlanOn: string | null };
    const sampled = sample.get(claim.id);
    rows.push([
      batch.reference,
      batch.period_start,
      batch.period_end,
      claim.family_reference,
      claim.claim_type.toUpperCase(),
      verdict.identifiedProblems.join(';'),
      String(verdict.identifiedProblems.length),
      verdict.programme.identifiedOn,
      verdict.programme.engagedOn ?? '',
      snapshot.as_of,
      snapshot.plan_id,
      snapshot.plan_version,
      essentials.leadProfessional ? 'yes' : 'no',
      essentials.assessmentOn ?? '',
      essentials.actionPlanOn ?? '',
      sampled ? 'yes' : 'no',
      sampled?.result ?? '',
      snapshot.verdict_sha256,
    ]);
  }
  return stringify(rows, { header: true, columns: [...exportColumns], record_delimiter: 'windows' });
}
