/** Page object: the sign-in page. */
import type { Page } from 'playwright-core';

export class SignInPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/sign-in');
    return this;
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.waitForLoadState('domcontentloaded');
  }

  errorSummary() {
    return this.page.locator('.govuk-error-summary');
  }
}
