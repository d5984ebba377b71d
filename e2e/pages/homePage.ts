import type { Page } from 'playwright-core';
import { BasePage, readText, verifyPage } from './basePage.ts';

/** The signed-in home page: a greeting and one card for each section the user's roles open. */
export class HomePage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  /** Checks the browser is on the home page greeting `name`; `state` names the screenshot. */
  static async verifyOnPage(page: Page, name: string, state?: string, audit = true): Promise<HomePage> {
    await verifyPage(page, {
      title: 'Home',
      heading: `Hello, ${name}`,
      screenshot: state ? `home-${state}` : 'home',
      audit,
    });
    return new HomePage(page);
  }

  /** The section cards' headings, in order. */
  async cards(): Promise<string[]> {
    // Section cards are headings that link to a section; notices ("Important") are not cards.
    const headings = this.page.locator('main h2:has(a)');
    return Promise.all((await headings.all()).map((heading) => readText(heading)));
  }

  /** The open families figure, like "52 open families at …", or undefined when the page shows none. */
  async openFamiliesText(): Promise<string | undefined> {
    const figure = this.page.locator('main p', { has: this.page.locator('.hearth-figure') });
    return (await figure.count()) === 1 ? readText(figure) : undefined;
  }
}
