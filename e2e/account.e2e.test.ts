import { describe, expect, it } from 'vitest';
import { AccountPage } from './pages/accountPage.ts';
import { HomePage } from './pages/homePage.ts';
import { SignInPage } from './pages/signInPage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { testPassword } from './support/server.ts';
import { signInAs } from './support/signIn.ts';

const shona = demoAccounts.teamLead;
const newPassword = 'kettle lantern harbour 2026';

describe('the account page', () => {
  const browser = useBrowser();

  it('shows who you are, and refuses a password change with the wrong current password', async () => {
    const page = await browser.newPage();
    const home = await signInAs(page, shona, 'team-lead');
    await home.openAccount();
    const account = await AccountPage.verifyOnPage(page);
    expect(await account.detail('Name')).toBe(shona.name);
    expect(await account.detail('Email address')).toBe(shona.email);
    expect(await account.detail('Organisation')).toBe(shona.organisation);

    await account.changePassword('this-is-not-my-password', newPassword, newPassword);
    const wrong = await AccountPage.verifyOnPage(page, 'error-wrong-current-password');
    expect(await page.title()).toMatch(/^Error: Your account – Hearth$/);
    expect(await wrong.errorSummaryHasFocus()).toBe(true);
    expect(await wrong.errorSummary()).toEqual({
      title: 'There is a problem',
      errors: [{ text: 'Your current password is not right', href: '#currentPassword' }],
    });
    expect(await wrong.fieldError('currentPassword')).toBe('Your current password is not right');
    expect(await wrong.fieldDescribedByError('currentPassword')).toBe(true);

    await wrong.changePassword(testPassword, newPassword, 'a different password 2026');
    const mismatch = await AccountPage.verifyOnPage(page, 'error-passwords-differ');
    expect(await mismatch.fieldError('confirmPassword')).toBe('The new passwords do not match');
    expect(await mismatch.fieldError('currentPassword')).toBeUndefined();

    // Nothing was changed: the demo password still works.
    await mismatch.signOut();
    const signIn = await SignInPage.verifyOnPage(page, 'signed-out-team-lead');
    await signIn.signIn(shona.email, testPassword);
    await HomePage.verifyOnPage(page, shona.name, 'team-lead-again');
  });
});
