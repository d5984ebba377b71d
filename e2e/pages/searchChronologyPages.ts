import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Practice: find a family by a member's name, date of birth, postcode or the family reference. */
export class FamilySearchPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async goto(page: Page): Promise<FamilySearchPage> {
    await page.goto('/practice/search');
    return FamilySearchPage.verifyOnPage(page, 'empty');
  }

  static async verifyOnPage(page: Page, state: string): Promise<FamilySearchPage> {
    await verifyPage(page, {
      title: 'Find a family',
      heading: 'Find a family',
      screenshot: `family-search-${state}`,
    });
    return new FamilySearchPage(page);
  }

  /** Fills in the form (only the fields given) and presses Search. */
  async search(
    terms: { name?: string; dateOfBirth?: [string, string, string]; postcode?: string },
    state: string,
  ) {
    const main = this.page.getByRole('main');
    if (terms.name !== undefined) await main.getByLabel('Name', { exact: true }).fill(terms.name);
    if (terms.dateOfBirth) {
      const [day, month, year] = terms.dateOfBirth;
      await this.page.locator('#dateOfBirth-day').fill(day);
      await this.page.locator('#dateOfBirth-month').fill(month);
      await this.page.locator('#dateOfBirth-year').fill(year);
    }
    if (terms.postcode !== undefined) await main.getByLabel('Postcode').fill(terms.postcode);
    await main.getByRole('button', { name: 'Search' }).click();
    await this.page.waitForLoadState('load');
    return FamilySearchPage.verifyOnPage(this.page, state);
  }

  async summary(): Promise<string> {
    return readText(this.page.locator('#results-summary'));
  }

  /** Each result: the family's name, reference line and the members who matched. */
  async results(): Promise<{ name: string; details: string; members: string[] }[]> {
    const items = await this.page.locator('.hearth-search-results > li').all();
    return Promise.all(
      items.map(async (item) => ({
        name: await readText(item.locator('h3')),
        details: await readText(item.locator('p').first()),
        members: await Promise.all((await item.locator('ul > li').all()).map((li) => readText(li))),
      })),
    );
  }

  async openResult(familyName: string): Promise<void> {
    await this.page.locator('.hearth-search-results').getByRole('link', { name: familyName }).first().click();
    await this.page.waitForLoadState('load');
  }
}

/** Practice: a family's chronology, newest first, with filters. */
export class ChronologyPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async goto(page: Page, familyId: string, familyName: string): Promise<ChronologyPage> {
    await page.goto(`/practice/families/${familyId}/chronology`);
    return ChronologyPage.verifyOnPage(page, familyName, 'all');
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<ChronologyPage> {
    await verifyPage(page, {
      title: `Chronology: ${familyName}`,
      heading: 'Chronology',
      screenshot: `chronology-${state}`,
    });
    return new ChronologyPage(page);
  }

  async count(): Promise<string> {
    return readText(this.page.locator('#chronology-count'));
  }

  /** Each entry as one line: who it is about, when, its tags and what happened. */
  async entries(): Promise<string[]> {
    const items = await this.page.locator('.hearth-chronology .moj-timeline__item').all();
    return Promise.all(items.map((item) => readText(item)));
  }

  /** Chooses filters by their visible text and applies them. */
  async filter(
    choices: { about?: string; impact?: string; kind?: string },
    familyName: string,
    state: string,
  ) {
    const main = this.page.getByRole('main');
    if (choices.about) await main.getByLabel('About').selectOption({ label: choices.about });
    if (choices.impact) await main.getByLabel('Impact').selectOption({ label: choices.impact });
    if (choices.kind) await main.getByLabel('Kind').selectOption({ label: choices.kind });
    await main.getByRole('button', { name: 'Apply filters' }).click();
    await this.page.waitForLoadState('load');
    return ChronologyPage.verifyOnPage(this.page, familyName, state);
  }

  async follow(link: string): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name: link, exact: true }).first().click();
    await this.page.waitForLoadState('load');
  }

  /** The "Add an entry" button (a link styled and announced as a button). */
  async addEntry(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Add an entry', exact: true }).click();
    await this.page.waitForLoadState('load');
  }
}

/** The chronology laid out for printing, without navigation. */
export class ChronologyPrintPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string): Promise<ChronologyPrintPage> {
    await verifyPage(page, {
      title: `Chronology (print): ${familyName}`,
      heading: `Chronology: ${familyName}`,
      screenshot: 'chronology-print',
    });
    return new ChronologyPrintPage(page);
  }

  async hasNavigation(): Promise<boolean> {
    return (await this.page.locator('.govuk-service-navigation, .hearth-header, footer').count()) > 0;
  }

  async entryCount(): Promise<number> {
    return this.page.locator('.hearth-chronology .moj-timeline__item').count();
  }
}

/** The form to add an entry to a family's chronology. */
export class AddChronologyEntryPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<AddChronologyEntryPage> {
    await verifyPage(page, {
      title: `Add a chronology entry: ${familyName}`,
      heading: 'Add a chronology entry',
      screenshot: `chronology-add-${state}`,
    });
    return new AddChronologyEntryPage(page);
  }

  async fill(entry: {
    about?: string;
    kind?: string;
    occurredOn?: [string, string, string];
    what?: string;
    source?: string;
    impact?: string;
  }): Promise<void> {
    const main = this.page.getByRole('main');
    if (entry.about) await main.getByLabel('Who is it about?').selectOption({ label: entry.about });
    if (entry.kind) await main.getByLabel(entry.kind, { exact: true }).check();
    if (entry.occurredOn) {
      const [day, month, year] = entry.occurredOn;
      await this.page.locator('#occurredOn-day').fill(day);
      await this.page.locator('#occurredOn-month').fill(month);
      await this.page.locator('#occurredOn-year').fill(year);
    }
    if (entry.what !== undefined) await main.getByLabel('What happened').fill(entry.what);
    if (entry.source !== undefined) await main.getByLabel('Source (optional)').fill(entry.source);
    if (entry.impact) await main.getByLabel(entry.impact, { exact: true }).check();
  }

  async submit(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Add entry' }).click();
    await this.page.waitForLoadState('load');
  }
}
