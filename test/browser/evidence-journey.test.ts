/**
 * Recording evidence in Chromium: the key worker signs in, finds their family (imported through the
 * pipeline, led by their account), opens the outcome waiting for evidence, records the health visitor's
 * evidence, and the family page shows the outcome met. axe-core and a screenshot on each page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/services/users-service-demo.ts';
import { createImportedTestApp, type ImportedTestApp } from '../../src/web/testing/imported-app.ts';
import { screenshot, seriousAccessibilityViolations, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { FamiliesPage } from './pages/family-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';

let h: BrowserHarness<ImportedTestApp>;
beforeAll(async () => {
  h = await startBrowserHarness(createImportedTestApp);
});
afterAll(() => h?.close());

async function check(page: Page, name: string): Promise<void> {
  expect(await seriousAccessibilityViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, name);
}

describe('recording evidence in Chromium', () => {
  it('a key worker records evidence and sees the outcome turn met', { timeout: 120_000 }, async () => {
    const page = await h.newPage();
    const account = demoAccounts.find((a) => a.role === 'key-worker')!;
    await new SignInPage(page).open().then((p) => p.signIn(account.username, account.password));
    const families = new FamiliesPage(page);
    await families.search('SO14');
    // Only the family they lead by account is listed.
    expect(await page.getByRole('link', { name: h.t.otherReference, exact: true }).count()).toBe(0);
    const family = await families.open(h.t.reference);
    await check(page, 'evidence-family-before');
    const outcome = family.outcome('Strand 6, outcome 2');
    expect(await outcome.locator('.govuk-tag').first().textContent()).toContain('Evidence needed');

    await family.recordEvidence('Strand 6, outcome 2', { date: ['2', '12', '2019'], author: '', role: 'Health visitor', statement: 'Mother attending every appointment since March.' });
    await check(page, 'evidence-form');
    await family.submitEvidence();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Enter who gave the evidence');
    await check(page, 'evidence-form-errors');
    await page.getByLabel('Who gave the evidence').fill('A. Patel');
    await family.submitEvidence();

    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Evidence recorded. Outcome Strand 6, outcome 2 is now met.');
    expect(await family.outcome('Strand 6, outcome 2').locator('.govuk-tag').first().textContent()).toContain('Met');
    expect(await page.getByRole('button', { name: 'Record evidence for outcome Strand 6, outcome 2' }).count()).toBe(0);
    await check(page, 'evidence-family-after');
    expect(h.problems).toEqual([]);
  });
});
