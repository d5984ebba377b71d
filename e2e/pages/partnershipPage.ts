import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Partnership: the area's figures, counts only, with small numbers hidden. */
export class PartnershipPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  /** Checks the browser is on the overview of the partnership area called `areaName`. */
  static async verifyOnPage(page: Page, areaName: string, state?: string): Promise<PartnershipPage> {
    await verifyPage(page, {
      title: 'Partnership overview',
      heading: areaName,
      screenshot: state ? `partnership-${state}` : 'partnership',
    });
    return new PartnershipPage(page);
  }

  /** Open families by locality as shown: locality → the figure's text ("34", "fewer than 10"). */
  async openFamiliesByLocality(): Promise<Map<string, string>> {
    const table = this.page.locator('main table', {
      has: this.page.locator('caption', { hasText: 'Open families by locality' }),
    });
    const shown = new Map<string, string>();
    for (const row of await table.locator('tbody tr').all())
      shown.set(await readText(row.locator('th')), await readText(row.locator('td')));
    return shown;
  }

  /** Names of the member organisations listed. */
  async organisations(): Promise<string[]> {
    const table = this.page.locator('main table', {
      has: this.page.locator('caption', { hasText: 'Member organisations' }),
    });
    const cells = table.locator('tbody tr td:first-child');
    return Promise.all((await cells.all()).map((cell) => readText(cell)));
  }
}
