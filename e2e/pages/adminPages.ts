import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Admin: the index of the organisation's admin tasks. */
export class AdminPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state?: string): Promise<AdminPage> {
    await verifyPage(page, {
      title: 'Admin',
      heading: 'Admin',
      screenshot: state ? `admin-${state}` : 'admin',
    });
    return new AdminPage(page);
  }

  /** The organisation the admin pages are about, shown above the heading. */
  async organisation(): Promise<string> {
    return readText(this.page.locator('main .govuk-caption-l'));
  }

  /** Opens one of the admin tasks ("Users", "API tokens", "Audit trail") with the keyboard. */
  async openTask(name: string): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name, exact: true }).focus();
    await this.page.keyboard.press('Enter');
  }
}

/** Admin: the organisation's users. */
export class UsersPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state?: string): Promise<UsersPage> {
    await verifyPage(page, {
      title: 'Users',
      heading: 'Users',
      screenshot: state ? `admin-users-${state}` : 'admin-users',
    });
    return new UsersPage(page);
  }

  /** The names in the users table. */
  async names(): Promise<string[]> {
    const names = this.page.locator('main table tbody tr th');
    return Promise.all((await names.all()).map((cell) => readText(cell)));
  }

  async backToAdmin(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back to admin' }).click();
  }
}

/** Admin: search the audit trail. */
export class AuditTrailPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state?: string): Promise<AuditTrailPage> {
    await verifyPage(page, {
      title: 'Audit trail',
      heading: 'Audit trail',
      screenshot: state ? `admin-audit-${state}` : 'admin-audit',
    });
    return new AuditTrailPage(page);
  }

  /** The "Who" column of the events shown. */
  async eventActors(): Promise<string[]> {
    const cells = this.page.locator('main table tbody tr td:nth-child(2)');
    return Promise.all((await cells.all()).map((cell) => readText(cell)));
  }

  async backToAdmin(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back to admin' }).click();
  }
}

/** Admin: the API tokens other systems use. */
export class ApiTokensPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state?: string): Promise<ApiTokensPage> {
    await verifyPage(page, {
      title: 'API tokens',
      heading: 'API tokens',
      screenshot: state ? `admin-api-tokens-${state}` : 'admin-api-tokens',
    });
    return new ApiTokensPage(page);
  }
}
