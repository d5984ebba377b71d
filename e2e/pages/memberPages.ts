import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** What the member details form asks, in the words a practitioner fills in. */
export interface MemberDetailsInput {
  givenName?: string;
  familyName?: string;
  preferredName?: string;
  pronouns?: string;
  dateOfBirth?: { day: string; month: string; year: string };
  approximateAge?: string;
  relationshipLabel?: string;
  roles?: string[];
  livesInHousehold?: 'yes' | 'no' | 'unknown';
  phone?: string;
  address?: string;
  postcode?: string;
  safeToPhone?: 'yes' | 'no' | 'unknown';
  contactSafetyNote?: string;
}

/** The member details fields shared by starting a family, adding a member and changing details. */
abstract class MemberFormPage extends BasePage {
  async fillDetails(input: MemberDetailsInput): Promise<void> {
    const page = this.page;
    const text: [keyof MemberDetailsInput, string][] = [
      ['givenName', 'First name'],
      ['familyName', 'Last name (optional)'],
      ['preferredName', 'Name they like to be called (optional)'],
      ['pronouns', 'Pronouns (optional)'],
      ['approximateAge', 'Approximate age in years (optional)'],
      ['relationshipLabel', 'Who they are in the family (optional)'],
      ['phone', 'Phone (optional)'],
      ['address', 'Address (optional)'],
      ['postcode', 'Postcode (optional)'],
      ['contactSafetyNote', 'Anything else workers should know before contacting them (optional)'],
    ];
    for (const [name, label] of text) {
      const value = input[name];
      if (typeof value === 'string') await page.getByLabel(label, { exact: true }).fill(value);
    }
    if (input.dateOfBirth) {
      await page.locator('#dateOfBirth-day').fill(input.dateOfBirth.day);
      await page.locator('#dateOfBirth-month').fill(input.dateOfBirth.month);
      await page.locator('#dateOfBirth-year').fill(input.dateOfBirth.year);
    }
    for (const role of input.roles ?? []) await page.getByLabel(role, { exact: true }).check();
    if (input.livesInHousehold)
      await page.locator(`input[name="livesInHousehold"][value="${input.livesInHousehold}"]`).check();
    if (input.safeToPhone)
      await page.locator(`input[name="safeToPhone"][value="${input.safeToPhone}"]`).check();
  }

  async submit(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }
}

/** Practice: start a family record from whoever came first. */
export class StartFamilyPage extends MemberFormPage {
  static async verifyOnPage(page: Page, state = 'empty'): Promise<StartFamilyPage> {
    await verifyPage(page, {
      title: 'Start a family record',
      heading: 'Start a family record',
      screenshot: `start-family-${state}`,
    });
    return new StartFamilyPage(page);
  }

  async fillFamily(name: string, locality: string): Promise<void> {
    await this.page.getByLabel('What to call the family record').fill(name);
    await this.page.getByLabel('Where they live').selectOption({ label: locality });
  }
}

/** Practice: add a family member. */
export class AddMemberPage extends MemberFormPage {
  static async verifyOnPage(page: Page, state = 'empty'): Promise<AddMemberPage> {
    await verifyPage(page, {
      title: 'Add a family member',
      heading: 'Add a family member',
      screenshot: `add-member-${state}`,
    });
    return new AddMemberPage(page);
  }
}

/** Practice: people already on Hearth who may be the person being added. */
export class PossibleDuplicatesPage extends BasePage {
  static async verifyOnPage(page: Page, state?: string): Promise<PossibleDuplicatesPage> {
    await verifyPage(page, {
      title: 'Is this someone already on Hearth?',
      heading: 'Is this someone already on Hearth?',
      screenshot: state ? `possible-duplicates-${state}` : 'possible-duplicates',
    });
    return new PossibleDuplicatesPage(page);
  }

  async matchNames(): Promise<string[]> {
    const titles = await this.page.locator('.govuk-summary-card__title').all();
    return Promise.all(titles.map((t) => readText(t)));
  }

  async choose(buttonName: string): Promise<void> {
    await this.page.getByRole('button', { name: buttonName, exact: true }).click();
  }
}

/** Practice: one family member's page. */
export class MemberPage extends BasePage {
  static async verifyOnPage(page: Page, name: string, state = 'member'): Promise<MemberPage> {
    await verifyPage(page, { title: 'Family member', heading: name, screenshot: `member-${state}` });
    return new MemberPage(page);
  }

