/**
 * The whole cycle on each database: attach families, build a claim batch, draw the audit sample, sign it
 * off (one family fails and leaves the batch), submit, export. Then: a family that failed audit is claimable
 * again only after re-evaluation, and 50 concurrent claim attempts for one family give exactly one claim.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { analyst, auditor, claimableTimeline, engagement, essentials, workflowFixture, type WorkflowFixture } from './testing/workflow-fixture.ts';
import { exportColumns } from './claims-export.ts';
import { NothingToClaimError, WorkflowStateError } from './workflow-errors.ts';

describe.each(testDatabases())('workflow cycle on $name', ({ name, open }) => {
  let handle: DatabaseHandle;
  let fx: WorkflowFixture;
  beforeAll(async () => {
    handle = await open();
    fx = await workflowFixture(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  const period = { periodStart: '2019-04-01', periodEnd: '2019-09-30', asOf: '2019-07-01', actor: analyst };

  it('attaches, claims, audits, submits and exports a batch', async () => {
    const refs: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { reference } = await fx.addFamily(claimableTimeline(), i % 2 ? 'SO14 0AB' : 'SO15 2CD');
      await fx.services.attachment.attach({ family: reference, plan: 'southampton@2018-2020', ...engagement, ...essentials, actor: analyst });
      refs.push(reference);
    }
    const { batch, claimed, skipped } = await fx.services.claims.createBatch({ ...period, families: refs });
    expect(claimed).toHaveLength(12);
    expect(skipped).toEqual([]);

    await expect(fx.services.audit.submit({ batch: batch.reference, actor: auditor })).rejects.toThrow(/no audit sample/);
    const sampled = await fx.services.audit.sample({ batch: batch.reference, seed: 20190701, actor: auditor });
    expect(sampled.sample).toHaveLength(2); // 10% of 12, rounded up
    expect(sampled.batch.audit_seed).toBe(20190701);
    expect(sampled.submittable).toBe(false);
    await expect(fx.services.audit.sample({ batch: batch.reference, actor: auditor })).rejects.toBeInstanceOf(WorkflowStateError);

    const [passing, failing] = sampled.sample;
    await expect(fx.services.audit.record({ batch: batch.reference, family: failing!.familyReference, result: 'fail', actor: auditor })).rejects.toThrow(/needs a reason/);
    const notSampled = refs.find((r) => !sampled.sample.some((s) => s.familyReference === r))!;
    await expect(fx.services.audit.record({ batch: batch.reference, family: notSampled, result: 'pass', actor: auditor })).rejects.toThrow(/not in the audit sample/);
    await fx.services.audit.record({ batch: batch.reference, family: passing!.familyReference, result: 'pass', actor: auditor });
    await expect(fx.services.audit.submit({ batch: batch.reference, actor: auditor })).rejects.toThrow(/1 sampled families not yet audited/);
    const signedOff = await fx.services.audit.record({ batch: batch.reference, family: failing!.familyReference, result: 'fail', reason: 'No whole-family assessment on file', actor: auditor });
    expect(signedOff.submittable).toBe(true);

    await expect(fx.services.exportBatchCsv(batch.reference)).rejects.toThrow(/not submitted/);
    await fx.services.audit.submit({ batch: batch.reference, actor: auditor });
    await expect(fx.services.audit.record({ batch: batch.reference, family: passing!.familyReference, result: 'fail', reason: 'late', actor: auditor })).rejects.toThrow(/can no longer change/);

    const csv = await fx.services.exportBatchCsv(batch.reference);
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual([...exportColumns]);
    expect(rows).toHaveLength(11);
    expect(rows.map((r) => r['family_reference'])).not.toContain(failing!.familyReference);
    expect(rows.map((r) => r['family_reference'])).toEqual([...refs].filter((r) => r !== failing!.familyReference).sort());
    expect(rows[0]).toMatchObject({ claim_type: 'SSP', problems: 'crime;health', identified_on: '2018-12-01', engaged_on: '2019-01-01', outcomes_as_of: '2019-07-01', plan_id: 'southampton', plan_version: '2018-2020' });
    expect(rows.find((r) => r['family_reference'] === passing!.familyReference)).toMatchObject({ audit_sampled: 'yes', audit_result: 'pass' });

    // The failed family left the batch: it is listed again but blocked until it is re-evaluated.
    const listed = (await fx.services.claims.listClaimable({ asOf: '2019-07-01', includeNotClaimable: true })).find((c) => c.familyReference === failing!.familyReference);
    expect(listed?.blockedBy.join(' ')).toMatch(/failed internal audit .* re-evaluate/);
    await expect(fx.services.claims.createBatch({ ...period, families: [failing!.familyReference] })).rejects.toBeInstanceOf(NothingToClaimError);
    await fx.services.tracking.trackAll({ asOf: '2019-07-02', actor: analyst });
    const again = await fx.services.claims.createBatch({ ...period, asOf: '2019-07-02', families: [failing!.familyReference] });
    expect(again.claimed.map((c) => c.familyReference)).toEqual([failing!.familyReference]);
    const history = await fx.services.tracking.history(failing!.familyReference);
    expect(history.map((h) => h.kind)).toEqual(['attached', 'claimed', 'claim-failed-audit', 'problem-turned-around', 'problem-turned-around', 'became-claimable', 'claimed']);
  });

  it(`claims a family exactly once under 50 concurrent attempts (${name === 'pglite' ? 'PGlite runs one transaction at a time' : 'real concurrency on the server'})`, async () => {
    const { reference, familyId } = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, ...essentials, actor: analyst });
    const attempts = await Promise.allSettled(Array.from({ length: 50 }, () => fx.services.claims.createBatch({ ...period, families: [reference] })));
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const l of lost) expect(l.reason).toBeInstanceOf(NothingToClaimError);
    const claims = await handle.db.withTables<{ claims: { family_id: string } }>().selectFrom('claims').select('family_id').where('family_id', '=', familyId).execute();
    expect(claims).toHaveLength(1);
  });

  it('records every access to a family and lists it newest first, filtered by family or user', async () => {
    const { reference, familyId } = await fx.addFamily(claimableTimeline());
    await fx.services.accessLog.recordAccess({ userId: 'kw-7', role: 'key-worker', familyId: reference, action: 'view-family', at: new Date('2026-01-01T10:00:00Z') });
    await fx.services.accessLog.recordAccess({ userId: 'aud-1', role: 'auditor', familyId, action: 'evidence-pack', at: new Date('2026-01-02T10:00:00Z') });
    const forFamily = await fx.services.accessLog.listAccess({ familyId: reference });
    expect(forFamily.map((a) => [a.userId, a.action])).toEqual([
      ['aud-1', 'evidence-pack'],
      ['kw-7', 'view-family'],
    ]);
    expect((await fx.services.accessLog.listAccess({ userId: 'kw-7' })).map((a) => a.familyId)).toEqual([familyId]);
    await expect(fx.services.accessLog.recordAccess({ userId: 'x', role: 'key-worker', familyId: 'F-999999', action: 'view-family' })).rejects.toThrow(/No family/);
    await expect(fx.services.accessLog.recordAccess({ userId: 'x', role: 'nobody' as never, familyId: reference, action: 'view-family' })).rejects.toThrow(/access record is invalid/);
  });

  it('writes every one of many views at once (grouped into few inserts), and refuses only the one naming an unknown family', async () => {
    const { familyId } = await fx.addFamily(claimableTimeline());
    const unknown = '00000000-0000-4000-8000-000000000000';
    const views = Array.from({ length: 40 }, (_, i) => ({ userId: `viewer-${i}`, role: 'manager' as const, familyId: i === 17 ? unknown : familyId, action: 'view-family' }));
    const results = await Promise.allSettled(views.map((v) => fx.services.accessLog.recordAccess(v)));
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([expect.objectContaining({ message: expect.stringMatching(/No family/) as unknown })]);
    expect((results[17] as PromiseSettledResult<void>).status).toBe('rejected');
    const stored = await fx.services.accessLog.listAccess({ familyId });
    expect(stored.map((a) => a.userId).sort()).toEqual(views.filter((_, i) => i !== 17).map((v) => v.userId).sort());
  });
});
