import type { Page } from 'playwright-core';
import { BasePage, verifyPage } from './basePage.ts';

/** The accessibility statement, linked from every page's footer. */
export class AccessibilityStatementPage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<AccessibilityStatementPage> {
    await verifyPage(page, {
      title: 'Accessibility statement',
      heading: 'Accessibility statement for Hearth',
      screenshot: 'accessibility-statement',
    });
    return new AccessibilityStatementPage(page);
  }
}

/** The privacy notice, linked from every page's footer. */
export class PrivacyNoticePage extends BasePage {
  private constructor(page: Page) {
    super(page);
  }

  static async verifyOnPage(page: Page): Promise<PrivacyNoticePage> {
    await verifyPage(page, {
      title: 'Privacy notice',
      heading: 'Privacy notice',
      screenshot: 'privacy-notice',
    });
    return new PrivacyNoticePage(page);
  }
}
