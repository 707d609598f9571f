/** Page objects: the data analyst's Data pages (upload an extract, its upload's page, a file's quality report). */
import type { Download, Page } from 'playwright-core';

export class DataPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/data');
    return this;
  }

  /** Fills the upload form (any part may be left out) and submits it. */
  async upload(extract: { source?: string; file?: string | string[]; encoding?: 'UTF-8' | 'Windows-1252' }): Promise<void> {
    if (extract.source) await this.page.getByLabel('Kind of extract').selectOption(extract.source);
    if (extract.file) await this.page.getByLabel('Extract files').setInputFiles(extract.file);
    if (extract.encoding) await this.page.getByLabel(extract.encoding, { exact: false }).check();
    await this.page.getByRole('button', { name: 'Upload and import' }).click();
  }

  /**
   * On an upload's page, refreshes it with its own link, as a person would, until the import has ended;
   * returns the page's heading ("Imported: …" or "Not imported: …").
   */
  async waitForImport(timeoutMs = 60_000): Promise<string> {
    return this.#refreshUntil(
      async () => ((await this.page.locator('h1').textContent()) ?? '').trim(),
      (heading) => /^(Imported|Not imported):/.test(heading),
      () => this.page.getByRole('link', { name: 'Refresh to see how the import is going' }).click(),
      (heading) => `The upload had not been imported after ${timeoutMs} ms: ${heading}`,
      timeoutMs,
    );
  }

  /**
   * On the Data page after several files were uploaded, reloads it, as a person would, until every
   * upload listed has ended; returns each upload's file name and state, newest first.
   */
  async waitForUploads(timeoutMs = 60_000): Promise<Array<[string, string]>> {
    return this.#refreshUntil(
      () => this.page.locator('#uploads + table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('td')?.textContent?.trim() ?? '', tr.querySelector('td:last-child')?.textContent?.trim() ?? ''] as [string, string])),
      (rows) => rows.length > 0 && rows.every(([, state]) => state !== 'Waiting' && state !== 'Importing'),
      () => this.page.reload(),
      (rows) => `The uploads had not been imported after ${timeoutMs} ms: ${JSON.stringify(rows)}`,
      timeoutMs,
    );
  }

  /** Reads the page until `done` accepts what it read, refreshing it with `refresh` 200 ms after each read; throws `late`'s message after `timeoutMs`. */
  async #refreshUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, refresh: () => Promise<unknown>, late: (value: T) => string, timeoutMs: number): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > until) throw new Error(late(value));
      await this.page.waitForTimeout(200);
      await refresh();
    }
  }

  notification() {
    return this.page.locator('.govuk-notification-banner');
  }

  errorSummary() {
    return this.page.locator('.govuk-error-summary');
  }

  /** The value beside a key of the upload page's summary list. */
  async reportValue(key: string): Promise<string> {
    const exactly = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    const row = this.page.locator('.govuk-summary-list__row', { has: this.page.locator('dt', { hasText: exactly }) });
    return ((await row.locator('dd').textContent()) ?? '').trim();
  }

  async openQualityReport(): Promise<void> {
    await this.page.getByRole('link', { name: /full quality report/ }).click();
  }

  async downloadQuarantine(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: 'Download the quarantined rows (CSV)' }).click()]);
    return download;
  }
}
