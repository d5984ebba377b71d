import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkAccessibility } from '../support/browser.ts';

/** What a page object checks to be sure the browser is on its page. */
export interface PageIdentity {
  /** The document title before " – Hearth" (and after "Error: " when the form has errors). */
  title: string;
  /** The one h1. */
  heading: string | RegExp;
  /** Screenshot name: the page, then the state it is in. */
  screenshot: string;
  /**
   * False on a page of a type (and state) the same journey has already
   * screenshotted and checked with axe: it is still identified, not audited
   * again, which keeps long journeys within CI's time.
   */
  audit?: boolean;
}

/**
 * Waits for the page's h1, checks there is exactly one and that the document
 * title matches, then screenshots it and checks it with axe. Every page
 * object's verifyOnPage goes through here, so every page visited is audited.
 */
export async function verifyPage(page: Page, identity: PageIdentity): Promise<void> {
  await page.getByRole('heading', { level: 1, name: identity.heading, exact: true }).waitFor();
  expect(await page.locator('h1').count(), 'one h1 on the page').toBe(1);
  // The h1 can be parsed before the browser commits the new title (it reports "Loading <url>" until then).
  await page.waitForLoadState('domcontentloaded');
  await expect
    .poll(() => page.title(), { timeout: 5000 })
    .toMatch(new RegExp(`^(Error: )?${escapeRegExp(identity.title)} – Hearth$`));
  if (identity.audit === false) return;
  await checkAccessibility(page, identity.screenshot);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Text as a person reads it: whitespace collapsed. */
export async function readText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The header, service navigation, error summary and footer every Hearth page shares. */
export abstract class BasePage {
  protected constructor(readonly page: Page) {}

  /** The sections in the service navigation, in order. */
  async sections(): Promise<string[]> {
    const links = this.page.locator('.govuk-service-navigation__list .govuk-service-navigation__link');
    return (await links.allTextContents()).map((text) => text.trim());
  }

  /** The section the navigation marks as the one the user is in. */
  async currentSection(): Promise<string | undefined> {
    const current = this.page.locator('.govuk-service-navigation__link[aria-current]');
    return (await current.count()) === 1 ? readText(current) : undefined;
  }

  async openSection(name: string): Promise<void> {
    await this.page.getByRole('link', { name, exact: true }).and(this.serviceNavigationLinks()).click();
  }

  private serviceNavigationLinks(): Locator {
    return this.page.locator('.govuk-service-navigation__link');
  }

  /** "Name, Organisation" as the header shows it, or undefined when signed out. */
  async signedInAs(): Promise<string | undefined> {
    const user = this.page.locator('.hearth-header__user');
    return (await user.count()) === 1 ? readText(user) : undefined;
  }

  /** Signs out with the header's button, using the keyboard. */
  async signOut(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'Sign out' }).focus();
    await this.page.keyboard.press('Enter');
  }

  async openAccount(): Promise<void> {
    await this.page.getByRole('banner').getByRole('link', { name: 'Your account' }).click();
  }

  async openFooterLink(name: string): Promise<void> {
    await this.page.getByRole('contentinfo').getByRole('link', { name, exact: true }).click();
  }

  /** The error summary's title and its links, as { text, href }. */
  async errorSummary(): Promise<{ title: string; errors: { text: string; href: string | null }[] }> {
    const summary = this.page.locator('.govuk-error-summary');
    const links = summary.locator('.govuk-error-summary__list a');
    const errors = [];
    for (const link of await links.all())
      errors.push({ text: await readText(link), href: await link.getAttribute('href') });
    return { title: await readText(summary.locator('.govuk-error-summary__title')), errors };
  }

  /** Whether keyboard focus is on the error summary, where GOV.UK Frontend moves it. */
  async errorSummaryHasFocus(): Promise<boolean> {
    try {
      await this.page.waitForFunction(
        () => document.activeElement?.classList.contains('govuk-error-summary') ?? false,
        undefined,
        { timeout: 5000 },
      );
      return true;
    } catch {
      return false;
    }
  }

  /** Follows the error summary's link for a message with the keyboard; returns the id of what has focus after. */
  async followErrorLink(text: string): Promise<string> {
    await this.page.locator('.govuk-error-summary__list').getByRole('link', { name: text }).focus();
    await this.page.keyboard.press('Enter');
    await this.page.waitForFunction(() => document.activeElement?.tagName === 'INPUT');
    return this.page.evaluate(() => document.activeElement?.id ?? '');
  }

  /** The error message shown with a field, without its visually hidden "Error:" prefix. */
  async fieldError(fieldId: string): Promise<string | undefined> {
    const message = this.page.locator(`#${fieldId}-error`);
    if ((await message.count()) === 0) return undefined;
    return (await readText(message)).replace(/^Error:\s*/, '');
  }

  /** Whether the field names its error message in aria-describedby, so screen readers announce it. */
  async fieldDescribedByError(fieldId: string): Promise<boolean> {
    const describedBy = (await this.page.locator(`#${fieldId}`).getAttribute('aria-describedby')) ?? '';
    return describedBy.split(/\s+/).includes(`${fieldId}-error`);
  }

  /** The text of a success notification banner, if there is one. */
  async successMessage(): Promise<string | undefined> {
    const banner = this.page.locator(
      '.govuk-notification-banner--success .govuk-notification-banner__content',
    );
    return (await banner.count()) === 1 ? readText(banner) : undefined;
  }
}
