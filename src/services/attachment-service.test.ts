/**
 * Attaching many families at once (bulk seeding) records exactly what attaching each one does: the
 * attachment with its essentials, the problems found at identification and engagement, and the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { WorkflowStateError } from './workflow-errors.ts';
import { analyst, claimableTimeline, engagement, workflowFixture, type WorkflowFixture } from './testing/workflow-fixture.ts';

describe.each(testDatabases())('attaching many families on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let fx: WorkflowFixture;
  beforeAll(async () => {
    handle = await open();
    fx = await workflowFixture(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  /** What is recorded for a family, without ids and times. */
  const recorded = async (reference: string) => {
    const family = (await fx.services.repositories.families.find(reference))!;
    const { attachment, essentials, problems } = await fx.services.attachment.describe(family);
    const { id: _id, family_id: _family, attached_at: _at, ...rest } = attachment;
    const history = (await fx.services.tracking.history(reference)).map((h) => ({ kind: h.kind, asOf: h.asOf, problem: h.problem, summary: h.summary, detail: h.detail, recordedBy: h.recordedBy }));
    return { attachment: rest, essentials, problems, history };
  };

  it('records for each family what attaching it alone records, and reports families already attached', async () => {
    const essentials = { leadProfessional: 'Sam Patel', assessmentOn: '2019-01-15', actionPlanOn: '2019-01-29', outcomesAligned: true };
    const alone = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ householdId: alone.householdId, plan: 'southampton', ...engagement, ...essentials, actor: analyst });

    const a = await fx.addFamily(claimableTimeline());
    const b = await fx.addFamily(claimableTimeline());
    const results = await fx.services.attachment.attachMany([
      { householdId: a.householdId, plan: 'southampton', ...engagement, ...essentials, actor: analyst },
      { family: alone.reference, plan: 'southampton', ...engagement, actor: analyst },
      { householdId: b.householdId, plan: 'southampton', ...engagement, ...essentials, actor: analyst },
      { householdId: b.householdId, plan: 'southampton', ...engagement, actor: analyst },
    ]);
    expect(results.map((r) => [r.family.reference, r.result])).toEqual([
      [a.reference, 'attached'],
      [alone.reference, 'already-attached'],
      [b.reference, 'attached'],
      [b.reference, 'already-attached'],
    ]);

    const expected = await recorded(alone.reference);
    expect(expected.problems.map((p) => p.problem)).toEqual(['crime', 'health']);
    expect(expected.history).toHaveLength(1);
    expect(await recorded(a.reference)).toEqual(expected);
    expect(await recorded(b.reference)).toEqual(expected);
  });

  it('rejects dates in the wrong order before writing anything', async () => {
    const c = await fx.addFamily(claimableTimeline());
    const d = await fx.addFamily(claimableTimeline());
    await expect(
      fx.services.attachment.attachMany([
        { householdId: c.householdId, plan: 'southampton', ...engagement, actor: analyst },
        { householdId: d.householdId, plan: 'southampton', identifiedOn: '2019-02-01', engagedOn: '2019-01-01', actor: analyst },
      ]),
    ).rejects.toThrow(WorkflowStateError);
    expect(await fx.services.repositories.attachments.openForFamily(c.familyId)).toBeUndefined();
  });
});
