import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/database.ts';
import { testDatabases } from '../data/testing/test-databases.ts';
import { FamilyEvaluator } from './family-evaluation.ts';
import { analyst, claimableTimeline, engagement, southamptonPlans, workflowFixture, type WorkflowFixture } from './testing/workflow-fixture.ts';
import { PagedTimelineSource } from './timeline-source.ts';
import { TrackingService } from './tracking-service.ts';

describe.each(testDatabases())('tracking on $name', ({ open }) => {
  let handle: DatabaseHandle;
  let fx: WorkflowFixture;
  beforeAll(async () => {
    handle = await open();
    fx = await workflowFixture(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('records problems turning around, becoming claimable, regressing, and problems that emerge later', async () => {
    const { reference, householdId } = await fx.addFamily(claimableTimeline());
    const attached = await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, actor: analyst });
    expect(attached.problems.map((p) => [p.problem, p.foundAt, p.foundOn])).toEqual([
      ['crime', 'identified', '2018-12-01'],
      ['health', 'identified', '2018-12-01'],
    ]);
    expect(attached.essentials.missing).toHaveLength(4);

    const first = await fx.services.tracking.trackAll({ asOf: '2019-04-01', actor: analyst });
    expect(first.failed).toEqual([]);
    const mine = (r: typeof first) => r.changes.filter((c) => c.familyReference === reference).map((c) => [c.kind, c.problem]);
    expect(mine(first)).toEqual([['problem-turned-around', 'health']]);

    const second = await fx.services.tracking.trackAll({ asOf: '2019-07-01', actor: analyst });
    expect(mine(second)).toEqual([
      ['problem-turned-around', 'crime'],
      ['became-claimable', null],
    ]);
    expect(mine(await fx.services.tracking.trackAll({ asOf: '2019-07-01', actor: analyst }))).toEqual([]); // nothing changed

    // New data: an ASB incident after engagement; the crime problem regresses and the claim goes.
    const later = claimableTimeline();
    later.events = [...(later.events ?? []), { id: 'ev-asb-9', type: 'asb-incident', person: 'C1', date: '2019-06-15' }];
    fx.timelines.set(householdId, later);
    const third = await fx.services.tracking.trackAll({ asOf: '2019-07-01', actor: analyst });
    expect(mine(third).map(([k]) => k)).toEqual(['problem-regressed', 'no-longer-claimable']);

    const history = await fx.services.tracking.history(reference);
    const regressed = history.find((h) => h.kind === 'problem-regressed')!;
    expect(regressed.problem).toBe('crime');
    expect(regressed.detail).toMatchObject({ problem: 'crime', status: 'not-met', outcomes: [expect.objectContaining({ status: 'not-met' })] });

    // A problem found after engagement, recorded by a worker with its date.
    expect(await fx.services.attachment.addProblem({ family: reference, problem: 'education', foundOn: '2019-03-01', note: 'school concern', actor: analyst })).toBe(true);
    expect(await fx.services.attachment.addProblem({ family: reference, problem: 'education', foundOn: '2019-03-02', actor: analyst })).toBe(false);
    await expect(fx.services.attachment.addProblem({ family: reference, problem: 'health', foundOn: '2018-06-01', actor: analyst })).rejects.toThrow(/on or after the engagement date/);
    const described = await fx.services.attachment.describe((await fx.services.repositories.families.find(reference))!);
    expect(described.problems.find((p) => p.problem === 'education')).toMatchObject({ foundAt: 'emerged', foundOn: '2019-03-01' });
  });

  it('tracks one family on its own, leaving the others as they were', async () => {
    const one = await fx.addFamily(claimableTimeline());
    const other = await fx.addFamily(claimableTimeline());
    for (const f of [one, other]) await fx.services.attachment.attach({ family: f.reference, plan: 'southampton', ...engagement, actor: analyst });
    const result = await fx.services.tracking.trackFamily(one.reference, { asOf: '2019-07-01', actor: analyst });
    expect(result.evaluated).toBe(1);
    expect(result.changes.map((c) => [c.familyReference, c.kind, c.problem])).toEqual([
      [one.reference, 'problem-turned-around', 'crime'],
      [one.reference, 'problem-turned-around', 'health'],
      [one.reference, 'became-claimable', null],
    ]);
    expect((await fx.services.tracking.history(other.reference)).map((h) => h.kind)).toEqual(['attached']);
    // Again with nothing new: no changes, the status is marked as evaluated again.
    expect((await fx.services.tracking.trackFamily(one.reference, { asOf: '2019-07-02', actor: analyst })).changes).toEqual([]);
    const attachment = (await fx.services.repositories.attachments.openForFamily(one.familyId))!;
    expect((await fx.services.repositories.history.statuses([attachment.id])).get(attachment.id)?.asOf).toBe('2019-07-02');
    // Tracking keeps the dashboard's verdict summary: the tracked family's is stored, the other's is not.
    const otherAttachment = (await fx.services.repositories.attachments.openForFamily(other.familyId))!;
    const summaries = await fx.services.verdicts.summaries([attachment.id, otherAttachment.id]);
    expect(summaries.get(attachment.id)).toMatchObject({ ssp: true });
    expect(summaries.has(otherAttachment.id)).toBe(false);
    await expect(fx.services.tracking.trackFamily('F-999999', { asOf: '2019-07-01', actor: analyst })).rejects.toThrow(/No family "F-999999"/);
    const { reference: unattached } = await fx.addFamily(claimableTimeline());
    await expect(fx.services.tracking.trackFamily(unattached, { asOf: '2019-07-01', actor: analyst })).rejects.toThrow(/not attached/);
  });

  it('two tracking runs at once record each change once', async () => {
    const families = [await fx.addFamily(claimableTimeline()), await fx.addFamily(claimableTimeline())];
    for (const f of families) await fx.services.attachment.attach({ family: f.reference, plan: 'southampton', ...engagement, actor: analyst });
    const [a, b, c] = await Promise.all([
      fx.services.tracking.trackAll({ asOf: '2019-07-01', actor: analyst }),
      fx.services.tracking.trackAll({ asOf: '2019-07-01', actor: analyst }),
      fx.services.tracking.trackFamily(families[0]!.reference, { asOf: '2019-07-01', actor: analyst }),
    ]);
    for (const f of families) {
      const kinds = (await fx.services.tracking.history(f.reference)).map((h) => `${h.kind} ${h.problem ?? ''}`.trim());
      expect(kinds).toEqual(['attached', 'problem-turned-around crime', 'problem-turned-around health', 'became-claimable']);
    }
    // Between them the runs report each change once: whichever recorded first reports it.
    const reported = [a, b, c].flatMap((r) => r.changes).filter((ch) => families.some((f) => f.reference === ch.familyReference));
    expect(reported).toHaveLength(6);
  });

  it('tracks across page boundaries: every family once, in order, with its timeline', async () => {
    const families = [];
    for (let i = 0; i < 5; i++) families.push(await fx.addFamily(claimableTimeline()));
    for (const f of families) await fx.services.attachment.attach({ family: f.reference, plan: 'southampton', ...engagement, actor: analyst });
    const timelines = new PagedTimelineSource(fx.timelines);
    const small = new TrackingService(fx.services.repositories, new FamilyEvaluator(await southamptonPlans(), timelines), () => new Date(), fx.services.verdicts, timelines, 2);
    const progress: number[] = [];
    const result = await small.trackAll({ asOf: '2019-07-01', actor: analyst }, (done) => progress.push(done));
    expect(result.failed).toEqual([]);
    expect(progress).toEqual(Array.from({ length: progress.length }, (_, i) => i + 1));
    expect(result.evaluated).toBe(progress.length);
    for (const f of families) {
      const kinds = (await fx.services.tracking.history(f.reference)).map((h) => `${h.kind} ${h.problem ?? ''}`.trim());
      expect(kinds).toEqual(['attached', 'problem-turned-around crime', 'problem-turned-around health', 'became-claimable']);
    }
  });

  it('carries on past a family without a timeline and reports it', async () => {
    const { reference, householdId } = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, actor: analyst });
    fx.timelines.set(householdId, { ...claimableTimeline(), members: [] });
    const result = await fx.services.tracking.trackAll({ asOf: '2019-07-01', actor: analyst });
    expect(result.failed.find((f) => f.familyReference === reference)?.reason).toMatch(/invalid/);
  });

  it('detaches with a reason and refuses a second open attachment', async () => {
    const { reference } = await fx.addFamily(claimableTimeline());
    await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, actor: analyst });
    await expect(fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, actor: analyst })).rejects.toThrow(/already attached/);
    await expect(fx.services.attachment.detach({ family: reference, reason: '', actor: analyst })).rejects.toThrow(/detachment is invalid/);
    await fx.services.attachment.detach({ family: reference, reason: 'Family moved out of area', actor: analyst });
    await expect(fx.services.attachment.describe((await fx.services.repositories.families.find(reference))!)).rejects.toThrow(/not attached/);
    const again = await fx.services.attachment.attach({ family: reference, plan: 'southampton', ...engagement, actor: analyst });
    expect(again.attachment.plan_version).toBe('2018-2020');
    const kinds = (await fx.services.tracking.history(reference)).map((h) => h.kind);
    expect(kinds).toEqual(['attached', 'detached', 'attached']);
  });
});
