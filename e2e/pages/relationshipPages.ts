import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Practice: a family's relationships, each said from both sides. */
export class RelationshipsPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: string): Promise<RelationshipsPage> {
    await verifyPage(page, {
      title: 'Relationships',
      heading: 'Relationships',
      screenshot: `relationships-${state}`,
    });
    return new RelationshipsPage(page);
  }

  /** Each row's first cell: the relationship from one side, then from the other. */
  async rows(): Promise<string[]> {
    const cells = this.page.locator('main table tbody tr td:first-child');
    return Promise.all((await cells.all()).map((cell) => readText(cell)));
  }

  /** The "Now or past" tag of the row saying `sentence`. */
  async status(sentence: string): Promise<string> {
    const row = this.page.locator('main table tbody tr', { hasText: sentence });
    return readText(row.locator('.govuk-tag'));
  }

  async add(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a relationship' }).click();
  }

  /** Opens a row's change or mark-as-past link; its hidden text names the relationship. */
  async openRow(action: 'Change' | 'Mark as past', sentence: string): Promise<void> {
    await this.page.getByRole('link', { name: `${action} – ${sentence}` }).click();
  }
}

export interface RelationshipAnswer {
  from: string;
  relation: string;
  to: string;
  quality?: 'Supportive' | 'Mixed' | 'Strained' | 'Harmful' | 'Not known';
  current?: 'Current' | 'In the past';
  note?: string;
}

/** Practice: add a relationship between two members, said as a sentence. */
export class AddRelationshipPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: string): Promise<AddRelationshipPage> {
    await verifyPage(page, {
      title: 'Add a relationship',
      heading: 'Add a relationship',
      screenshot: `add-relationship-${state}`,
    });
    return new AddRelationshipPage(page);
  }

  async fill(answer: RelationshipAnswer): Promise<void> {
    const page = this.page;
    if (answer.from)
      await page.getByLabel('First person', { exact: true }).selectOption({ label: answer.from });
    if (answer.relation)
      await page.getByLabel('is the', { exact: true }).selectOption({ label: answer.relation });
    if (answer.to) await page.getByLabel('Second person', { exact: true }).selectOption({ label: answer.to });
    if (answer.quality) await page.getByLabel(answer.quality, { exact: true }).check();
    if (answer.current) await page.getByLabel(answer.current, { exact: true }).check();
    if (answer.note) await page.getByLabel('Note (optional)').fill(answer.note);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add relationship' }).click();
    await this.page.waitForLoadState('load');
  }
}

/** Practice: change how a relationship is, or whether it is current. */
export class EditRelationshipPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<EditRelationshipPage> {
    await verifyPage(page, {
      title: 'Change a relationship',
      heading: 'Change a relationship',
      screenshot: 'edit-relationship',
    });
    return new EditRelationshipPage(page);
  }

  async choose(label: string): Promise<void> {
    await this.page.getByLabel(label, { exact: true }).check();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save changes' }).click();
    await this.page.waitForLoadState('load');
  }
}

/** Practice: confirm marking a relationship as in the past. */
export class EndRelationshipPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<EndRelationshipPage> {
    await verifyPage(page, {
      title: 'Mark a relationship as past',
      heading: 'Mark a relationship as past',
      screenshot: 'end-relationship',
    });
    return new EndRelationshipPage(page);
  }

  async confirm(): Promise<void> {
    await this.page.getByRole('button', { name: 'Mark as past' }).click();
    await this.page.waitForLoadState('load');
  }
}

/** Practice: the family map page, with the same information as lists. */
export class FamilyMapPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: string): Promise<FamilyMapPage> {
    await verifyPage(page, { title: 'Family map', heading: 'Family map', screenshot: `family-map-${state}` });
    return new FamilyMapPage(page);
  }

  async namesOnMap(): Promise<string[]> {
    const names = this.page.locator('main svg[role="img"] text[font-weight="700"]');
    return Promise.all((await names.all()).map((name) => readText(name)));
  }

  /** How many relationship lines the map draws. */
  async lineCount(): Promise<number> {
    return this.page.locator('main svg[role="img"] path').count();
  }

  async relationships(): Promise<string[]> {
    const items = this.page.locator('main .hearth-relationship-list > li');
    return Promise.all((await items.all()).map((item) => readText(item)));
  }
}

/** The family map alone, for printing. */
export class FamilyMapPrintPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string): Promise<FamilyMapPrintPage> {
    await verifyPage(page, {
      title: 'Family map: print view',
      heading: `Family map: ${familyName}`,
      screenshot: 'family-map-print',
    });
    return new FamilyMapPrintPage(page);
  }
}

/** Practice: the history of changes to a family's relationships. */
export class RelationshipHistoryPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<RelationshipHistoryPage> {
    await verifyPage(page, {
      title: 'History of relationship changes',
      heading: 'History of relationship changes',
      screenshot: 'relationship-history',
    });
    return new RelationshipHistoryPage(page);
  }

  /** Each change as one line: when and who, the relationship and what happened, and the old and new values. */
  async entries(): Promise<string[]> {
    const rows = this.page.locator('main table tbody tr');
    return Promise.all((await rows.all()).map((row) => readText(row)));
  }
}
