import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** A team lead's list of the team's training. */
export class TeamTrainingPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state: string): Promise<TeamTrainingPage> {
    await verifyPage(page, { title: 'Training', heading: 'Training', screenshot: `training-${state}` });
    return new TeamTrainingPage(page);
  }

  /** A worker's row: their family-inclusive practice tag, trauma level and what is to refresh. */
  async row(name: string): Promise<{ familyInclusive: string; trauma: string; refresh: string }> {
    const row = this.page.locator('main tbody tr', { has: this.page.locator('th', { hasText: name }) });
    const [familyInclusive, trauma, , refresh] = await row.locator('td').all();
    return {
      familyInclusive: familyInclusive ? await readText(familyInclusive) : '',
      trauma: trauma ? await readText(trauma) : '',
      refresh: refresh ? await readText(refresh) : '',
    };
  }

  async summary(): Promise<string> {
    return readText(this.page.locator('main p.govuk-body').nth(1));
  }

  async open(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).click();
  }
}

/** One worker's training: the lead's view of a worker, or a worker's own. */
export class WorkerTrainingPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, heading: string, state: string): Promise<WorkerTrainingPage> {
    await verifyPage(page, {
      title: heading === 'Your training' ? heading : `Training: ${heading}`,
      heading,
      screenshot: `worker-training-${state}`,
    });
    return new WorkerTrainingPage(page);
  }

  /** The summary list's values: family-inclusive practice, trauma-informed practice, to refresh. */
  async summaryValues(): Promise<string[]> {
    const values = await this.page.locator('main .govuk-summary-list__value').all();
    return Promise.all(values.map((value) => readText(value)));
  }

  /** The records in date or lapsed, as "topic | course" and their state. */
  async records(): Promise<{ training: string; state: string }[]> {
    const rows = await this.page.locator('main table tbody tr').all();
    return Promise.all(
      rows.map(async (row) => {
        const cells = await row.locator('td').all();
        const first = cells[0];
        return {
          training: first ? await readText(first.locator('strong')) : '',
          state: cells[3] ? await readText(cells[3]) : '',
        };
      }),
    );
  }

  async canRecord(): Promise<boolean> {
    return (await this.page.getByRole('button', { name: 'Record training' }).count()) === 1;
  }

  async startRecording(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record training' }).click();
  }
}

/** The form a team lead records a worker's training with. */
export class RecordTrainingPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, worker: string, state: string): Promise<RecordTrainingPage> {
    await verifyPage(page, {
      title: `Record training for ${worker}`,
      heading: 'Record training',
      screenshot: `record-training-${state}`,
    });
    return new RecordTrainingPage(page);
  }

  async chooseTopic(topic: string): Promise<void> {
    await this.page.getByLabel(topic, { exact: true }).check();
  }

  async chooseLevel(level: string): Promise<void> {
    await this.page.getByLabel(level, { exact: true }).check();
  }

  async fill(course: string, provider = ''): Promise<void> {
    await this.page.getByLabel('Name of the course').fill(course);
    await this.page.getByLabel('Who ran it (optional)').fill(provider);
  }

  /** Saves with the keyboard. */
  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Record training' }).focus();
    await this.page.keyboard.press('Enter');
  }
}
