import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Presses a button or link with the keyboard, as someone without a mouse would. */
async function press(page: Page, role: 'button' | 'link', name: string): Promise<void> {
  await page.getByRole('main').getByRole(role, { name, exact: true }).first().focus();
  await page.keyboard.press('Enter');
}

/** The directory listings banner ("N listings need checking" and reminders), on Admin and the listings page. */
async function bannerText(page: Page): Promise<string | undefined> {
  const banner = page.locator('.govuk-notification-banner[aria-labelledby="listing-banner-title"]');
  return (await banner.count()) === 1 ? readText(banner) : undefined;
}

/** Admin: the organisation's directory listings. */
export class ListingsPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: string): Promise<ListingsPage> {
    await verifyPage(page, {
      title: 'Directory listings',
      heading: 'Directory listings',
      screenshot: `listings-${state}`,
    });
    return new ListingsPage(page);
  }

  banner(): Promise<string | undefined> {
    return bannerText(this.page);
  }

  async openService(name: string): Promise<void> {
    await press(this.page, 'link', name);
  }
}

/** Admin: one service's listing, with change links, problem reports and "Mark as checked". */
export class ServicePage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, name: string, state: string): Promise<ServicePage> {
    await verifyPage(page, { title: name, heading: name, screenshot: `listing-${state}` });
    return new ServicePage(page);
  }

  async change(part: string): Promise<void> {
    await this.page
      .getByRole('main')
      .getByRole('link', { name: `Change ${part}` })
      .focus();
    await this.page.keyboard.press('Enter');
  }

  /** A summary card's value: "Wait in weeks" → "4". */
  async value(key: string): Promise<string> {
    const row = this.page.locator('.govuk-summary-list__row', {
      has: this.page.locator('.govuk-summary-list__key', { hasText: key }),
    });
    return readText(row.first().locator('.govuk-summary-list__value'));
  }

  async lastChecked(): Promise<string> {
    return readText(this.page.locator('main p', { hasText: 'Last checked' }).first());
  }

  async markChecked(): Promise<void> {
    await press(this.page, 'button', 'Mark as checked — everything is right');
  }
}

/** Admin: the "Getting in and waits" page of a listing. */
export class AccessPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: 'form' | 'error'): Promise<AccessPage> {
    await verifyPage(page, {
      title: 'Getting in and waits',
      heading: 'Getting in and waits',
      screenshot: `listing-access-${state}`,
    });
    return new AccessPage(page);
  }

  async saveWait(weeks: string): Promise<void> {
    await this.page.getByLabel('How long is the wait? (optional)').fill(weeks);
    await press(this.page, 'button', 'Save');
  }
}

/** Partnership: every listing in the area, the out-of-date filter and reminders. */
export class PartnershipDirectoryPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: string): Promise<PartnershipDirectoryPage> {
    await verifyPage(page, {
      title: 'Directory listings in the area',
      heading: 'Directory listings in the area',
      screenshot: `partnership-directory-${state}`,
    });
    return new PartnershipDirectoryPage(page);
  }

  async showOutOfDate(): Promise<void> {
    await this.page.getByLabel('Out of date (not checked for 6 months)').check();
    await press(this.page, 'button', 'Show listings');
  }

  /** The listings shown: service name and whether it is tagged out of date. */
  async listings(): Promise<{ service: string; organisation: string; outOfDate: boolean }[]> {
    const rows = this.page.locator('#area-listings');
    const shown = [];
    for (const row of await rows.locator('tbody tr').all()) {
      const cells = row.locator('td');
      shown.push({
        service: (await readText(cells.nth(0))).replace(/ Inactive$/, ''),
        organisation: await readText(cells.nth(1)),
        outOfDate: (await readText(cells.nth(2))).endsWith('Out of date'),
      });
    }
    return shown;
  }

  async sendReminder(service: string): Promise<void> {
    const name = new RegExp(`^Send (a|another) reminder to check ${service}$`);
    await this.page.getByRole('main').getByRole('button', { name }).focus();
    await this.page.keyboard.press('Enter');
  }
}

/** The directory listings banner on the Admin home page. */
export function adminListingBanner(page: Page): Promise<string | undefined> {
  return bannerText(page);
}

/** Admin: one of a listing's small pages (places, a place, areas, phones, opening times), by its h1. */
export class ListingPartPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, heading: string, state: string): Promise<ListingPartPage> {
    await verifyPage(page, { title: heading, heading, screenshot: `listing-part-${state}` });
    return new ListingPartPage(page);
  }

  async fill(fields: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(fields))
      await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  async choose(label: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).check();
  }

  async select(label: string, option: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).selectOption({ label: option });
  }

  async press(name: string): Promise<void> {
    await press(this.page, 'button', name);
  }

  /** The main column's text, to find what the page lists. */
  async mainText(): Promise<string> {
    return readText(this.page.getByRole('main'));
  }
}
