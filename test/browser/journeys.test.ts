/**
 * Main journeys in a real browser (Debian's Chromium), with JavaScript on: sign in, read a plan and
 * compare its versions, add a user. Every page visited is checked with axe-core and screenshotted.
 * Run on their own with `npx vitest run test/browser`.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/services/users-service-demo.ts';
import { screenshot, seriousAccessibilityViolations, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { PlansPage } from './pages/plans-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { UsersPage } from './pages/users-page.ts';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowserHarness();
});
afterAll(() => h?.close());

const account = (role: string) => demoAccounts.find((a) => a.role === role)!;

async function check(page: Page, name: string): Promise<void> {
  expect(await seriousAccessibilityViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, name);
}

describe('journeys in Chromium', () => {
  it('signing in: a wrong password shows the error summary; the right one lands on the start page', { timeout: 120_000 }, async () => {
    const page = await h.newPage();
    const signIn = await new SignInPage(page).open();
    await check(page, 'sign-in');
    await signIn.signIn('analyst', 'not the password');
    await expect.poll(() => signIn.errorSummary().isVisible()).toBe(true);
    await expect.poll(() => page.locator('.govuk-error-summary:focus').count(), { message: 'govuk-frontend moves focus to the error summary' }).toBe(1);
    await check(page, 'sign-in-error');
    await signIn.signIn('analyst', account('data-analyst').password);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Family Outcomes');
    await check(page, 'home-data-analyst');
  });

  it('a plan owner reads a plan and compares two versions', { timeout: 120_000 }, async () => {
    const page = await h.newPage();
    await new SignInPage(page).open().then((p) => p.signIn('manager', account('manager').password));
    const plans = await new PlansPage(page).open();
    await check(page, 'plans');
    await plans.openPlan('testshire@2');
    expect(await page.locator('h1').textContent()).toBe('Testshire Family Outcomes Plan (test fixture)');
    await check(page, 'plan');
    await plans.compare('Version 1 (from 1 April 2015)', 'Version 2 (from 1 April 2018)');
    await expect.poll(() => page.locator('h2', { hasText: 'from version 1 to version 2' }).count()).toBe(1);
    await check(page, 'plan-compare');
  });

  it('an administrator adds a key worker', { timeout: 120_000 }, async () => {
    const page = await h.newPage();
    await new SignInPage(page).open().then((p) => p.signIn('admin', account('administrator').password));
    const users = await new UsersPage(page).open();
    await check(page, 'users');
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').isVisible()).toBe(true);
    await check(page, 'users-new-errors');
    await new UsersPage(page).open();
    await users.addUser({ name: 'Browser Worker', username: 'bworker', role: 'Key worker', password: 'a long enough password' });
    await expect.poll(() => users.banner().textContent()).toContain('User added');
    await check(page, 'user');
  });

  it('a key worker is refused the user pages, and every page loads with no CSP or script errors', { timeout: 120_000 }, async () => {
    const page = await h.newPage();
    await new SignInPage(page).open().then((p) => p.signIn('keyworker', account('key-worker').password));
    const res = await page.goto('/users');
    expect(res?.status()).toBe(403);
    await check(page, 'forbidden');
    await page.goto('/no-such-page');
    await check(page, 'not-found');
    expect(h.problems.join('\n')).toBe('');
  });
});