  /** The value of a row in one of the summary lists, by its key. */
  async detail(key: string): Promise<string> {
    const row = this.page.locator('.govuk-summary-list__row', {
      has: this.page.locator('dt', { hasText: key }),
    });
    return readText(row.first().locator('dd'));
  }

  async contactWarning(): Promise<string | undefined> {
    const warning = this.page.locator('.govuk-warning-text__text');
    return (await warning.count()) === 1 ? (await readText(warning)).replace(/^Warning\s*/, '') : undefined;
  }

  async open(
    link: 'Change their details' | 'History of changes' | 'Leaving or moving family',
  ): Promise<void> {
    await this.page.getByRole('link', { name: link, exact: true }).click();
  }
}

/** Practice: change a family member's details. */
export class EditMemberPage extends MemberFormPage {
  static async verifyOnPage(page: Page, name: string): Promise<EditMemberPage> {
    await verifyPage(page, {
      title: 'Change a family member’s details',
      heading: `Change ${name}’s details`,
      screenshot: 'edit-member',
    });
    return new EditMemberPage(page);
  }
}

/** Practice: the history of changes to a member's record. */
export class MemberHistoryPage extends BasePage {
  static async verifyOnPage(page: Page): Promise<MemberHistoryPage> {
    await verifyPage(page, {
      title: 'History of changes',
      heading: 'History of changes',
      screenshot: 'member-history',
    });
    return new MemberHistoryPage(page);
  }

  /** Each change's caption ("Their details: Changed, …"), newest first. */
  async changes(): Promise<string[]> {
    const captions = await this.page.locator('main table caption').all();
    return Promise.all(captions.map((c) => readText(c)));
  }

  /** The "before → after" of a field in the newest change that has it. */
  async change(field: string): Promise<{ from: string; to: string } | undefined> {
    const row = this.page
      .locator('main table tbody tr', { has: this.page.locator('th', { hasText: field }) })
      .first();
    if ((await row.count()) === 0) return undefined;
    const [from = '', to = ''] = await Promise.all(
      (await row.locator('td').all()).map((cell) => readText(cell)),
    );
    return { from, to };
  }
}

/** Practice: the user's own organisation's support for a member. */
export class SupportPage extends BasePage {
  static async verifyOnPage(page: Page, state = 'empty'): Promise<SupportPage> {
    await verifyPage(page, {
      title: 'Your organisation’s support',
      heading: 'Your organisation’s support',
      screenshot: `member-support-${state}`,
    });
    return new SupportPage(page);
  }

  async save(status: string, options: { reason?: string; confidential?: boolean } = {}): Promise<void> {
    await this.page.getByLabel(status, { exact: true }).check();
    if (options.reason !== undefined)
      await this.page.getByLabel('If support has closed, why?').fill(options.reason);
    if (options.confidential)
      await this.page.getByLabel('Keep this person’s support confidential to my organisation').check();
    await this.page.getByRole('button', { name: 'Save support' }).click();
  }
}

/** Practice: ending a membership, or moving a member to another family. */
export class LeavePage extends BasePage {
  static async verifyOnPage(page: Page, state = 'empty'): Promise<LeavePage> {
    await verifyPage(page, {
      title: 'Leaving or moving family',
      heading: 'Leaving or moving family',
      screenshot: `member-leave-${state}`,
    });
    return new LeavePage(page);
  }

  async leave(date: { day: string; month: string; year: string }, reason: string): Promise<void> {
    await this.page.locator('#endedOn-day').fill(date.day);
    await this.page.locator('#endedOn-month').fill(date.month);
    await this.page.locator('#endedOn-year').fill(date.year);
    await this.page.getByLabel('Why are they leaving?').fill(reason);
    await this.page.getByRole('button', { name: 'Save' }).click();
  }
}

/** Practice (team leads): merging two records of one person. */
export class MergePage extends BasePage {
  static async verifyOnPage(page: Page): Promise<MergePage> {
    await verifyPage(page, {
      title: 'Merge two records of one person',
      heading: 'Merge two records of one person',
      screenshot: 'member-merge',
    });
    return new MergePage(page);
  }

  async merge(otherName: string, keep: 'this' | 'other'): Promise<void> {
    await this.page.getByLabel(otherName, { exact: true }).check();
    await this.page.locator(`input[name="keep"][value="${keep}"]`).check();
    await this.page.getByRole('button', { name: 'Merge the records' }).click();
  }
}
