/**
 * Claims: which attached families are claimable now (significant and sustained progress, or continuous
 * employment), and claim batches for a claim period. Each claim keeps an evaluation snapshot (the plan's
 * YAML, the timeline, the as-of date and the verdict, as the exact JSON text) so that
 * {@link ClaimsService.replay} reproduces the verdict byte for byte whatever data arrives later.
 *
 * A family is claimed at most once: the database's partial unique index decides, not this code, so
 * concurrent batches cannot both claim a family. A family that failed audit can be claimed again only
 * after tracking has re-evaluated it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { evaluate, parsePlan, parseTimeline, type ClaimResult, type Verdict } from '../engine/index.ts';
import type { FamilyRow } from '../data/repositories/workflow-families.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import type { Attachment, ClaimBatch, ClaimType } from '../data/workflow-schema.ts';
import { actorSchema } from './actor.ts';
import { claimBlockers } from './claim-blockers.ts';
import { essentialsOf } from './essentials.ts';
import type { FamilyEvaluation, FamilyEvaluator } from './family-evaluation.ts';
import { daySchema, parseInput } from './parse-input.ts';
import { NothingToClaimError, NotFoundError, WorkflowStateError } from './workflow-errors.ts';

export interface ClaimableFamily {
  readonly familyId: string;
  readonly familyReference: string;
  readonly attachmentId: string;
  readonly plan: string;
  /** The claim this family can make now (SSP preferred when both are met), or null. */
  readonly claimType: ClaimType | null;
  readonly ssp: ClaimResult;
  readonly ce: ClaimResult;
  /** Why the family cannot be claimed although its outcomes may be met (essentials, audit). */
  readonly blockedBy: readonly string[];
}

export interface BatchResult {
  readonly batch: ClaimBatch;
  readonly claimed: ReadonlyArray<{ readonly familyReference: string; readonly claimId: string; readonly claimType: ClaimType }>;
  readonly skipped: ReadonlyArray<{ readonly family: string; readonly reason: string }>;
}

export interface ReplayResult {
  readonly claimId: string;
  readonly identical: boolean;
  readonly storedSha256: string;
  readonly replayedSha256: string;
  readonly verdict: Verdict;
}

const listSchema = z.object({ asOf: daySchema, includeNotClaimable: z.boolean().default(false) });
const batchSchema = z
  .object({
    periodStart: daySchema,
    periodEnd: daySchema,
    asOf: daySchema,
    /** Family ids or references to claim; all claimable families when absent. */
    families: z.array(z.string().min(1)).optional(),
    actor: actorSchema,
  })
  .refine((b) => b.periodEnd >= b.periodStart, { message: 'the claim period ends before it starts', path: ['periodEnd'] });

