/**
 * Internal audit of a claim batch: draw the sample (stored seed; default 10%, at least one claim), record
 * pass or fail with a reason for each sampled family, and submit the batch once the whole sample is signed
 * off. A family that fails leaves the batch (its claim is marked failed-audit, which frees the single-claim
 * index) and can be claimed again in a later batch after it has been re-evaluated.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { SampleRow } from '../data/repositories/workflow-claims.ts';
import type { WorkflowRepositories } from '../data/repositories/workflow-repositories.ts';
import type { ClaimBatch } from '../data/workflow-schema.ts';
import { actorSchema } from './actor.ts';
import { defaultAuditRate, drawSample, sampleSize } from './audit-sample.ts';
import { parseInput } from './parse-input.ts';
import { NotFoundError, WorkflowStateError } from './workflow-errors.ts';

const sampleSchema = z.object({
  batch: z.string().min(1),
  rate: z.number().gt(0).max(1).default(defaultAuditRate),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  actor: actorSchema,
});

const recordSchema = z
  .object({
    batch: z.string().min(1),
    /** Family id or reference. */
    family: z.string().min(1),
    result: z.enum(['pass', 'fail']),
    reason: z.string().trim().max(4000).optional(),
    actor: actorSchema,
  })
  .refine((r) => r.result === 'pass' || (r.reason !== undefined && r.reason.length >= 3), { message: 'a failed audit needs a reason', path: ['reason'] });

const submitSchema = z.object({ batch: z.string().min(1), actor: actorSchema });

export interface AuditState {
  readonly batch: ClaimBatch;
  readonly sample: readonly SampleRow[];
  /** Sampled families with no result yet. */
  readonly outstanding: readonly string[];
  readonly submittable: boolean;
}

export class AuditService {
  constructor(
    private readonly repositories: WorkflowRepositories,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async sample(input: z.input<typeof sampleSchema>): Promise<AuditState> {
    const request = parseInput(sampleSchema, input, 'audit sample');
    const seed = request.seed ?? randomInt(0, 2 ** 31 - 1);
    const batchId = await this.repositories.transaction(async (r) => {
      const batch = await this.draftBatch(r, request.batch);
      if (batch.sampled_at) throw new WorkflowStateError(`Batch ${batch.reference} already has its audit sample (seed ${batch.audit_seed})`);
      const claims = await r.claims.claimsInBatch(batch.id);
      const chosen = drawSample(claims.map((c) => c.id), sampleSize(claims.length, request.rate), seed);
      await r.claims.setSample(batch.id, seed, request.rate, request.actor.userId, this.now(), chosen);
      return batch.id;
    });
    return this.state(batchId);
  }

  async record(input: z.input<typeof recordSchema>): Promise<AuditState> {
    const request = parseInput(recordSchema, input, 'audit result');
    const batchId = await this.repositories.transaction(async (r) => {
      const batch = await this.draftBatch(r, request.batch);
      const family = await r.families.find(request.family);
      if (!family) throw new NotFoundError('family', request.family);
      const entry = (await r.claims.sample(batch.id)).find((s) => s.familyId === family.id);
      if (!entry) throw new WorkflowStateError(`Family ${family.reference} is not in the audit sample of batch ${batch.reference}`);
      if (entry.result !== null) throw new WorkflowStateError(`Family ${family.reference} was already audited (${entry.result}) by ${entry.auditor}`);
      const at = this.now();
      await r.claims.recordAuditResult(batch.id, entry.claimId, request.result, request.reason ?? null, request.actor.userId, at);
      if (request.result === 'fail') {
        await r.claims.failClaim(entry.claimId, request.reason!, at);
        const claim = await r.claims.claim(entry.claimId);
        await r.history.append([
          {
            familyId: family.id,
            attachmentId: claim?.attachment_id ?? null,
            kind: 'claim-failed-audit',
            asOf: batch.as_of,
            problem: null,
            summary: `Claim failed internal audit and left batch ${batch.reference}`,
            detail: { batch: batch.reference, reason: request.reason },
            recordedBy: request.actor.userId,
            recordedAt: at,
          },
        ]);
      }
      return batch.id;
    });
    return this.state(batchId);
  }

  async submit(input: z.input<typeof submitSchema>): Promise<AuditState> {
    const request = parseInput(submitSchema, input, 'batch submission');
    const batchId = await this.repositories.transaction(async (r) => {
      const batch = await this.draftBatch(r, request.batch);
      if (!batch.sampled_at) throw new WorkflowStateError(`Batch ${batch.reference} has no audit sample yet`);
      const outstanding = (await r.claims.sample(batch.id)).filter((s) => s.result === null);
      if (outstanding.length > 0) throw new WorkflowStateError(`Batch ${batch.reference} cannot be submitted: ${outstanding.length} sampled families not yet audited (${outstanding.map((s) => s.familyReference).join(', ')})`);
      if ((await r.claims.claimsInBatch(batch.id)).length === 0) throw new WorkflowStateError(`Batch ${batch.reference} has no claims left to submit`);
      await r.claims.submit(batch.id, request.actor.userId, this.now());
      return batch.id;
    });
    return this.state(batchId);
  }

  async state(batchKey: string): Promise<AuditState> {
    const batch = await this.repositories.claims.batch(batchKey);
    if (!batch) throw new NotFoundError('claim batch', batchKey);
    const sample = await this.repositories.claims.sample(batch.id);
    const outstanding = sample.filter((s) => s.result === null).map((s) => s.familyReference);
    return { batch, sample, outstanding, submittable: batch.status === 'draft' && batch.sampled_at !== null && outstanding.length === 0 };
  }

  private async draftBatch(r: WorkflowRepositories, key: string): Promise<ClaimBatch> {
    const batch = await r.claims.batch(key, { forUpdate: true });
    if (!batch) throw new NotFoundError('claim batch', key);
    if (batch.status !== 'draft') throw new WorkflowStateError(`Batch ${batch.reference} was submitted on ${batch.submitted_at?.toISOString().slice(0, 10)} and can no longer change`);
    return batch;
  }
}
