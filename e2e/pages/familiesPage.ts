import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

export interface FamilyRow {
  reference: string;
  name: string;
  locality: string;
  members: string;
}

/** Practice: the open families the user's organisation works with. */
export class FamiliesPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state?: string): Promise<FamiliesPage> {
    await verifyPage(page, {
      title: 'Families',
      heading: 'Families',
      screenshot: state ? `families-${state}` : 'families',
    });
    return new FamiliesPage(page);
  }

  /** The sentence under the heading, like "52 open families your organisation works with." */
  async summary(): Promise<string> {
    return readText(this.page.locator('main h1 + p'));
  }

  async rows(): Promise<FamilyRow[]> {
    const rows = await this.page.locator('main table tbody tr').all();
    return Promise.all(
      rows.map(async (row) => {
        const [reference = '', name = '', locality = '', members = ''] = await Promise.all(
          (await row.locator('td').all()).map((cell) => readText(cell)),
        );
        return { reference, name, locality, members };
      }),
    );
  }

  /** Opens a family by its reference link, with the keyboard. */
  async openFamily(reference: string): Promise<void> {
    await this.page.getByRole('link', { name: reference, exact: true }).focus();
    await this.page.keyboard.press('Enter');
  }
}
