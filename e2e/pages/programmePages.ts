import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** Presses a button or link with the keyboard, as someone without a mouse would. */
export async function press(page: Page, role: 'button' | 'link', name: string | RegExp): Promise<void> {
  await page.getByRole(role, { name }).first().focus();
  await page.keyboard.press('Enter');
}

/** Practice: the programme catalogue, a programme, enrolling a member, an enrolment and ending it. */
export class ProgrammePage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  /** Checks the title and heading (the same on these pages, bar the catalogue's family name), screenshots it and runs axe. */
  static async verifyOnPage(
    page: Page,
    title: string,
    heading: string,
    screenshot: string,
    audit = true,
  ): Promise<ProgrammePage> {
    await verifyPage(page, { title, heading, screenshot: `programmes-${screenshot}`, audit });
    return new ProgrammePage(page);
  }

  /** The "3 of 12 sessions" line above the progress steps. */
  async progressText(): Promise<string> {
    return readText(this.page.locator('main .govuk-body.govuk-\\!-font-weight-bold').first());
  }

  /** The progress visual's accessible name and how many of its steps are done. */
  async progressSteps(): Promise<{ label: string | null; complete: number; total: number }> {
    const bar = this.page.locator('main .moj-progress-bar').first();
    return {
      label: await bar.getAttribute('aria-label'),
      complete: await bar.locator('.moj-progress-bar__icon--complete').count(),
      total: await bar.locator('.moj-progress-bar__item').count(),
    };
  }

  /** The rows of the first table in the page's main content, as text. */
  async tableRows(): Promise<string[]> {
    const rows = await this.page.locator('main table tbody tr').all();
    return Promise.all(rows.map((row) => readText(row)));
  }

  async chooseRadio(label: string | RegExp): Promise<void> {
    await this.page.getByRole('radio', { name: label }).first().check();
  }
}
