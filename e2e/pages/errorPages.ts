import type { Page } from 'playwright-core';
import { BasePage, verifyPage } from './basePage.ts';

/** The page shown for an address with nothing at it. */
export class NotFoundPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state?: string): Promise<NotFoundPage> {
    await verifyPage(page, {
      title: 'Page not found',
      heading: 'Page not found',
      screenshot: state ? `not-found-${state}` : 'not-found',
    });
    return new NotFoundPage(page);
  }
}

/** The page shown when the user's roles do not open the page they asked for. */
export class ForbiddenPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page, state?: string): Promise<ForbiddenPage> {
    await verifyPage(page, {
      title: 'You do not have access to this page',
      heading: 'You do not have access to this page',
      screenshot: state ? `forbidden-${state}` : 'forbidden',
    });
    return new ForbiddenPage(page);
  }
}
