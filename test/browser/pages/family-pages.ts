/** Page objects: the family list and a family's page. */
import type { Page } from 'playwright-core';

export class FamiliesPage {
  constructor(private readonly page: Page) {}

  async search(text: string): Promise<void> {
    await this.page.goto('/families');
    await this.page.getByLabel('Search by family reference, postcode or lead professional').fill(text);
    await this.page.getByRole('button', { name: 'Search' }).click();
  }

  async open(reference: string): Promise<FamilyPage> {
    await this.page.getByRole('link', { name: reference, exact: true }).click();
    return new FamilyPage(this.page);
  }
}

export class FamilyPage {
  constructor(private readonly page: Page) {}

  /** Opens the evidence form of an outcome waiting for evidence. */
  async recordEvidence(outcomeRef: string, e: { date: [string, string, string]; author: string; role: string; statement: string }): Promise<void> {
    await this.page.getByRole('button', { name: `Record evidence for outcome ${outcomeRef}` }).click();
    const [d, m, y] = e.date;
    const date = this.page.getByRole('group', { name: 'Date of the evidence' });
    await date.getByLabel('Day').fill(d);
    await date.getByLabel('Month').fill(m);
    await date.getByLabel('Year').fill(y);
    await this.page.getByLabel('Who gave the evidence').fill(e.author);
    await this.page.getByLabel('Their role').fill(e.role);
    await this.page.getByLabel('The evidence', { exact: true }).fill(e.statement);
  }

  async submitEvidence(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record evidence', exact: true }).click();
  }

  outcome(ref: string) {
    return this.page.locator('[id^="family-outcome-"]', { hasText: ref });
  }

  essentialStatus(name: string) {
    return this.page.locator('.govuk-task-list__item', { hasText: name }).locator('.govuk-task-list__status');
  }

  async recordEssentials(e: { lead: string; assessed: [string, string, string]; actionPlan: [string, string, string] }): Promise<void> {
    // The lead professional is a key worker's account, chosen by name.
    await this.page.getByLabel('Lead professional', { exact: true }).selectOption({ label: e.lead });
    const fieldset = (legend: string) => this.page.getByRole('group', { name: legend });
    for (const [legend, [d, m, y]] of [['Date of the whole-family assessment', e.assessed], ['Date of the action plan', e.actionPlan]] as const) {
      await fieldset(legend).getByLabel('Day').fill(d);
      await fieldset(legend).getByLabel('Month').fill(m);
      await fieldset(legend).getByLabel('Year').fill(y);
    }
    await this.page.getByRole('group', { name: 'Are the family’s plan outcomes aligned with the outcome plan?' }).getByLabel('Yes').check();
    await this.page.getByRole('button', { name: 'Save the four essentials' }).click();
  }
}
