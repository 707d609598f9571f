/**
 * Claim batches, claims, their evaluation snapshots and the internal-audit sample. The single-claim
 * rule is the partial unique index `claims_once_per_family`: {@link ClaimRepository.insertClaim}
 * inserts with `on conflict do nothing`, so of any number of concurrent attempts exactly one gets a row.
 */
import type { ClaimBatch, Claim, ClaimSnapshot, ClaimType } from '../workflow-schema.ts';
import type { WorkflowDb } from './workflow-db.ts';

export interface SampleRow {
  readonly claimId: string;
  readonly familyId: string;
  readonly familyReference: string;
  readonly position: number;
  readonly result: 'pass' | 'fail' | null;
  readonly reason: string | null;
  readonly auditor: string | null;
  readonly recordedAt: Date | null;
}

export interface ClaimWithFamily extends Claim {
  readonly family_reference: string;
}

export class ClaimRepository {
  constructor(private readonly db: WorkflowDb) {}

  async insertBatch(row: Omit<ClaimBatch, 'reference' | 'audit_seed' | 'audit_rate' | 'sampled_by' | 'sampled_at' | 'submitted_by' | 'submitted_at'>): Promise<ClaimBatch> {
    return this.db.insertInto('claim_batches').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** By id or reference (`B-0001`); `forUpdate` locks the batch row. */
  async batch(idOrReference: string, options: { forUpdate?: boolean } = {}): Promise<ClaimBatch | undefined> {
    const query = this.db
      .selectFrom('claim_batches')
      .selectAll()
      .where(/^B-\d+$/i.test(idOrReference) ? 'reference' : 'id', '=', /^B-\d+$/i.test(idOrReference) ? idOrReference.toUpperCase() : idOrReference);
    return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
  }

  async batches(): Promise<ClaimBatch[]> {
    return this.db.selectFrom('claim_batches').selectAll().orderBy('created_at', 'desc').orderBy('reference', 'desc').execute();
  }

  /** Inserts the claim unless the family already has one standing; returns whether it was inserted. */
  async insertClaim(row: {
    id: string;
    family_id: string;
    attachment_id: string;
    batch_id: string;
    claim_type: ClaimType;
    created_by: string;
    created_at: Date;
  }): Promise<boolean> {
    const inserted = await this.db
      .insertInto('claims')
      .values({ ...row, status: 'claimed', failed_at: null, failed_reason: null })
      .onConflict((oc) => oc.column('family_id').where('status', '=', 'claimed').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  async insertSnapshot(row: ClaimSnapshot): Promise<void> {
    await this.db.insertInto('claim_snapshots').values(row).execute();
  }

  async snapshot(claimId: string): Promise<ClaimSnapshot | undefined> {
    return this.db.selectFrom('claim_snapshots').selectAll().where('claim_id', '=', claimId).executeTakeFirst();
  }

  async claim(claimId: string): Promise<ClaimWithFamily | undefined> {
    return this.claimsQuery().where('claims.id', '=', claimId).executeTakeFirst();
  }

  /** The family's standing claim (not failed at audit), if any. */
  async standingClaimForFamily(familyId: string): Promise<ClaimWithFamily | undefined> {
    return this.claimsQuery().where('claims.family_id', '=', familyId).where('claims.status', '=', 'claimed').executeTakeFirst();
  }

  /** Families with a standing claim, and when each family last failed audit. */
  async claimState(): Promise<{ claimed: Set<string>; lastFailure: Map<string, Date> }> {
    const rows = await this.db.selectFrom('claims').select(['family_id', 'status', 'failed_at']).execute();
    const claimed = new Set<string>();
    const lastFailure = new Map<string, Date>();
    for (const r of rows) {
      if (r.status === 'claimed') claimed.add(r.family_id);
      else if (r.failed_at && !(lastFailure.get(r.family_id)! > r.failed_at)) lastFailure.set(r.family_id, r.failed_at);
    }
    return { claimed, lastFailure };
  }

  async claimsInBatch(batchId: string, options: { includeFailed?: boolean } = {}): Promise<ClaimWithFamily[]> {
    let query = this.claimsQuery().where('claims.batch_id', '=', batchId);
    if (!options.includeFailed) query = query.where('claims.status', '=', 'claimed');
    return query.orderBy('families.reference').execute();
  }

  async failClaim(claimId: string, reason: string, at: Date): Promise<void> {
    await this.db.updateTable('claims').set({ status: 'failed-audit', failed_at: at, failed_reason: reason }).where('id', '=', claimId).execute();
  }

  async setSample(batchId: string, seed: number, rate: number, by: string, at: Date, claimIds: readonly string[]): Promise<void> {
    await this.db.updateTable('claim_batches').set({ audit_seed: seed, audit_rate: rate, sampled_by: by, sampled_at: at }).where('id', '=', batchId).execute();
    await this.db
      .insertInto('audit_samples')
      .values(claimIds.map((claimId, position) => ({ batch_id: batchId, claim_id: claimId, position, result: null, reason: null, auditor: null, recorded_at: null })))
      .execute();
  }

  async sample(batchId: string): Promise<SampleRow[]> {
    const rows = await this.db
      .selectFrom('audit_samples')
      .innerJoin('claims', 'claims.id', 'audit_samples.claim_id')
      .innerJoin('families', 'families.id', 'claims.family_id')
      .select(['audit_samples.claim_id', 'claims.family_id', 'families.reference', 'audit_samples.position', 'audit_samples.result', 'audit_samples.reason', 'audit_samples.auditor', 'audit_samples.recorded_at'])
      .where('audit_samples.batch_id', '=', batchId)
      .orderBy('audit_samples.position')
      .execute();
    return rows.map((r) => ({
      claimId: r.claim_id,
      familyId: r.family_id,
      familyReference: r.reference,
      position: r.position,
      result: r.result,
      reason: r.reason,
      auditor: r.auditor,
      recordedAt: r.recorded_at,
    }));
  }

  async recordAuditResult(batchId: string, claimId: string, result: 'pass' | 'fail', reason: string | null, auditor: string, at: Date): Promise<void> {
    await this.db
      .updateTable('audit_samples')
      .set({ result, reason, auditor, recorded_at: at })
      .where('batch_id', '=', batchId)
      .where('claim_id', '=', claimId)
      .execute();
  }

  async submit(batchId: string, by: string, at: Date): Promise<void> {
    await this.db.updateTable('claim_batches').set({ status: 'submitted', submitted_by: by, submitted_at: at }).where('id', '=', batchId).execute();
  }

  private claimsQuery() {
    return this.db.selectFrom('claims').innerJoin('families', 'families.id', 'claims.family_id').selectAll('claims').select('families.reference as family_reference');
  }
}
