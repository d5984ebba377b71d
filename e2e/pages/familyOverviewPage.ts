import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Practice: one family's overview, with its members and the team around the family. */
export class FamilyOverviewPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  /** Checks the browser is on the overview of the family called `familyName`. */
  static async verifyOnPage(page: Page, familyName: string, state?: string): Promise<FamilyOverviewPage> {
    await verifyPage(page, {
      title: 'Family overview',
      heading: familyName,
      screenshot: state ? `family-overview-${state}` : 'family-overview',
    });
    return new FamilyOverviewPage(page);
  }

  /** The family's reference, shown as the caption above the heading. */
  async reference(): Promise<string> {
    return readText(this.page.locator('main .govuk-caption-l'));
  }

  /** Member names, in the order of the members table. */
  async memberNames(): Promise<string[]> {
    const cells = this.page.locator('main table tbody tr td:first-child');
    return Promise.all((await cells.all()).map((cell) => readText(cell)));
  }

  /** The organisations in the team around the family (each item is the name, then "since" a date). */
  async teamOrganisations(): Promise<string[]> {
    const team = this.page.locator('main h2', { hasText: 'Team around the family' }).locator('+ ul > li');
    return Promise.all(
      (await team.all()).map((item) => item.evaluate((li) => li.firstChild?.textContent?.trim() ?? '')),
    );
  }

  async backToFamilies(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back to families' }).click();
  }
}
