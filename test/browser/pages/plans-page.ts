/** Page objects: the plan list, one plan, and comparing versions. */
import type { Page } from 'playwright-core';

export class PlansPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/plans');
    return this;
  }

  /** Follows the plan's link in the row for that version (`id@version`). */
  async openPlan(ref: string): Promise<void> {
    await this.page.locator(`a[href="/plans/${encodeURIComponent(ref)}"]`).click();
  }

  async compare(from: string, to: string): Promise<void> {
    await this.page.getByRole('link', { name: 'Compare this plan’s versions' }).click();
    await this.page.getByLabel('Earlier version').selectOption({ label: from });
    await this.page.getByLabel('Later version').selectOption({ label: to });
    await this.page.getByRole('button', { name: 'Compare' }).click();
  }
}
