/**
 * Browser test set-up: Debian's Chromium driven by playwright-core (no download; `.ci/run` installs
 * it), the real app listening on loopback, axe-core run in the page, and screenshots kept under
 * test-results/ as artefacts.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../../src/web/testing/test-app.ts';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const screenshotsFolder = path.resolve('test-results', 'screenshots');

export interface BrowserHarness<T extends HarnessApp = TestApp> {
  readonly t: T;
  readonly baseUrl: string;
  readonly browser: Browser;
  /** A fresh page (its own cookies) that fails the test on any CSP violation or page error. */
  newPage(): Promise<Page>;
  readonly problems: string[];
  close(): Promise<void>;
}

/** What the harness serves: the standard test app, or another built the same way (e.g. over imported data). */
export interface HarnessApp {
  readonly app: TestApp['app'];
  close(): Promise<void>;
}

export async function startBrowserHarness(): Promise<BrowserHarness>;
export async function startBrowserHarness<T extends HarnessApp>(create: () => Promise<T>): Promise<BrowserHarness<T>>;
export async function startBrowserHarness(create: () => Promise<HarnessApp> = createTestApp): Promise<BrowserHarness<HarnessApp>> {
  const t = await create();
  const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  // playwright-core gives every launch a fresh temporary profile (its own --user-data-dir).
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mkdirSync(screenshotsFolder, { recursive: true });
  const problems: string[] = [];
  return {
    t,
    baseUrl,
    browser,
    problems,
    async newPage() {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      page.on('console', (m) => {
        // Error pages answer 4xx on purpose; failed sub-resources are caught by the response check below.
        if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error on ${page.url()}: ${m.text()}`);
      });
      page.on('response', (r) => {
        if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
      return page;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: number;
}

/** axe-core's WCAG 2.2 A/AA rules on the page as it is; returns the serious and critical violations. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(opts: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotsFolder, `${name}.png`), fullPage: true });
}
