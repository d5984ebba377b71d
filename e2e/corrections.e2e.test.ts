import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readText, verifyPage } from './pages/basePage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;
const contactHeading = /^\d{1,2} \w{3} \d{4}, \d{2}:\d{2}: /;

/** Submits the form the button is in with the keyboard, and waits for the page it leads to. */
async function press(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).focus();
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

async function errorSummary(page: Page): Promise<string[]> {
  return Promise.all(
    (await page.locator('.govuk-error-summary__list a').all()).map((link) => readText(link)),
  );
}

describe('correcting records, without JavaScript', () => {
  const browser = useBrowser();

  it('corrects a contact, marks another as recorded in error after a mistake, and corrects a group session', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signInAs(page, morven, 'corrections');
    // The Kowalski family (GC-0001) is one of Morven's families with months of demo contacts.
    const planLink = await page
      .locator('main li', { hasText: 'GC-0001' })
      .first()
      .locator('a')
      .getAttribute('href');
    const family = (planLink ?? '').split('/plan')[0];
    await page.goto(`${family}/contacts`);
    await verifyPage(page, {
      title: 'Contacts: Kowalski family',
      heading: 'Contacts',
      screenshot: 'contacts-list',
    });
    const contactLinks = page.locator('main a[href*="/contacts/"]:not([href$="/new"]):not([href*="show="])');
    const [first, second] = await contactLinks.evaluateAll((links) =>
      links.map((a) => a.getAttribute('href')),
    );

    await page.goto(first as string);
    await verifyPage(page, {
      title: 'Contact: Kowalski family',
      heading: contactHeading,
      screenshot: 'contact',
    });
    await page.getByRole('button', { name: 'Correct this contact' }).click();
    await verifyPage(page, {
      title: 'Correct the record of a contact: Kowalski family',
      heading: 'Correct the record of a contact',
      screenshot: 'contact-correct',
    });
    await page.getByLabel('Length (optional)').fill('40');
    await press(page, 'Save correction');
    await verifyPage(page, {
      title: 'Contact: Kowalski family',
      heading: contactHeading,
      screenshot: 'contact-corrected',
    });
    expect(await readText(page.locator('main'))).toContain('40 minutes');
    expect(await readText(page.locator('main'))).toMatch(/Length in minutes: \d+ → 40/);

    await page.goto(second as string);
    await page.getByRole('link', { name: 'Mark as recorded in error' }).click();
    await press(page, 'Mark as recorded in error');
    await verifyPage(page, {
      title: 'Mark a contact as recorded in error: Kowalski family',
      heading: /^Mark the contact on .* as recorded in error$/,
      screenshot: 'contact-in-error-mistake',
    });
    expect(await errorSummary(page)).toEqual(['Enter why this contact was recorded in error']);
    await page
      .getByLabel('Why was it recorded in error?')
      .fill('Recorded twice: the same call is in the record already.');
    await press(page, 'Mark as recorded in error');
    expect(await readText(page.locator('.govuk-notification-banner'))).toContain(
      'Contact marked as recorded in error',
    );
    await page.goto(`${family}/contacts`);
    expect(await page.getByRole('link', { name: /Show \d+ contacts? recorded in error/ }).count()).toBe(1);

    await page.goto('/practice/groups');
    await page.getByRole('link', { name: 'Carse family support group', exact: true }).click();
    await verifyPage(page, {
      title: 'Carse family support group',
      heading: 'Carse family support group',
      screenshot: 'group-with-history',
    });
    await page.locator('main a[href*="/sessions/"]:not([href$="/new"])').first().click();
    await page.getByRole('button', { name: 'Correct this session' }).click();
    await verifyPage(page, {
      title: 'Correct a session: Carse family support group',
      heading: 'Correct a session',
      screenshot: 'session-correct',
    });
    await page.getByLabel('Topic (optional)').fill('Looking after yourself over Christmas');
    await press(page, 'Save the correction');
    const session = await readText(page.locator('main h1'));
    await verifyPage(page, {
      title: `${session}: Carse family support group`,
      heading: session,
      screenshot: 'session-corrected',
    });
    expect(session).toMatch(/^Session on /);
    expect(await readText(page.locator('main'))).toContain('Looking after yourself over Christmas');
    await page.getByRole('link', { name: 'Mark as recorded in error' }).click();
    await press(page, 'Mark as recorded in error');
    await verifyPage(page, {
      title: 'Mark a session as recorded in error: Carse family support group',
      heading: /^Mark the session on .* as recorded in error$/,
      screenshot: 'session-in-error-mistake',
    });
    expect(await errorSummary(page)).toHaveLength(1);
  });
});
