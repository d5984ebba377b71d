import { describe, expect, it } from 'vitest';
import { FamiliesPage } from './pages/familiesPage.ts';
import { FamilyOverviewPage } from './pages/familyOverviewPage.ts';
import { SignInPage } from './pages/signInPage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { testPassword } from './support/server.ts';

const morven = demoAccounts.practitioner;

describe('with JavaScript turned off', () => {
  const browser = useBrowser();

  it('signs in (after a mistake), goes where it was heading, opens a family, and signs out', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto('/practice');
    const signIn = await SignInPage.verifyOnPage(page, 'no-js');
    expect(await page.evaluate(() => document.body.classList.contains('js-enabled'))).toBe(false);

    await signIn.signIn(morven.email, 'not-the-right-password');
    const errors = await SignInPage.verifyOnPage(page, 'no-js-error');
    expect(await page.title()).toMatch(/^Error: /);
    expect((await errors.errorSummary()).errors).toEqual([
      { text: 'The email address or password is not right', href: '#email' },
    ]);

    await errors.signIn(morven.email, testPassword);
    const families = await FamiliesPage.verifyOnPage(page, 'no-js');
    expect(new URL(page.url()).pathname).toBe('/practice');
    const [family] = await families.rows();
    if (!family) throw new Error('no family listed');
    await families.openFamily(family.reference);
    const overview = await FamilyOverviewPage.verifyOnPage(page, family.name, 'no-js');

    await overview.signOut();
    const signedOut = await SignInPage.verifyOnPage(page, 'no-js-signed-out');
    expect(await signedOut.successMessage()).toBe('You have signed out.');
  });
});
