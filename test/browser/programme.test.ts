/**
 * The programme journey in Chromium: a key worker finds their family and records the four
 * essentials (the claim blocker disappears), an analyst builds the claim, an auditor audits it, the
 * analyst submits and exports it; a manager reads the dashboard. axe-core and a screenshot on each page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/services/users-service-demo.ts';
import { claimableTimeline } from '../../src/services/testing/workflow-fixture.ts';
import { screenshot, seriousAccessibilityViolations, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { BatchPage, ClaimsPage } from './pages/claims-pages.ts';
import { FamiliesPage } from './pages/family-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';

let h: BrowserHarness;
let reference: string;
beforeAll(async () => {
  h = await startBrowserHarness();
  reference = await h.t.programme.attachFamily(claimableTimeline(), { plan: 'southampton@2018-2020', identifiedOn: '2018-12-01', engagedOn: '2019-01-01', leadProfessional: 'Kim Worker', postcode: 'SO16 3CC' });
});
afterAll(() => h?.close());

async function signedIn(role: string): Promise<Page> {
  const page = await h.newPage();
  const account = demoAccounts.find((a) => a.role === role)!;
  await new SignInPage(page).open().then((p) => p.signIn(account.username, account.password));
  return page;
}

async function check(page: Page, name: string): Promise<void> {
  expect(await seriousAccessibilityViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, name);
}

describe('the programme journey in Chromium', () => {
  it('a key worker finds their family and records the four essentials', { timeout: 120_000 }, async () => {
    const page = await signedIn('key-worker');
    const families = new FamiliesPage(page);
    await families.search('SO16');
    await check(page, 'families');
    const family = await families.open(reference);
    await check(page, 'family');
    expect(await family.essentialStatus('Action plan').textContent()).toContain('Incomplete');
    await family.recordEssentials({ lead: 'Kim Worker', assessed: ['10', '1', '2019'], actionPlan: ['20', '1', '2019'] });
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('The four essentials have been updated.');
    expect(await family.essentialStatus('Action plan').textContent()).toContain('Completed');
    await check(page, 'family-essentials-recorded');
  });

  it('an analyst builds the claim, an auditor passes it, the analyst submits and exports it', { timeout: 120_000 }, async () => {
    const analyst = await signedIn('data-analyst');
    const claims = await new ClaimsPage(analyst).open();
    await check(analyst, 'claims');
    await claims.buildBatch(['1', '10', '2019'], ['31', '12', '2019']);
    await expect.poll(() => analyst.locator('.govuk-notification-banner').textContent()).toContain('Batch created with 1 claim.');
    const batchUrl = new URL(analyst.url()).pathname;

    const auditor = await signedIn('auditor');
    await auditor.goto(batchUrl);
    const audit = new BatchPage(auditor);
    await audit.drawSample();
    await check(auditor, 'batch-audit');
    await audit.record(reference, 'Pass');
    await expect.poll(() => auditor.locator('.govuk-tag', { hasText: 'Passed' }).count()).toBe(1);

    await analyst.goto(batchUrl);
    await new BatchPage(analyst).submit();
    await check(analyst, 'batch-submitted');
    const href = await analyst.getByRole('button', { name: 'Export the claim (CSV)' }).getAttribute('href');
    const response = await analyst.request.get(href!);
    expect(response.headers()['content-disposition']).toContain('attachment');
    const csv = await response.text();
    expect(csv).toContain(reference);
  });

  it('a manager reads the dashboard; an administrator reads the access log', { timeout: 120_000 }, async () => {
    const manager = await signedIn('manager');
    await manager.goto('/dashboard');
    expect(await manager.locator('h1').textContent()).toBe('Programme dashboard');
    await check(manager, 'dashboard');
    const admin = await signedIn('administrator');
    await admin.goto('/access-log');
    expect(await admin.locator('td', { hasText: 'Kim Worker' }).count()).toBeGreaterThan(0);
    await check(admin, 'access-log');
    for (const [url, name] of [['/candidates', 'candidates'], ['/data', 'data'], ['/data/reviews', 'data-reviews'], ['/users/new', 'users-new'], ['/', 'home-administrator']] as const) {
      const res = await admin.goto(url);
      expect(res?.status(), url).toBe(200);
      await check(admin, name);
    }
    expect(h.problems.join('\n')).toBe('');
  });
});
