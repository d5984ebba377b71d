import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Practice: the referrals inbox, a referral's page, its moves, and the referral form. */
export class ReferralPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(
    page: Page,
    title: string,
    heading: string | RegExp,
    screenshot: string,
    audit = true,
  ): Promise<ReferralPage> {
    await verifyPage(page, { title, heading, screenshot: `referrals-${screenshot}`, audit });
    return new ReferralPage(page);
  }

  /** A referral's page, whichever referral it is: its title is its h1. */
  static async referral(page: Page, screenshot: string, audit = true): Promise<ReferralPage> {
    await page.getByRole('heading', { level: 1, name: /^Referral R-\d{6}$/ }).waitFor();
    const heading = await readText(page.locator('h1'));
    return ReferralPage.verifyOnPage(page, heading, heading, screenshot, audit);
  }

  /** The inbox's status links, as "New (3)". */
  async tabs(): Promise<string[]> {
    const links = await this.page
      .getByRole('navigation', { name: 'Referrals by status' })
      .getByRole('link')
      .all();
    return Promise.all(links.map((link) => readText(link)));
  }

  /** The rows of the referrals table, as text. */
  async rows(): Promise<string[]> {
    const rows = await this.page.locator('main table tbody tr').all();
    return Promise.all(rows.map((row) => readText(row)));
  }

  /** Opens the row whose text matches, by its reference link, with the keyboard. */
  async openRow(matching: RegExp): Promise<void> {
    const row = this.page.locator('main table tbody tr').filter({ hasText: matching }).first();
    await row.getByRole('link').first().focus();
    await this.page.keyboard.press('Enter');
  }

  async mainText(): Promise<string> {
    return readText(this.page.locator('main'));
  }

  /** The reference in the h1 of a referral's page. */
  async reference(): Promise<string> {
    return (await readText(this.page.locator('h1'))).replace('Referral ', '');
  }
}
