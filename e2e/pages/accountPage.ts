import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** The user's account: who they are, and the form to change their password. */
export class AccountPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state?: string): Promise<AccountPage> {
    await verifyPage(page, {
      title: 'Your account',
      heading: 'Your account',
      screenshot: state ? `account-${state}` : 'account',
    });
    return new AccountPage(page);
  }

  /** The value in the summary list row with this key, like "Email address". */
  async detail(key: string): Promise<string> {
    const row = this.page.locator('.govuk-summary-list__row', {
      has: this.page.locator('.govuk-summary-list__key', { hasText: key }),
    });
    return readText(row.locator('.govuk-summary-list__value'));
  }

  /** Fills in the change-password form by label and sends it with Enter. */
  async changePassword(current: string, next: string, confirm: string): Promise<void> {
    await this.page.getByLabel('Current password', { exact: true }).fill(current);
    await this.page.getByLabel('New password', { exact: true }).fill(next);
    await this.page.getByLabel('Confirm new password', { exact: true }).fill(confirm);
    await this.page.keyboard.press('Enter');
    await this.page.waitForLoadState('load');
  }
}
