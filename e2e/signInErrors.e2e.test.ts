import { describe, expect, it } from 'vitest';
import { SignInPage } from './pages/signInPage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';

const notRight = 'The email address or password is not right';

describe('signing in with something wrong', () => {
  const browser = useBrowser();

  it('says what is missing when the form is sent empty, in the order of the fields', async () => {
    const page = await browser.newPage();
    const signIn = await SignInPage.goto(page);
    await signIn.emailField.focus();
    await page.keyboard.press('Enter');

    const errors = await SignInPage.verifyOnPage(page, 'error-empty');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await errors.errorSummary()).toEqual({
      title: 'There is a problem',
      errors: [
        { text: 'Enter your email address', href: '#email' },
        { text: 'Enter your password', href: '#password' },
      ],
    });
    expect(await errors.fieldError('email')).toBe('Enter your email address');
    expect(await errors.fieldError('password')).toBe('Enter your password');
  });

  it('shows the error summary, linked to the email field, for a wrong password', async () => {
    const page = await browser.newPage();
    const signIn = await SignInPage.goto(page);
    await signIn.signIn(demoAccounts.practitioner.email, 'not-the-right-password');

    const errors = await SignInPage.verifyOnPage(page, 'error-wrong-password');
    expect(await page.title()).toMatch(/^Error: Sign in – Hearth$/);
    expect(await errors.errorSummaryHasFocus(), 'focus moves to the error summary').toBe(true);
    expect(await errors.errorSummary()).toEqual({
      title: 'There is a problem',
      errors: [{ text: notRight, href: '#email' }],
    });
    expect(await errors.fieldError('email')).toBe(notRight);
    expect(await errors.fieldDescribedByError('email')).toBe(true);
    expect(await errors.fieldError('password')).toBeUndefined();
    // The email is kept, so only the password needs typing again; the password is not.
    expect(await errors.emailField.inputValue()).toBe(demoAccounts.practitioner.email);
    expect(await errors.passwordField.inputValue()).toBe('');

    expect(await errors.followErrorLink(notRight), 'the summary link takes focus to the field').toBe('email');
  });

  it('gives the same message for an email address nobody has, so accounts cannot be found out', async () => {
    const page = await browser.newPage();
    const signIn = await SignInPage.goto(page);
    await signIn.signIn('nobody.here@carse-family-support.example', 'any-password-at-all');

    const errors = await SignInPage.verifyOnPage(page, 'error-unknown-email');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await errors.errorSummaryHasFocus()).toBe(true);
    expect(await errors.errorSummary()).toEqual({
      title: 'There is a problem',
      errors: [{ text: notRight, href: '#email' }],
    });
    expect(await errors.fieldError('email')).toBe(notRight);
  });
});
