/** Page objects: claims, a claim batch and its audit. */
import type { Page } from 'playwright-core';

export class ClaimsPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/claims');
    return this;
  }

  async buildBatch(start: [string, string, string], end: [string, string, string]): Promise<void> {
    for (const [legend, [d, m, y]] of [['Start of the claim period', start], ['End of the claim period', end]] as const) {
      const group = this.page.getByRole('group', { name: legend });
      await group.getByLabel('Day').fill(d);
      await group.getByLabel('Month').fill(m);
      await group.getByLabel('Year').fill(y);
    }
    await this.page.getByRole('button', { name: 'Build the claim batch' }).click();
  }
}

export class BatchPage {
  constructor(private readonly page: Page) {}

  async drawSample(): Promise<void> {
    await this.page.getByRole('button', { name: 'Draw the audit sample' }).click();
  }

  async record(reference: string, result: 'Pass' | 'Fail', reason = ''): Promise<void> {
    const group = this.page.getByRole('group', { name: `Audit result for ${reference}` });
    await group.getByLabel(result, { exact: true }).check();
    if (reason) await this.page.locator(`#${reference}-reason`).fill(reason);
    await this.page.getByRole('button', { name: `Record result for ${reference}` }).click();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Submit the batch' }).click();
  }
}
