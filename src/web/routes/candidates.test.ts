import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimableTimeline } from '../../services/testing/workflow-fixture.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Crime and health in the year before the run (the test clock's today is 2020-01-15).
  const recent = claimableTimeline();
  const events = (recent.events ?? []).map((e) => ('date' in e && e.type === 'asb-incident' ? { ...e, date: e.date.replace('2018', '2019') } : 'start' in e ? { ...e, start: '2019-05-01' } : e));
  await t.programme.addHousehold({ ...recent, events }, 'SO17 1BJ');
});
afterAll(() => t.close());

describe('candidates', () => {
  it('says when no identification has been run, and asks for a plan to run one', async () => {
    const analyst = await t.signedIn('data-analyst');
    const page = await analyst.get('/candidates');
    expect(page.body).toContain('No identification has been run yet.');
    const res = await analyst.submit('/candidates', '/candidates/runs', { plan: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#plan">Choose the plan to identify families under</a>');
  });

  it('runs identification, lists the candidate with its problems, filters, and attaches it', async () => {
    const analyst = await t.signedIn('data-analyst');
    expect((await analyst.submit('/candidates', '/candidates/runs', { plan: 'southampton@2018-2020' })).statusCode).toBe(303);
    const list = await analyst.get('/candidates');
    const reference = /href="\/candidates\/(F-\d+)\/attach"/.exec(list.body)?.[1];
    expect(reference).toBeTruthy();
    expect(list.body).toContain('SO17');
    expect((await analyst.get('/candidates?problem=worklessness')).body).toContain('No candidates match.');

    const missing = await analyst.submit(`/candidates/${reference}/attach`, `/candidates/${reference}/attach`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('<a href="#engagedOn">Enter the date the family engaged</a>');
    const attached = await analyst.submit(`/candidates/${reference}/attach`, `/candidates/${reference}/attach`, { 'engagedOn-day': '1', 'engagedOn-month': '1', 'engagedOn-year': '2020', leadProfessional: 'Kim Worker' });
    expect(attached.statusCode).toBe(303);
    expect(attached.headers.location).toBe(`/families/${reference}`);
    expect((await analyst.get(`/families/${reference}`)).statusCode).toBe(200);
  });

  it.each(['key-worker', 'auditor', 'manager'] as const)('are refused to a %s', async (role) => {
    expect((await (await t.signedIn(role)).get('/candidates')).statusCode).toBe(403);
  });
});
