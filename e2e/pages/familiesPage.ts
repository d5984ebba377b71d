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

  /**
   * The rows of families loaded with the demo (references GC-0001 to GC-0063), leaving out
   * families that other browser journeys have started on the same server.
   */
  async demoRows(): Promise<FamilyRow[]> {
    return (await this.rows()).filter(
      (row) => /^GC-\d{4}$/.test(row.reference) && Number(row.reference.slice(3)) <= 63,
    );
  }

  /** Opens a family by its reference link, with the keyboard. */
  async openFamily(reference: string): Promise<void> {
    await this.page.getByRole('link', { name: reference, exact: true }).focus();
    await this.page.keyboard.press('Enter');
  }
}
