/**
 * A data analyst's upload journey in a real browser (Debian's Chromium): the Data page's upload form
 * with its errors, an example extract imported in the background and its upload's page refreshed until
 * the import ends, with its counts, then a file with a bad row, its quality
 * report, the quarantined row downloaded, corrected and uploaded again. axe-core on every page, and
 * screenshots. Run on its own with `npx vitest run test/browser/upload-journey.test.ts`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../../src/services/users-service-demo.ts';
import { screenshot, seriousAccessibilityViolations, startBrowserHarness, type BrowserHarness } from './browser.ts';
import { DataPage } from './pages/data-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';

let h: BrowserHarness;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fo-upload-journey-'));
  h = await startBrowserHarness();
});
afterAll(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function check(page: Page, name: string): Promise<void> {
  expect(await seriousAccessibilityViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, name);
}

describe('uploading extracts in Chromium', () => {
  it('an analyst uploads an example extract, then corrects a quarantined row and uploads it again', { timeout: 180_000 }, async () => {
    const page = await h.newPage();
    const analyst = demoAccounts.find((a) => a.role === 'data-analyst')!;
    await new SignInPage(page).open().then((p) => p.signIn(analyst.username, analyst.password));
    const data = await new DataPage(page).open();
    await check(page, 'data-upload');

    // Nothing chosen: the error summary names both fields and takes focus.
    await data.upload({});
    await expect.poll(() => data.errorSummary().textContent()).toMatch(/Select the kind of extract[\s\S]*Select an extract file to upload/);
    await expect.poll(() => page.locator('.govuk-error-summary:focus').count()).toBe(1);
    await check(page, 'data-upload-errors');

    // An example extract: every row stored.
    await data.upload({ source: 'school-attendance', file: 'examples/extracts/school-attendance.csv' });
    expect(await data.waitForImport()).toBe('Imported: school-attendance.csv');
    const rows = (await readFile('examples/extracts/school-attendance.csv', 'utf8')).trimEnd().split('\n');
    expect(await data.reportValue('Rows read')).toBe(String(rows.length - 1));
    expect(await data.reportValue('Quarantined')).toBe('0');
    await check(page, 'data-upload-report');

    // A later file with one impossible row: quarantined, shown with its problem.
    const bad = rows[1]!.split(',');
    bad[0] = 'SA-JOURNEY-1';
    bad[11] = String(Number(bad[10]) + 5); // more sessions attended than possible
    const badFile = path.join(dir, 'attendance-summer.csv');
    await writeFile(badFile, `${rows[0]}\n${bad.join(',')}\n`);
    await data.open();
    await data.upload({ source: 'school-attendance', file: badFile });
    expect(await data.waitForImport()).toBe('Imported: attendance-summer.csv');
    expect(await data.reportValue('Quarantined')).toBe('1');
    expect(await data.reportValue('Problems found')).toBe('1');
    await check(page, 'data-upload-report-quarantined');

    // Its quality report, and the quarantined row downloaded for correction.
    await data.openQualityReport();
    await expect.poll(() => page.locator('h1').textContent()).toBe('attendance-summer.csv');
    expect(await page.locator('main').textContent()).toContain('attended_sessions');
    await check(page, 'data-quality-report');
    const download = await data.downloadQuarantine();
    expect(download.suggestedFilename()).toBe('attendance-summer-quarantine.csv');
    const exported = await readFile(await download.path(), 'utf8');
    expect(exported.split('\n')[0]).toBe(`${rows[0]},row_problems,original_file,original_row`);

    // Corrected and uploaded again: stored, and the earlier quarantined row released.
    const corrected = path.join(dir, 'attendance-summer-corrected.csv');
    await writeFile(corrected, exported.replace(`,${bad[10]},${bad[11]},`, `,${bad[10]},${rows[1]!.split(',')[11]},`));
    await data.open();
    await data.upload({ source: 'school-attendance', file: corrected });
    expect(await data.waitForImport()).toBe('Imported: attendance-summer-corrected.csv');
    expect(await data.reportValue('Earlier quarantined rows corrected')).toBe('1');
    expect(await data.reportValue('Quarantined')).toBe('0');
    await check(page, 'data-upload-report-corrected');
    expect(h.problems.join('\n')).toBe('');
  });

  it('an analyst uploads a month’s extracts at once, each of the kind its own header fits', { timeout: 120_000 }, async () => {
    const page = await h.newPage();
    const analyst = demoAccounts.find((a) => a.role === 'data-analyst')!;
    await new SignInPage(page).open().then((p) => p.signIn(analyst.username, analyst.password));
    const data = await new DataPage(page).open();
    const month = ['police-offences', 'dwp-benefits', 'housing'];
    await data.upload({ source: 'from-header', file: month.map((s) => `examples/extracts/${s}.csv`) });
    await expect.poll(() => data.notification().textContent()).toContain('3 extracts were checked and queued for import');
    await check(page, 'data-uploads-several');
    expect((await data.waitForUploads()).slice(0, 3)).toEqual(month.map((s) => [`${s}.csv`, 'Imported']).reverse());
    await page.getByRole('link', { name: 'housing.csv' }).first().click();
    expect(await data.reportValue('Kind of extract')).toContain('(housing)');
    expect(h.problems.join('\n')).toBe('');
  });
});
