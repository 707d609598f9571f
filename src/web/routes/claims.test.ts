import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimableTimeline, essentials } from '../../services/testing/workflow-fixture.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let ready: string;
let missingEssentials: string;
beforeAll(async () => {
  t = await createTestApp();
  const plan = 'southampton@2018-2020';
  ready = await t.programme.attachFamily(claimableTimeline(), { plan, identifiedOn: '2018-12-01', engagedOn: '2019-01-01', leadProfessional: 'Kim Worker' });
  await t.programme.workflow.attachment.recordEssentials({ family: ready, ...essentials, leadProfessional: 'Kim Worker', actor: { userId: 'setup', role: 'system' } });
  missingEssentials = await t.programme.attachFamily(claimableTimeline(), { plan, identifiedOn: '2018-12-01', engagedOn: '2019-01-01' });
});
afterAll(() => t.close());

describe('claims and audit', () => {
  it('lists the claimable family and says what blocks the other', async () => {
    const res = await (await t.signedIn('manager')).get('/claims');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('1 families can be claimed');
    expect(res.body).toContain(`href="/families/${ready}"`);
    expect(res.body).toContain('lead professional not recorded');
    expect(res.body).not.toContain('Build the claim batch');
  });

  it('refuses key workers', async () => {
    expect((await (await t.signedIn('key-worker')).get('/claims')).statusCode).toBe(403);
  });

  it('asks for the claim period when building a batch', async () => {
    const res = await (await t.signedIn('data-analyst')).submit('/claims', '/claims/batches', {});
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#periodStart">Enter the start of the claim period</a>');
  });

  it('builds a batch, the auditor samples and passes it, the analyst submits and exports it', async () => {
    const analyst = await t.signedIn('data-analyst');
    const built = await analyst.submit('/claims', '/claims/batches', { 'periodStart-day': '1', 'periodStart-month': '10', 'periodStart-year': '2019', 'periodEnd-day': '31', 'periodEnd-month': '12', 'periodEnd-year': '2019' });
    expect(built.statusCode).toBe(303);
    const batchUrl = String(built.headers.location).split('?')[0]!;
    expect((await analyst.get(String(built.headers.location))).body).toContain('Batch created with 1 claim.');

    const auditor = await t.signedIn('auditor');
    expect((await auditor.submit(batchUrl, `${batchUrl}/sample`, {})).statusCode).toBe(303);
    const missingReason = await auditor.submit(batchUrl, `${batchUrl}/audit/${ready}`, { result: 'fail' });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.body).toContain(`<a href="#${ready}-reason">${ready}: Enter why the claim failed audit</a>`);
    expect((await auditor.submit(batchUrl, `${batchUrl}/audit/${ready}`, { result: 'pass' })).statusCode).toBe(303);
    expect((await auditor.get(batchUrl)).body).toContain('Passed');
    const pack = await auditor.get(`/claims/evidence-packs/${ready}`);
    expect(pack.statusCode).toBe(200);
    expect(pack.body).toContain(ready);
    expect(pack.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await (await t.signedIn('key-worker')).get(`/claims/evidence-packs/${ready}`)).statusCode).toBe(403);

    expect((await analyst.submit(batchUrl, `${batchUrl}/submit`, {})).statusCode).toBe(303);
    const csv = await analyst.get(`${batchUrl}/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(ready);
    expect(csv.body).not.toContain(missingEssentials);
  });
});

describe('the dashboard', () => {
  it('shows the funnel against the target and what blocks claims, as charts with tables', async () => {
    const manager = await t.signedIn('manager');
    // Nothing here was tracked: the first view says so and stores the families' summaries in the background.
    let res = await manager.get('/dashboard');
    expect(res.body).toContain('not yet evaluated');
    for (let i = 0; i < 60 && /being worked out|being evaluated now|not yet evaluated/.test(res.body); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      res = await manager.get('/dashboard');
    }
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('not yet evaluated');
    expect(res.body).toMatch(/<svg class="app-chart"[^>]*aria-labelledby="funnel-title funnel-desc"/);
    expect(res.body).toContain('Target 3');
    expect(res.body).toContain('lead professional not recorded');
    expect(res.body).toMatch(/Attached<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">2</);
  });

  it.each(['key-worker', 'auditor'] as const)('is refused to a %s', async (role) => {
    expect((await (await t.signedIn(role)).get('/dashboard')).statusCode).toBe(403);
  });
});
