import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineInput } from '../../engine/index.ts';
import { claimableTimeline, essentials } from '../../services/testing/workflow-fixture.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { programmeDashboard } from './programme-dashboard.ts';

const asOf = '2020-01-15';
const actor = { userId: 'test', role: 'system' } as const;

/** A family whose outcomes are not met: the claimable timeline without its evidence or later events. */
function notYetTimeline(): TimelineInput {
  const timeline = claimableTimeline();
  return { ...timeline, events: (timeline.events ?? []).filter((e) => e.id !== 'ev-evidence' && ('date' in e ? String(e.date) < '2019-01-01' : true)) };
}

/** The figures as the dashboard worked them out before: every family evaluated by the claims service. */
async function fromClaimsService(t: TestApp) {
  const assessed = await t.services.workflow.claims.listClaimable({ asOf, includeNotClaimable: true });
  const blockers = new Map<string, number>();
  for (const c of assessed) {
    const reasons = c.claimType === null ? ['outcomes not yet met'] : c.blockedBy.map((r) => r.replace(/ on \d{4}-\d{2}-\d{2}.*$/, '').replace(/:.*$/, ''));
    for (const r of new Set(reasons)) blockers.set(r, (blockers.get(r) ?? 0) + 1);
  }
  return { turnedAround: assessed.filter((c) => c.claimType !== null).length, blockers: Object.fromEntries(blockers) };
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const plan = 'southampton@2018-2020';
  await t.programme.attachFamily(claimableTimeline(), { plan, identifiedOn: '2018-12-01', engagedOn: '2019-01-01', leadProfessional: 'Kim Worker' });
  const complete = await t.programme.attachFamily(claimableTimeline(), { plan, identifiedOn: '2018-12-01', engagedOn: '2019-01-01' });
  await t.services.workflow.attachment.recordEssentials({ family: complete, ...essentials, actor });
  await t.programme.attachFamily(notYetTimeline(), { plan, identifiedOn: '2018-12-01', engagedOn: '2019-01-01' });
});
afterAll(() => t.close());

describe('the dashboard’s funnel and blockers from stored summaries', () => {
  it('says families not yet evaluated are so, rather than guessing', async () => {
    const d = await programmeDashboard(t.services.workflow, t.services.verdicts, asOf);
    expect(d.blockers).toEqual([{ reason: 'not yet evaluated', count: 3 }]);
    expect(d.funnel.find((f) => f.stage === 'Turned around')?.count).toBe(0);
  });

  it('gives the figures the claims service gives by evaluating every family, once every family is tracked', async () => {
    await t.services.workflow.tracking.trackAll({ asOf, actor });
    const d = await programmeDashboard(t.services.workflow, t.services.verdicts, asOf);
    const expected = await fromClaimsService(t);
    expect(expected.turnedAround).toBe(2);
    expect(Object.keys(expected.blockers).length).toBeGreaterThan(1);
    expect(d.funnel.find((f) => f.stage === 'Turned around')?.count).toBe(expected.turnedAround);
    expect(Object.fromEntries(d.blockers.map((b) => [b.reason, b.count]))).toEqual(expected.blockers);
  });
});
