import { describe, expect, it } from 'vitest';
import { press } from './pages/programmePages.ts';
import { ReferralPage } from './pages/referralPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;

describe('referrals between services', () => {
  const browser = useBrowser();

  it('the family support worker reads the inbox with its waiting times, contacts a self-referral only the safe way, accepts one referral, must give a reason to decline another, and refers on', {
    timeout: 240_000,
  }, async () => {
    const page = await browser.newPage();
    await signInAs(page, morven, 'referrals');
    await page.goto('/practice/referrals');
    const inbox = await ReferralPage.verifyOnPage(
      page,
      'Referrals: New',
      'Referrals to your services',
      'inbox',
    );
    const tabs = await inbox.tabs();
    expect(tabs.find((t) => t.startsWith('New'))).toMatch(/^New \([1-9]\d*\)$/);
    const rows = await inbox.rows();
    expect(rows.some((r) => r.includes('Self-referral'))).toBe(true);
    expect(rows.some((r) => /Nearly 3 weeks|Over 3 weeks/.test(r))).toBe(true);

    await press(page, 'link', /^Waiting \(/);
    const waiting = await ReferralPage.verifyOnPage(
      page,
      'Referrals: Waiting',
      'Referrals to your services',
      'waiting',
      false,
    );
    expect((await waiting.rows()).some((r) => r.includes('Over 6 weeks'))).toBe(true);

    // The self-referral: how it is safe to contact the person comes first.
    await press(page, 'link', /^New \(/);
    await ReferralPage.verifyOnPage(page, 'Referrals: New', 'Referrals to your services', 'inbox', false);
    await inbox.openRow(/Self-referral/);
    const self = await ReferralPage.referral(page, 'self-referral');
    const selfText = await self.mainText();
    expect(selfText).toContain('Contact Kirsty only in the way they said is safe: By text message');
    expect(selfText).toContain('Do not leave a message.');
    expect(selfText).not.toContain('Pass on to another service');

    // Accept a practitioner's referral: the family's record opens to Morven's organisation.
    await page.goto('/practice/referrals');
    await inbox.openRow(/Nearly 3 weeks/);
    const reference = await inbox.reference();
    await ReferralPage.verifyOnPage(page, `Referral ${reference}`, `Referral ${reference}`, 'referral');
    // GOV.UK buttons made of links are buttons to assistive technology.
    await press(page, 'button', 'Accept');
    await ReferralPage.verifyOnPage(
      page,
      `Accept the referral ${reference}`,
      'Accept the referral',
      'accept',
    );
    await press(page, 'button', 'Accept');
    const accepted = await ReferralPage.verifyOnPage(
      page,
      `Referral ${reference}`,
      `Referral ${reference}`,
      'accepted',
      false,
    );
    expect(await accepted.mainText()).toContain(`Referral ${reference} is now Accepted`);
    expect(await accepted.mainText()).toContain('New to Accepted');

    // Declining needs a reason.
    await page.goto('/practice/referrals');
    await inbox.openRow(/Over 3 weeks/);
    const other = await inbox.reference();
    await ReferralPage.verifyOnPage(page, `Referral ${other}`, `Referral ${other}`, 'referral', false);
    await press(page, 'button', 'Decline');
    await ReferralPage.verifyOnPage(
      page,
      `Decline the referral ${other}`,
      'Decline the referral',
      'decline',
      false,
    );
    await press(page, 'button', 'Decline');
    const error = await ReferralPage.verifyOnPage(
      page,
      `Decline the referral ${other}`,
      'Decline the referral',
      'decline-error',
    );
    expect(await error.mainText()).toContain('Enter why you are declining the referral');
    await page.getByLabel('Why are you declining it?').fill('We are full until the spring.');
    await page
      .getByLabel('Where could they go instead?')
      .fill('Kilbrannan Families Together runs a weekly group.');
    await press(page, 'button', 'Decline');
    const declined = await ReferralPage.verifyOnPage(
      page,
      `Referral ${other}`,
      `Referral ${other}`,
      'declined',
      false,
    );
    expect(await declined.mainText()).toContain('We are full until the spring.');

    // Refer a member of the accepted family on to another service.
    await page.goto('/practice/referrals?status=accepted');
    await inbox.openRow(new RegExp(reference));
    await press(page, 'link', 'Open the family overview');
    await page.getByRole('heading', { level: 2, name: 'Referrals' }).waitFor();
    await press(page, 'button', 'Refer');
    const choose = await ReferralPage.verifyOnPage(
      page,
      'Choose a service to refer to',
      'Choose a service to refer to',
      'choose',
    );
    await page.getByLabel('Name of the service').fill('Young Carers');
    await press(page, 'button', 'Search');
    await choose.page.locator('main ul.govuk-list a.govuk-link').first().focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Refer to / }).waitFor();
    const title = (await page.title()).replace(' – Hearth', '');
    await ReferralPage.verifyOnPage(page, title, title, 'form');
    await page.locator('input[name="memberIds"]').first().check();
    await page.getByLabel('Why are you referring them?').fill('Helps look after his mum most evenings.');
    await page.getByRole('radio', { name: 'They agreed to the referral' }).check();
    await page.getByLabel('Who agreed?').selectOption({ index: 1 });
    await page.getByRole('radio', { name: 'Said so (verbal)' }).check();
    const now = new Date();
    await page.getByLabel('Day').fill(String(now.getUTCDate()));
    await page.getByLabel('Month').fill(String(now.getUTCMonth() + 1));
    await page.getByLabel('Year').fill(String(now.getUTCFullYear()));
    await press(page, 'button', 'Send the referral');
    await page.getByRole('heading', { level: 1, name: /^Referral R-\d{6}$/ }).waitFor();
    expect(await readMain(page)).toContain('was sent to');
  });
});

async function readMain(page: import('playwright-core').Page): Promise<string> {
  return ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
}
