import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Practice: recording a contact with one or several members of a family. */
export class RecordContactPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(
    page: Page,
    familyName: string,
    state: string,
    audit = true,
  ): Promise<RecordContactPage> {
    await verifyPage(page, {
      title: `Record a contact: ${familyName}`,
      heading: 'Record a contact',
      screenshot: `record-contact-${state}`,
      audit,
    });
    return new RecordContactPage(page);
  }

  /** The members offered, by name. */
  async memberNames(): Promise<string[]> {
    const labels = this.page.locator('#members').locator('xpath=ancestor::fieldset[1]').locator('label');
    return (await labels.allTextContents()).map((t) => t.trim());
  }

  /** Which radio is chosen in a group ("kind", "channel", "outcome"). */
  async chosen(name: string): Promise<string | null> {
    const checked = this.page.locator(`input[name="${name}"]:checked`);
    return (await checked.count()) ? checked.getAttribute('value') : null;
  }

  async tickMember(name: string): Promise<void> {
    await this.page.getByRole('checkbox', { name, exact: true }).check();
  }

  async choose(label: string): Promise<void> {
    await this.page.getByRole('radio', { name: label, exact: true }).check();
  }

  async tickTopic(label: string): Promise<void> {
    await this.page.getByRole('checkbox', { name: label, exact: true }).check();
  }

  async fill(label: string, value: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).fill(value);
  }

  /** Counts the contact toward a programme, by the select's label ("CRAFT (…): Amira Henderson"). */
  async partOf(option: string): Promise<void> {
    await this.page.locator('#enrolmentId').selectOption({ label: option });
  }

  /** Submits with the keyboard. */
  async record(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record contact' }).focus();
    await this.page.keyboard.press('Enter');
  }
}

/** Practice: a family's contacts, newest first. */
export class ContactsPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(
    page: Page,
    familyName: string,
    state: string,
    audit = true,
  ): Promise<ContactsPage> {
    await verifyPage(page, {
      title: `Contacts: ${familyName}`,
      heading: 'Contacts',
      screenshot: `contacts-${state}`,
      audit,
    });
    return new ContactsPage(page);
  }

  /** Each contact's heading ("2 Dec 2026, 10:30: Whole-family, home visit"), newest first. */
  async headings(): Promise<string[]> {
    const titles = this.page.locator('main .govuk-summary-card__title');
    return Promise.all((await titles.all()).map((t) => readText(t)));
  }

  /** A row of the newest contact's summary list, by its key. */
  async newest(key: string): Promise<string> {
    const card = this.page.locator('main .govuk-summary-card').first();
    const row = card.locator('.govuk-summary-list__row', {
      has: this.page.locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }),
    });
    return readText(row.locator('dd'));
  }
}
