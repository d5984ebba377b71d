import type { Page } from 'playwright-core';
import { HomePage } from '../pages/homePage.ts';
import { SignInPage } from '../pages/signInPage.ts';
import type { DemoAccount } from './demoAccounts.ts';
import { testPassword } from './server.ts';

/** Signs in from the sign-in page as a demo user and checks the home page greets them. */
export async function signInAs(page: Page, account: DemoAccount, state: string): Promise<HomePage> {
  const signIn = await SignInPage.goto(page);
  await signIn.signIn(account.email, testPassword);
  return HomePage.verifyOnPage(page, account.name, state);
}