export class ClaimsService {
  constructor(
    private readonly repositories: WorkflowRepositories,
    private readonly evaluator: FamilyEvaluator,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Attached families that can be claimed at `asOf`, with the engine's reasons; others too on request. */
  async listClaimable(input: z.input<typeof listSchema>): Promise<ClaimableFamily[]> {
    const request = parseInput(listSchema, input, 'claimable families request');
    const all = await this.assess(request.asOf);
    return all.map((a) => a.claimable).filter((c) => request.includeNotClaimable || (c.claimType !== null && c.blockedBy.length === 0));
  }

  async createBatch(input: z.input<typeof batchSchema>): Promise<BatchResult> {
    const request = parseInput(batchSchema, input, 'claim batch');
    const skipped: Array<{ family: string; reason: string }> = [];
    let only: Set<string> | undefined;
    if (request.families) {
      only = new Set();
      for (const key of request.families) {
        const family = await this.repositories.families.find(key);
        if (family) only.add(family.id);
        else skipped.push({ family: key, reason: 'no such family' });
      }
    }
    const chosen = await this.assess(request.asOf, only);
    for (const key of request.families ?? []) {
      const family = await this.repositories.families.find(key);
      if (family && !chosen.some((a) => a.family.id === family.id)) skipped.push({ family: family.reference, reason: 'not attached, or already claimed' });
    }
    const ready = chosen.filter((a) => {
      const c = a.claimable;
      if (c.claimType === null) skipped.push({ family: c.familyReference, reason: 'outcomes not met for a claim' });
      else if (c.blockedBy.length > 0) skipped.push({ family: c.familyReference, reason: c.blockedBy.join('; ') });
      return c.claimType !== null && c.blockedBy.length === 0;
    });
    const at = this.now();
    return this.repositories.transaction(async (r) => {
      const batch = await r.claims.insertBatch({
        id: randomUUID(),
        period_start: request.periodStart,
        period_end: request.periodEnd,
        as_of: request.asOf,
        status: 'draft',
        created_by: request.actor.userId,
        created_at: at,
      });
      const claimed: Array<{ familyReference: string; claimId: string; claimType: ClaimType }> = [];
      for (const { family, attachment, evaluation, claimable } of ready) {
        const locked = await r.attachments.openForFamily(family.id, { forUpdate: true });
        if (!locked || locked.id !== attachment.id) {
          skipped.push({ family: family.reference, reason: 'detached while the batch was being built' });
          continue;
        }
        const essentials = essentialsOf(locked);
        if (essentials.missing.length > 0) {
          skipped.push({ family: family.reference, reason: `missing ${essentials.missing.join(', ')}` });
          continue;
        }
        const claimId = randomUUID();
        const claimType = claimable.claimType!;
        const inserted = await r.claims.insertClaim({ id: claimId, family_id: family.id, attachment_id: attachment.id, batch_id: batch.id, claim_type: claimType, created_by: request.actor.userId, created_at: at });
        if (!inserted) {
          skipped.push({ family: family.reference, reason: 'already claimed' });
          continue;
        }
        const verdictText = JSON.stringify(evaluation.verdict);
        await r.claims.insertSnapshot({
          claim_id: claimId,
          plan_id: evaluation.plan.compiled.plan.id,
          plan_version: evaluation.plan.compiled.plan.version,
          plan_source: evaluation.plan.source,
          plan_file_name: evaluation.plan.fileName,
          timeline: JSON.stringify(evaluation.timeline),
          as_of: evaluation.asOf,
          verdict: verdictText,
          verdict_sha256: sha256(verdictText),
          essentials: JSON.stringify(essentials),
        });
        const reasons = claimType === 'ssp' ? evaluation.verdict.claims.significantAndSustainedProgress.reasons : evaluation.verdict.claims.continuousEmployment.reasons;
        await r.history.append([
          {
            familyId: family.id,
            attachmentId: attachment.id,
            kind: 'claimed',
            asOf: request.asOf,
            problem: null,
            summary: `Claimed (${claimType === 'ssp' ? 'significant and sustained progress' : 'continuous employment'}) in batch ${batch.reference}`,
            detail: { batch: batch.reference, claimType, reasons },
            recordedBy: request.actor.userId,
            recordedAt: at,
          },
        ]);
        claimed.push({ familyReference: family.reference, claimId, claimType });
      }
      if (claimed.length === 0) throw new NothingToClaimError(skipped);
      return { batch, claimed, skipped };
    });
  }

  /** Re-evaluates a claim's snapshot from the stored plan text and timeline; `identical` when the bytes match. */
  async replay(claimId: string): Promise<ReplayResult> {
    const snapshot = await this.repositories.claims.snapshot(claimId);
    if (!snapshot) throw new NotFoundError('claim', claimId);
    const plan = parsePlan(snapshot.plan_source, snapshot.plan_file_name);
    const timeline = parseTimeline(JSON.parse(snapshot.timeline) as unknown, `snapshot of claim ${claimId}`);
    const verdict = evaluate(plan, timeline, snapshot.as_of);
    const text = JSON.stringify(verdict);
    return { claimId, identical: text === snapshot.verdict, storedSha256: snapshot.verdict_sha256, replayedSha256: sha256(text), verdict };
  }

  async batch(idOrReference: string): Promise<{ batch: ClaimBatch; claims: Awaited<ReturnType<WorkflowRepositories['claims']['claimsInBatch']>> }> {
    const batch = await this.repositories.claims.batch(idOrReference);
    if (!batch) throw new NotFoundError('claim batch', idOrReference);
    return { batch, claims: await this.repositories.claims.claimsInBatch(batch.id, { includeFailed: true }) };
  }

  async batches(): Promise<ClaimBatch[]> {
    return this.repositories.claims.batches();
  }

  /** The family's standing claim, by family id or reference. */
  async claimForFamily(familyKey: string) {
    const family = await this.repositories.families.find(familyKey);
    if (!family) throw new NotFoundError('family', familyKey);
    const claim = await this.repositories.claims.standingClaimForFamily(family.id);
    if (!claim) throw new WorkflowStateError(`Family ${family.reference} has no standing claim`);
    return claim;
  }

  /** Evaluates the open attachments (only those of `familyIds` when given) of families not already claimed. */
  private async assess(asOf: string, familyIds?: ReadonlySet<string>): Promise<Array<{ family: FamilyRow; attachment: Attachment; evaluation: FamilyEvaluation; claimable: ClaimableFamily }>> {
    const attachments = (await this.repositories.attachments.listOpen()).filter((a) => !familyIds || familyIds.has(a.family_id));
    const { claimed, lastFailure } = await this.repositories.claims.claimState();
    const families = new Map((await this.repositories.families.byIds(attachments.map((a) => a.family_id))).map((f) => [f.id, f]));
    const out = [];
    for (const attachment of attachments) {
      if (claimed.has(attachment.family_id)) continue;
      const family = families.get(attachment.family_id)!;
      const evaluation = await this.evaluator.evaluateAttached(family, attachment, asOf);
      const { significantAndSustainedProgress: ssp, continuousEmployment: ce } = evaluation.verdict.claims;
      const failedAt = lastFailure.get(family.id);
      const status = failedAt ? await this.repositories.history.status(attachment.id) : undefined;
      const blockedBy = claimBlockers(attachment, failedAt, status).map((b) => b.reason);
      out.push({
        family,
        attachment,
        evaluation,
        claimable: {
          familyId: family.id,
          familyReference: family.reference,
          attachmentId: attachment.id,
          plan: `${attachment.plan_id}@${attachment.plan_version}`,
          claimType: ssp.claimable ? ('ssp' as const) : ce.claimable ? ('ce' as const) : null,
          ssp,
          ce,
          blockedBy,
        },
      });
    }
    return out.sort((a, b) => (a.family.reference < b.family.reference ? -1 : 1));
  }
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
