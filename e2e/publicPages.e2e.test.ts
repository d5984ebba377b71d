import { describe, expect, it } from 'vitest';
import { NotFoundPage } from './pages/errorPages.ts';
import { AccessibilityStatementPage, PrivacyNoticePage } from './pages/footerPages.ts';
import { SignInPage } from './pages/signInPage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

describe('pages anyone can reach', () => {
  const browser = useBrowser();

  it('shows a page not found for an address with nothing at it', async () => {
    const page = await browser.newPage();
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await NotFoundPage.verifyOnPage(page);
    expect(await page.getByRole('link', { name: 'Go to the Hearth home page' }).getAttribute('href')).toBe(
      '/',
    );
  });

  it('shows a page not found, not the family, for a family that does not exist', async () => {
    const page = await browser.newPage();
    await signInAs(page, demoAccounts.practitioner, 'practitioner-before-not-found');
    const response = await page.goto('/practice/families/00000000-0000-4000-8000-000000000000');
    expect(response?.status()).toBe(404);
    const notFound = await NotFoundPage.verifyOnPage(page, 'signed-in');
    expect(await notFound.sections()).toEqual(['Practice']);
  });

  it('opens the accessibility statement and the privacy notice from the footer', async () => {
    const page = await browser.newPage();
    const signIn = await SignInPage.goto(page);
    await signIn.openFooterLink('Accessibility statement');
    await AccessibilityStatementPage.verifyOnPage(page);
    expect(new URL(page.url()).pathname).toBe('/accessibility');

    await page.goBack();
    await SignInPage.verifyOnPage(page);
    await signIn.openFooterLink('Privacy notice');
    await PrivacyNoticePage.verifyOnPage(page);
    expect(new URL(page.url()).pathname).toBe('/privacy');
  });
});
