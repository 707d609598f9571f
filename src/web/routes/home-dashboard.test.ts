import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimableTimeline } from '../../services/testing/workflow-fixture.ts';
import type { InMemoryTimelineSource } from '../../services/timeline-source.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let kims: string;
let others: string;
const plan = 'southampton@2018-2020';
beforeAll(async () => {
  t = await createTestApp();
  kims = await t.programme.attachFamily(claimableTimeline(), { plan, identifiedOn: '2018-12-01', engagedOn: '2019-01-01', leadProfessional: 'Kim Worker' });
  others = await t.programme.attachFamily(claimableTimeline(), { plan, identifiedOn: '2018-12-01', engagedOn: '2019-01-01', leadProfessional: 'Somebody Else' });
});
afterAll(() => t.close());

/** The rows of the table with this caption, as arrays of cell texts. */
function tableRows(html: string, caption: string): string[][] {
  const table = html.split('<table').find((part) => part.includes(caption));
  if (!table) return [];
  const body = table.slice(table.indexOf('<tbody'), table.indexOf('</table>'));
  return body
    .split('<tr')
    .slice(1)
    .map((row) => [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim()));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The dashboard once nothing is being worked out or evaluated in the background. */
async function settledDashboard(agent: Awaited<ReturnType<TestApp['signedIn']>>) {
  let res = await agent.get('/dashboard');
  for (let i = 0; i < 60 && /being worked out|being evaluated now/.test(res.body); i++) {
    await pause(200);
    res = await agent.get('/dashboard');
  }
  return res;
}

describe('the dashboard’s outcomes by problem', () => {
  it('evaluates the families with no stored summary in the background, saying so meanwhile', async () => {
    const first = await (await t.signedIn('manager')).get('/dashboard');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('The 2 families on the programme are being evaluated now');
  });

  it('shows families, outcomes by status and families turned around per problem, as a chart and a table', async () => {
    const res = await settledDashboard(await t.signedIn('manager'));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Outcomes by problem');
    expect(res.body).toMatch(/<svg class="app-chart"[^>]*aria-labelledby="outcomes-title outcomes-desc"/);
    const rows = tableRows(res.body, 'Families and their outcomes, by headline problem');
    const health = rows.find((r) => r[0]!.startsWith('Parents and children with a range of health problems'));
    const crime = rows.find((r) => r[0]!.startsWith('Parents or children involved in crime'));
    // Both families (Southampton CLAIM-2) have crime and health identified and turned around by 2020-01-15.
    expect(health?.[1]).toBe('2');
    expect(health?.[6]).toBe('2');
    expect(crime?.[1]).toBe('2');
    expect(crime?.[6]).toBe('2');
    expect(Number(health?.[2])).toBeGreaterThanOrEqual(2);
    expect(res.body).toContain('Parents and children with a range of health problems: 2 of 2');
  });

  it('shows the previous figures, marked as being updated, while new ones are worked out after a change', async () => {
    const manager = await t.signedIn('manager');
    expect((await settledDashboard(manager)).body).not.toContain('new figures are being worked out');
    await t.services.workflow.attachment.recordEssentials({ family: others, assessmentOn: '2019-01-10', actor: { userId: 'test', role: 'data-analyst' } });
    await pause(1_100); // the data version is checked at most once a second
    const during = await manager.get('/dashboard');
    expect(during.statusCode).toBe(200);
    expect(during.body).toContain('new figures are being worked out');
    expect((await settledDashboard(manager)).body).not.toContain('new figures are being worked out');
  });

  it('shows the new figures, not the kept ones, once they are worked out after a change; the same to every viewer', async () => {
    const manager = await t.signedIn('manager');
    const blockers = (html: string) => tableRows(html, 'Families not yet claimable, by reason');
    const before = blockers((await settledDashboard(manager)).body);
    const missingActionPlan = (rows: string[][]) => rows.find((r) => r[0] === 'action plan not recorded')?.[1];
    expect(missingActionPlan(before)).toBe('2');
    await t.services.workflow.attachment.recordEssentials({ family: kims, actionPlanOn: '2019-01-20', actor: { userId: 'test', role: 'data-analyst' } });
    await pause(1_100); // the data version is checked at most once a second
    const after = (await settledDashboard(manager)).body;
    expect(missingActionPlan(blockers(after))).toBe('1');
    const analysts = (await (await t.signedIn('data-analyst')).get('/dashboard')).body;
    expect(blockers(analysts)).toEqual(blockers(after));
    const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(csrf(analysts)).not.toBe(csrf(after));
  });

  it('is computed from the stored summaries, which the dashboard filled in once', async () => {
    const stored = await t.services.verdicts.current();
    expect(stored).toHaveLength(2);
    expect(stored.every((v) => v.summary.problems.health?.status === 'turned-around')).toBe(true);
  });
});

describe('the family page with stored verdicts', () => {
  it('shows new data as soon as it arrives, and still writes every view to the access log', async () => {
    const timelines = Reflect.get(t.programme.evaluator, 'timelines') as InMemoryTimelineSource;
    const family = (await t.services.workflow.repositories.families.find(kims))!;
    const analyst = await t.signedIn('data-analyst');
    const logged = async () => (await t.services.workflow.accessLog.listAccess({ familyId: kims })).filter((r) => r.action === 'view-family').length;
    const before = await logged();

    const first = await analyst.get(`/families/${kims}`);
    const again = await analyst.get(`/families/${kims}`);
    expect(again.body).toContain('evidence.csv, row 2');
    expect(await logged()).toBe(before + 2);
    expect(first.statusCode).toBe(200);

    // A corrected extract withdraws the evidence and a new police record arrives.
    const timeline = claimableTimeline();
    timelines.set(family.householdId, {
      ...timeline,
      events: [...(timeline.events ?? []).filter((e) => e.id !== 'ev-evidence'), { id: 'ev-asb-3', type: 'asb-incident', person: 'C1', date: '2019-11-01', origin: { file: 'police-2019.csv', row: 77 } }],
    });
    const fresh = await analyst.get(`/families/${kims}`);
    expect(fresh.body).not.toContain('evidence.csv, row 2');
    expect(fresh.body).toContain('police-2019.csv, row 77');
    expect(await logged()).toBe(before + 3);
    const attachment = (await t.services.workflow.repositories.attachments.openForFamily(family.id))!;
    const summary = (await t.services.verdicts.summaries([attachment.id])).get(attachment.id);
    expect(summary?.problems.health?.status).not.toBe('turned-around');

    timelines.set(family.householdId, claimableTimeline());
    const restored = await analyst.get(`/families/${kims}`);
    expect(restored.body).toContain('evidence.csv, row 2');
    expect((await t.services.verdicts.summaries([attachment.id])).get(attachment.id)?.problems.health?.status).toBe('turned-around');
  });
});

describe('the start page', () => {
  it('shows a key worker their families and what needs action', async () => {
    const res = await (await t.signedIn('key-worker')).get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('My families');
    const needing = tableRows(res.body, 'Families needing action');
    expect(needing.map((r) => r[0])).toEqual([kims]);
    expect(needing[0]![2]).toContain('Missing:');
    expect(res.body).not.toContain(others);
    expect(res.body).not.toContain('Headline figures');
  });

  it('shows a data analyst the latest imports and the quarantine', async () => {
    const res = await (await t.signedIn('data-analyst')).get('/');
    expect(res.body).toContain('Latest imports');
    expect(res.body).toContain('No extract has been imported yet.');
    expect(res.body).toContain('Nothing is in quarantine.');
    expect(res.body).not.toContain('My families');
  });

  it('shows an auditor the batches awaiting audit', async () => {
    const res = await (await t.signedIn('auditor')).get('/');
    expect(res.body).toContain('Claim batches awaiting audit');
    expect(res.body).toContain('No claim batch is waiting for audit.');
    await t.services.workflow.attachment.recordEssentials({ family: kims, assessmentOn: '2019-01-10', actionPlanOn: '2019-01-20', outcomesAligned: true, actor: { userId: 'test', role: 'data-analyst' } });
    const batch = await t.services.workflow.claims.createBatch({ periodStart: '2020-01-01', periodEnd: '2020-01-31', asOf: '2020-01-15', actor: { userId: 'test', role: 'data-analyst' } });
    expect(batch.claimed.length).toBe(1);
    const after = await (await t.signedIn('auditor')).get('/');
    expect(after.body).toMatch(new RegExp(`${batch.batch.reference}</a>: 1 claim, sample not drawn yet`));
  });

  it('shows a manager the headline figures', async () => {
    const res = await (await t.signedIn('manager')).get('/');
    expect(res.body).toContain('Headline figures');
    const figures = [...res.body.matchAll(/<dt class="govuk-summary-list__key">\s*([^<]*?)\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*([^<]*?)\s*<\/dd>/g)].map((m) => [m[1], m[2]]);
    expect(figures).toContainEqual(['On the programme', '2']);
    expect(figures).toContainEqual(['Claimed', '1']);
    expect(figures).toContainEqual(['Target (claims)', '3']);
  });
});
