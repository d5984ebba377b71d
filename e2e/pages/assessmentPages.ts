import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Opens a family by its reference through the search, and returns its id from the overview's address. */
export async function openFamilyByReference(
  page: Page,
  reference: string,
): Promise<{ id: string; name: string }> {
  await page.goto(`/practice/search?reference=${encodeURIComponent(reference)}`);
  await page.locator('.hearth-search-results a').first().click();
  await page.waitForLoadState('load');
  const id = new URL(page.url()).pathname.split('/').pop() as string;
  return { id, name: await readText(page.locator('main h1')) };
}

export interface SectionCard {
  name: string;
  kind: string;
  text: string;
}

/** Practice: a family's whole-family assessment, its sections, concerns and carers. */
export class AssessmentPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async goto(
    page: Page,
    familyId: string,
    familyName: string,
    state: string,
    audit = true,
  ): Promise<AssessmentPage> {
    await page.goto(`/practice/families/${familyId}/assessment`);
    return AssessmentPage.verifyOnPage(page, familyName, state, audit);
  }

  static async verifyOnPage(
    page: Page,
    familyName: string,
    state: string,
    audit = true,
  ): Promise<AssessmentPage> {
    await verifyPage(page, {
      title: `Whole-family assessment: ${familyName}`,
      heading: 'Whole-family assessment',
      screenshot: `assessment-${state}`,
      audit,
    });
    return new AssessmentPage(page);
  }

  /** The version line, like "Draft Version 1, started 23 Nov 2026 by Morven Blair." */
  async versionLine(): Promise<string> {
    return readText(this.page.locator('main p', { has: this.page.locator('.govuk-tag') }).first());
  }

  async press(name: string): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name, exact: true }).click();
    await this.page.waitForLoadState('load');
  }

  async follow(name: string | RegExp): Promise<void> {
    await this.page.getByRole('main').getByRole('link', { name }).first().click();
    await this.page.waitForLoadState('load');
  }

  /** Each section's card: the member (or "The whole family"), its kind, and all it says. */
  async sectionCards(): Promise<SectionCard[]> {
    const cards = await this.page.locator('main .govuk-summary-card').all();
    return Promise.all(
      cards.map(async (card) => {
        const title = await readText(card.locator('.govuk-summary-card__title'));
        const [name = '', kind = ''] = title.split(' · ');
        return { name, kind, text: await readText(card) };
      }),
    );
  }

  /** "Complete this assessment" is a link styled as a button, so it has the button role. */
  async openComplete(): Promise<void> {
    await this.page.getByRole('main').getByRole('button', { name: 'Complete this assessment' }).click();
    await this.page.waitForLoadState('load');
  }

  async contributeTo(sectionName: string): Promise<void> {
    await this.follow(new RegExp(`^(Add|Change) your organisation’s contribution for ${sectionName}$`));
  }

  async readSection(sectionName: string): Promise<void> {
    await this.follow(`Read the section for ${sectionName}`);
  }

  /** The concerns table's rows, as text. */
  async concerns(): Promise<string[]> {
    const rows = await this.page.locator('main h2#concerns ~ table').first().locator('tbody tr').all();
    return Promise.all(rows.map((row) => readText(row)));
  }
}

/** Practice: the form for the user's organisation's contribution to one section. */
export class ContributionPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(
    page: Page,
    sectionName: string,
    state: string,
    audit = true,
  ): Promise<ContributionPage> {
    await verifyPage(page, {
      title: `Your organisation’s contribution: ${sectionName}`,
      heading: `Your organisation’s contribution: ${sectionName}`,
      screenshot: `assessment-contribution-${state}`,
      audit,
    });
    return new ContributionPage(page);
  }

  /** Fills in answers by question name: a rating's value picks its radio, anything else is typed. */
  async fill(answers: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(answers)) {
      if (name.endsWith('Rating')) await this.page.locator(`input[name="${name}"][value="${value}"]`).check();
      else await this.page.locator(`textarea#${name}`).fill(value);
    }
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Save contribution' }).click();
    await this.page.waitForLoadState('load');
  }
}

/** Practice: one section with each organisation's contribution in its own column. */
export class AssessmentSectionPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(
    page: Page,
    sectionName: string,
    state: string,
    audit = true,
  ): Promise<AssessmentSectionPage> {
    await verifyPage(page, {
      title: `${sectionName}: assessment section`,
      heading: sectionName,
      screenshot: `assessment-section-${state}`,
      audit,
    });
    return new AssessmentSectionPage(page);
  }

  /** The organisations across the top of the first table. */
  async organisations(): Promise<string[]> {
    const headers = await this.page.locator('main table').first().locator('thead th').all();
    const names = await Promise.all(
      headers.slice(1).map((th) => th.evaluate((el) => el.firstChild?.textContent ?? '')),
    );
    return names.map((n) => n.trim());
  }

  async text(): Promise<string> {
    return readText(this.page.getByRole('main'));
  }
}

/** Practice: confirming the assessment is complete. */
export class CompleteAssessmentPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<CompleteAssessmentPage> {
    await verifyPage(page, {
      title: `Complete the assessment: ${familyName}`,
      heading: /^Complete version \d+ of the assessment$/,
      screenshot: `assessment-complete-${state}`,
    });
    return new CompleteAssessmentPage(page);
  }

  async complete(): Promise<void> {
    await this.page.getByRole('button', { name: 'Complete the assessment' }).click();
    await this.page.waitForLoadState('load');
  }
}

/** Practice: recording a risk or protection concern. */
export class AddConcernPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, familyName: string, state: string): Promise<AddConcernPage> {
    await verifyPage(page, {
      title: `Record a risk or protection concern: ${familyName}`,
      heading: 'Record a risk or protection concern',
      screenshot: `assessment-concern-${state}`,
    });
    return new AddConcernPage(page);
  }

  async record(concern: {
    kind: string;
    about: string;
    description: string;
    actionTaken: string;
    on: [string, string, string];
  }): Promise<void> {
    const main = this.page.getByRole('main');
    await main.getByLabel(concern.kind, { exact: true }).check();
    await main.getByLabel('Who is it about?').selectOption({ label: concern.about });
    await main.getByLabel('What is the concern?').fill(concern.description);
    await main.getByLabel('What was done?').fill(concern.actionTaken);
    const [day, month, year] = concern.on;
    await this.page.locator('#actionOn-day').fill(day);
    await this.page.locator('#actionOn-month').fill(month);
    await this.page.locator('#actionOn-year').fill(year);
    await main.getByRole('button', { name: 'Record the concern' }).click();
    await this.page.waitForLoadState('load');
  }
}

/** Practice: the list of an assessment's versions, and the comparison of two. */
export class AssessmentVersionsPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: string): Promise<AssessmentVersionsPage> {
    await verifyPage(page, {
      title: `Assessment versions: ${await AssessmentVersionsPage.familyName(page)}`,
      heading: 'Assessment versions',
      screenshot: `assessment-versions-${state}`,
    });
    return new AssessmentVersionsPage(page);
  }

  private static async familyName(page: Page): Promise<string> {
    await page.locator('main .govuk-caption-l').waitFor();
    return (await readText(page.locator('main .govuk-caption-l'))).split(' · ')[1] ?? '';
  }

  async rows(): Promise<string[]> {
    const rows = await this.page.locator('main table tbody tr').all();
    return Promise.all(rows.map((row) => readText(row)));
  }

  async compare(): Promise<void> {
    await this.page.getByRole('button', { name: 'Compare' }).click();
    await this.page.waitForLoadState('load');
  }
}
