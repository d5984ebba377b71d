import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BasePage, verifyPage } from './basePage.ts';

/** The sign-in page: email address, password, and the messages around them. */
export class SignInPage extends BasePage {
  readonly emailField = this.page.getByLabel('Email address', { exact: true });
  readonly passwordField = this.page.getByLabel('Password', { exact: true });

  private constructor(page: Page) {
    super(page);
  }

  /** Checks the browser is on the sign-in page; `state` names the screenshot, like "signed-out". */
  static async verifyOnPage(page: Page, state?: string): Promise<SignInPage> {
    await verifyPage(page, {
      title: 'Sign in',
      heading: 'Sign in to Hearth',
      screenshot: state ? `sign-in-${state}` : 'sign-in',
    });
    return new SignInPage(page);
  }

  static async goto(page: Page, state?: string): Promise<SignInPage> {
    await page.goto('/sign-in');
    return SignInPage.verifyOnPage(page, state);
  }

  /**
   * Signs in the way a keyboard user does: click the email label to focus its
   * field, select what is there and type over it, Tab to the password, type,
   * press Enter.
   */
  async signIn(email: string, password: string): Promise<void> {
    await this.page.locator('label', { hasText: 'Email address' }).click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.type(email);
    await this.page.keyboard.press('Tab');
    await this.page.keyboard.type(password);
    expect(await this.emailField.inputValue()).toBe(email);
    expect(await this.passwordField.inputValue(), 'Tab moves from email to password').toBe(password);
    await this.page.keyboard.press('Enter');
    await this.page.waitForLoadState('load');
  }
}
