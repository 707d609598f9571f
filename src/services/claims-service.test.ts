import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { analyst, claimableTimeline, engagement, essentials, workflowFixture, type WorkflowFixture } from './testing/workflow-fixture.ts';
import { NothingToClaimError } from './workflow-errors.ts';

describe.each(testDatabases())('claims on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let fx: WorkflowFixture;
  // One database per file (migrations are the slow part); every test makes its own families.
  beforeAll(async () => {
    handle = await open();
    fx = await workflowFixture(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  const period = { periodStart: '2019-04-01', periodEnd: '2019-09-30', asOf: '2019-07-01', actor: analyst };

  it('lists an SSP-claimable family with the engine reasons once the four essentials are recorded', async () => {
    const { reference } = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, actor: analyst });
    const before = (await fx.services.claims.listClaimable({ asOf: '2019-07-01', includeNotClaimable: true })).filter((c) => c.familyReference === reference);
    expect(before).toHaveLength(1);
    expect(before[0]!.claimType).toBe('ssp');
    expect(before[0]!.blockedBy).toEqual(['lead professional not recorded', 'whole-family assessment not recorded', 'action plan not recorded', 'plan outcomes aligned not recorded']);
    const mine = async () => (await fx.services.claims.listClaimable({ asOf: '2019-07-01' })).filter((c) => c.familyReference === reference);
    expect(await mine()).toEqual([]);

    await fx.services.attachment.recordEssentials({ family: reference, ...essentials, actor: analyst });
    const after = await mine();
    expect(after.map((c) => [c.familyReference, c.claimType])).toEqual([[reference, 'ssp']]);
    expect(after[0]!.ssp.reasons.join(' ')).toContain('turned around');
  });

  it('refuses a claim without the four essentials', async () => {
    const { reference } = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, leadProfessional: 'Sam Patel', actor: analyst });
    const attempt = fx.services.claims.createBatch({ ...period, families: [reference] });
    await expect(attempt).rejects.toBeInstanceOf(NothingToClaimError);
    await expect(attempt).rejects.toThrow(/whole-family assessment not recorded/);
  });

  it('does not claim a family before its outcomes are sustained', async () => {
    const { reference } = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, ...essentials, actor: analyst });
    await expect(fx.services.claims.createBatch({ ...period, asOf: '2019-06-30', families: [reference] })).rejects.toThrow(/outcomes not met for a claim/);
  });

  it('claims a family once: a second batch skips it, and the database refuses a direct second claim', async () => {
    const { reference, familyId } = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, ...essentials, actor: analyst });
    const first = await fx.services.claims.createBatch({ ...period, families: [reference] });
    expect(first.claimed.map((c) => c.familyReference)).toEqual([reference]);
    expect(first.batch.reference).toMatch(/^B-\d{4}$/);
    await expect(fx.services.claims.createBatch({ ...period, families: [reference] })).rejects.toBeInstanceOf(NothingToClaimError);

    const attachment = (await fx.services.repositories.attachments.openForFamily(familyId))!;
    const inserted = await fx.services.repositories.claims.insertClaim({
      id: crypto.randomUUID(),
      family_id: familyId,
      attachment_id: attachment.id,
      batch_id: first.batch.id,
      claim_type: 'ce',
      created_by: 'test',
      created_at: new Date(),
    });
    expect(inserted).toBe(false);
    const rows = await handle.db.withTables<{ claims: { family_id: string } }>().selectFrom('claims').select('family_id').where('family_id', '=', familyId).execute();
    expect(rows).toHaveLength(1);
  });

  it('replays the snapshot byte for byte after the underlying data changes (the plan comes from the snapshot, never from disk)', async () => {
    const { reference, householdId } = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, ...essentials, actor: analyst });
    const { claimed } = await fx.services.claims.createBatch({ ...period, families: [reference] });
    const claimId = claimed[0]!.claimId;

    // New data arrives: a new ASB incident would now stop the crime outcome being met.
    const changed = claimableTimeline();
    changed.events = [...(changed.events ?? []), { id: 'ev-asb-3', type: 'asb-incident', person: 'C1', date: '2019-05-01' }];
    fx.timelines.set(householdId, changed);
    const now = await fx.services.claims.listClaimable({ asOf: '2019-07-01', includeNotClaimable: true });
    expect(now.map((c) => c.familyReference)).not.toContain(reference); // claimed families are not listed again

    const replay = await fx.services.claims.replay(claimId);
    expect(replay.identical).toBe(true);
    expect(replay.replayedSha256).toBe(replay.storedSha256);
    expect(replay.verdict.claims.significantAndSustainedProgress.claimable).toBe(true);

    // Tampering with the stored verdict is detected.
    await handle.db
      .withTables<{ claim_snapshots: { claim_id: string; verdict: string } }>()
      .updateTable('claim_snapshots')
      .set({ verdict: '{}' })
      .where('claim_id', '=', claimId)
      .execute();
    expect((await fx.services.claims.replay(claimId)).identical).toBe(false);
  });

  it('keeps the plan source text in the snapshot', async () => {
    const { reference } = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, ...essentials, actor: analyst });
    const { claimed } = await fx.services.claims.createBatch({ ...period, families: [reference] });
    const snapshot = (await fx.services.repositories.claims.snapshot(claimed[0]!.claimId))!;
    expect(snapshot.plan_source).toContain('id: southampton');
    expect(JSON.parse(snapshot.timeline).familyId).toBe(reference);
    expect(JSON.parse(snapshot.essentials).missing).toEqual([]);
  });
});
