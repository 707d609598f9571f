/** Page objects: administrators' user pages. */
import type { Page } from 'playwright-core';

export class UsersPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<this> {
    await this.page.goto('/users');
    return this;
  }

  async addUser(user: { name: string; username: string; role: string; password: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a user' }).click();
    await this.page.getByLabel('Full name').fill(user.name);
    await this.page.getByLabel('Username').fill(user.username);
    await this.page.getByLabel(user.role, { exact: true }).check();
    await this.page.getByLabel('Password', { exact: true }).fill(user.password);
    await this.page.getByRole('button', { name: 'Add user' }).click();
  }

  banner() {
    return this.page.locator('.govuk-notification-banner');
  }
}
