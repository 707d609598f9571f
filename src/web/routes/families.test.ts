import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimableTimeline } from '../../services/testing/workflow-fixture.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let kims: string;
let others: string;
beforeAll(async () => {
  t = await createTestApp();
  const plan = 'southampton@2018-2020';
  kims = await t.programme.attachFamily(claimableTimeline(), { plan, identifiedOn: '2018-12-01', engagedOn: '2019-01-01', leadProfessional: 'Kim Worker', postcode: 'SO14 1AA' });
  others = await t.programme.attachFamily(claimableTimeline(), { plan, identifiedOn: '2018-12-01', engagedOn: '2019-01-01', leadProfessional: 'Somebody Else', postcode: 'SO15 2BB' });
});
afterAll(() => t.close());

describe('the family list', () => {
  it.each(['data-analyst', 'auditor', 'manager', 'administrator'] as const)('shows every family to a %s', async (role) => {
    const res = await (await t.signedIn(role)).get('/families');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/families/${kims}"`);
    expect(res.body).toContain(`href="/families/${others}"`);
  });

  it('shows a key worker only the families they lead', async () => {
    const res = await (await t.signedIn('key-worker')).get('/families');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('My families');
    expect(res.body).toContain(`href="/families/${kims}"`);
    expect(res.body).not.toContain(`href="/families/${others}"`);
  });

  it('searches by postcode', async () => {
    const res = await (await t.signedIn('data-analyst')).get('/families?search=so15');
    expect(res.body).toContain(`href="/families/${others}"`);
    expect(res.body).not.toContain(`href="/families/${kims}"`);
  });
});

describe('the family page', () => {
  it('shows problems, outcomes with status and plan reference, figures with source rows, a chart and the essentials', async () => {
    const res = await (await t.signedIn('data-analyst')).get(`/families/${kims}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Family ${kims}`);
    expect(res.body).toContain('href="/plans/southampton%402018-2020#outcome-');
    expect(res.body).toContain('police-2018.csv, row 12');
    expect(res.body).toMatch(/<svg class="app-chart"[^>]*role="img"/);
    expect(res.body).toContain('govuk-task-list');
    expect(res.body).toContain('Turned around');
  });

  it('refuses a key worker another worker’s family, and logs nothing for it', async () => {
    const before = (await t.services.workflow.accessLog.listAccess({})).length;
    const res = await (await t.signedIn('key-worker')).get(`/families/${others}`);
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('SO15 2BB');
    expect((await t.services.workflow.accessLog.listAccess({})).length).toBe(before);
  });

  it('writes every view to the access log, which administrators can read', async () => {
    const worker = await t.signedIn('key-worker');
    expect((await worker.get(`/families/${kims}`)).statusCode).toBe(200);
    const log = await (await t.signedIn('administrator')).get('/access-log');
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('Kim Worker');
    expect(log.body).toContain(`href="/families/${kims}"`);
    expect((await worker.get('/access-log')).statusCode).toBe(403);
  });

  it('gives 404 for a family that does not exist', async () => {
    const agent = await t.signedIn('manager');
    expect((await agent.get('/families/F-999999')).statusCode).toBe(404);
    expect((await agent.get('/families/nonsense')).statusCode).toBe(404);
  });
});

describe('recording the four essentials', () => {
  it('lets the lead key worker record them, shown as completed tasks', async () => {
    const worker = await t.signedIn('key-worker');
    const res = await worker.submit(`/families/${kims}`, `/families/${kims}/essentials`, {
      leadProfessional: 'Kim Worker',
      'assessmentOn-day': '10', 'assessmentOn-month': '1', 'assessmentOn-year': '2019',
      'actionPlanOn-day': '20', 'actionPlanOn-month': '1', 'actionPlanOn-year': '2019',
      outcomesAligned: 'yes',
    });
    expect(res.statusCode).toBe(303);
    const page = await worker.get(String(res.headers.location).split('#')[0]!);
    expect(page.body).toContain('The four essentials have been updated.');
    expect(page.body.match(/govuk-task-list__status" id="[^"]+">\s*Completed/g)?.length).toBe(4);
  });

  it('shows an error summary for an impossible date', async () => {
    const worker = await t.signedIn('key-worker');
    const res = await worker.submit(`/families/${kims}`, `/families/${kims}/essentials`, { 'assessmentOn-day': '31', 'assessmentOn-month': '2', 'assessmentOn-year': '2019' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#assessmentOn">Date of the whole-family assessment must be a real date</a>');
  });

  it('refuses managers, who only read', async () => {
    const manager = await t.signedIn('manager');
    const res = await manager.submit(`/families/${kims}`, `/families/${kims}/essentials`, { outcomesAligned: 'yes' });
    expect(res.statusCode).toBe(403);
  });
});

describe('sorting the family list', () => {
  it('sorts by a column with links that say the current order', async () => {
    const agent = await t.signedIn('data-analyst');
    const desc = await agent.get('/families?sort=postcode&order=descending');
    expect(desc.body.indexOf(`href="/families/${others}"`)).toBeLessThan(desc.body.indexOf(`href="/families/${kims}"`));
    expect(desc.body).toContain('aria-sort="descending"');
    const asc = await agent.get('/families?sort=postcode&order=ascending');
    expect(asc.body.indexOf(`href="/families/${kims}"`)).toBeLessThan(asc.body.indexOf(`href="/families/${others}"`));
  });
});
