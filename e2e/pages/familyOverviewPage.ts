import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Practice: one family's overview: members, family map, team, what is due next and the latest chronology. */
export class FamilyOverviewPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  /** Checks the browser is on the overview of the family called `familyName`. */
  static async verifyOnPage(
    page: Page,
    familyName: string,
    state?: string,
    audit = true,
  ): Promise<FamilyOverviewPage> {
    await verifyPage(page, {
      title: 'Family overview',
      heading: familyName,
      screenshot: state ? `family-overview-${state}` : 'family-overview',
      audit,
    });
    return new FamilyOverviewPage(page);
  }

  /** The family's reference, shown as the caption above the heading. */
  async reference(): Promise<string> {
    return readText(this.page.locator('main .govuk-caption-l'));
  }

  /** Member names, in the order of the member cards. */
  async memberNames(): Promise<string[]> {
    const titles = this.page.locator('main .hearth-member-card .govuk-summary-card__title');
    return Promise.all((await titles.all()).map((title) => readText(title)));
  }

  /** Everything a member's card says, as one line of text. */
  async memberCard(name: string): Promise<string> {
    const card = this.page.locator('main .hearth-member-card', {
      has: this.page.locator('.govuk-summary-card__title', { hasText: name }),
    });
    return readText(card);
  }

  /** The organisations now in the team around the family. */
  async teamOrganisations(): Promise<string[]> {
    const names = this.page.locator('main .hearth-team-list > li > strong');
    return Promise.all((await names.all()).map((name) => readText(name)));
  }

  /** The lead professional line, like "Lead professional: none agreed yet". */
  async leadProfessional(): Promise<string> {
    return readText(this.page.locator('main p', { hasText: 'Lead professional:' }));
  }

  /** The items under "What is due next". */
  async dueNext(): Promise<string[]> {
    const items = this.page.locator('main h2#due-next + ul > li');
    return Promise.all((await items.all()).map((item) => readText(item)));
  }

  /** The family map's accessible name (its SVG title). */
  async mapTitle(): Promise<string> {
    return readText(this.page.locator('main svg[role="img"] > title'));
  }

  /** The names drawn in the family map's boxes. */
  async namesOnMap(): Promise<string[]> {
    const names = this.page.locator('main svg[role="img"] text[font-weight="700"]');
    return Promise.all((await names.all()).map((name) => readText(name)));
  }

  /** The relationships in words beside the map. */
  async relationships(): Promise<string[]> {
    const items = this.page.locator('main .hearth-relationship-list > li');
    return Promise.all((await items.all()).map((item) => readText(item)));
  }

  /** The "When / About / What happened" text of each row of the latest chronology. */
  async latestChronology(): Promise<string[]> {
    const rows = this.page.locator('main table', {
      has: this.page.locator('caption', { hasText: 'chronology' }),
    });
    return Promise.all((await rows.locator('tbody tr').all()).map((row) => readText(row)));
  }

  /** Follows a link in the page, like "Add a relationship" or "Consent". */
  async follow(link: string): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name: link, exact: true }).first().click();
    await this.page.waitForLoadState('load');
  }

  async backToFamilies(): Promise<void> {
    await this.page.getByRole('link', { name: 'Back to families' }).click();
  }
}
