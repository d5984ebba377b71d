import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Every finder page: the same header, footer and "Exit this page". */
abstract class FinderPage extends BasePage {
  /** Where "Exit this page" goes. */
  async exitHref(): Promise<string | null> {
    return this.page
      .getByRole('button', { name: 'Exit this page' })
      .or(this.page.getByRole('link', { name: 'Exit this page' }))
      .first()
      .getAttribute('href');
  }

  async exitThisPage(): Promise<void> {
    await this.page.locator('.govuk-exit-this-page__button').click();
  }
}

/** /find-support: a postcode, or an area instead. */
export class FindSupportPage extends FinderPage {
  private constructor(page: Page) {
    super(page);
  }

  static async goto(page: Page, state?: string): Promise<FindSupportPage> {
    await page.goto('/find-support');
    return FindSupportPage.verifyOnPage(page, state);
  }

  static async verifyOnPage(page: Page, state?: string, audit = true): Promise<FindSupportPage> {
    await verifyPage(page, {
      title: 'Find support',
      heading: 'Find support',
      screenshot: state ? `find-support-${state}` : 'find-support',
      audit,
    });
    return new FindSupportPage(page);
  }

  async searchByPostcode(postcode: string): Promise<void> {
    await this.page.getByLabel('Your postcode').fill(postcode);
    await this.page.getByRole('button', { name: 'Search', exact: true }).click();
  }

  async searchByArea(area: string): Promise<void> {
    await this.page.getByLabel('Choose your area').selectOption({ label: area });
    await this.page.getByRole('button', { name: 'Search by area' }).click();
  }
}

/** The results of a search: near you, then support you can get anywhere. */
export class FinderResultsPage extends FinderPage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(
    page: Page,
    heading: string,
    state: string,
    audit = true,
  ): Promise<FinderResultsPage> {
    await verifyPage(page, {
      title: 'Search results – Find support',
      heading,
      screenshot: `find-support-results-${state}`,
      audit,
    });
    return new FinderResultsPage(page);
  }

  /** Ticks the choices under each question, then updates the results. */
  async narrow(choices: Record<string, string[]>): Promise<void> {
    for (const [question, labels] of Object.entries(choices))
      for (const label of labels)
        await this.page.getByRole('group', { name: question }).getByLabel(label, { exact: true }).check();
    await this.page.getByRole('button', { name: 'Update results' }).click();
  }

  /** The services listed under a heading ("Near you", "Support you can get anywhere"). */
  async listed(heading: string): Promise<string[]> {
    const list = this.page.locator(`h2:text-is("${heading}") ~ ul.finder-results`).first();
    if ((await list.count()) === 0) return [];
    return (await list.locator('h3 a').allTextContents()).map((t) => t.trim());
  }

  async status(): Promise<string> {
    return readText(this.page.locator('p.finder-status'));
  }

  async openService(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).first().click();
  }
}

/** A service's public page. */
export class FinderServicePage extends FinderPage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, name: string, state = 'service'): Promise<FinderServicePage> {
    await verifyPage(page, {
      title: 'Service details – Find support',
      heading: name,
      screenshot: `find-support-${state}`,
    });
    return new FinderServicePage(page);
  }

  /** The summary list's value for a row. */
  async fact(key: string): Promise<string> {
    return readText(
      this.page
        .locator('.govuk-summary-list__row', { has: this.page.locator(`dt:text-is("${key}")`) })
        .locator('dd'),
    );
  }

  async askForSupport(): Promise<void> {
    await this.page.getByRole('button', { name: 'Ask for support' }).click();
  }
}

export interface ReferralDetails {
  name?: string;
  who?: string;
  how?: 'Phone call' | 'Text message' | 'Email' | 'Do not contact me. I will contact them myself';
  phone?: string;
  leaveMessage?: 'Yes' | 'No';
  safeTimes?: string;
  helpWith?: string;
}

/** "Ask for support": the self-referral form. */
export class FinderReferPage extends FinderPage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: string, audit = true): Promise<FinderReferPage> {
    await verifyPage(page, {
      title: 'Ask for support – Find support',
      heading: 'Ask for support',
      screenshot: `find-support-refer-${state}`,
      audit,
    });
    return new FinderReferPage(page);
  }

  async send(details: ReferralDetails): Promise<void> {
    const page = this.page;
    if (details.name !== undefined) await page.getByLabel('What should we call you?').fill(details.name);
    if (details.who) await page.getByLabel('Who are you? (optional)').selectOption({ label: details.who });
    if (details.how)
      await page
        .getByRole('group', { name: 'How is it safe to contact you?' })
        .getByLabel(details.how, { exact: true })
        .check();
    if (details.phone !== undefined)
      await page.getByLabel('Phone number', { exact: true }).fill(details.phone);
    if (details.leaveMessage)
      await page
        .getByRole('group', { name: 'If they phone and you do not answer, can they leave a message?' })
        .getByLabel(details.leaveMessage, { exact: true })
        .check();
    if (details.safeTimes !== undefined)
      await page.getByLabel('When is it safe to contact you? (optional)').fill(details.safeTimes);
    if (details.helpWith !== undefined)
      await page.getByLabel('What would you like help with?').fill(details.helpWith);
    await page.getByRole('button', { name: 'Send' }).click();
  }
}

/** After asking for support: what happens next. */
export class FinderAskedPage extends FinderPage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state = 'asked', audit = true): Promise<FinderAskedPage> {
    await verifyPage(page, {
      title: 'Your message has been sent – Find support',
      heading: 'Your message has been sent',
      screenshot: `find-support-${state}`,
      audit,
    });
    return new FinderAskedPage(page);
  }

  async whatHappensNext(): Promise<string> {
    return readText(this.page.locator('h2:text-is("What happens next") + p'));
  }
}
