import { describe, expect, it } from 'vitest';
import { press } from './pages/programmePages.ts';
import { ReferralPage } from './pages/referralPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;

describe('referrals between services', () => {
  const browser = useBrowser();

  it('the family support worker reads the inbox with its waiting times, contacts a self-referral only the safe way, accepts one referral, and must give a reason to decline another', {
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
  });

  it('a recovery worker refers a mother and her son to family support; the family support worker passes the son on to the young carers service and accepts the mother; the recovery worker sees both outcomes and the wait', {
    timeout: 240_000,
  }, async () => {
    const recovery = await browser.newPage();
    await signInAs(recovery, demoAccounts.recoveryWorker, 'recovery-worker');
    await recovery.goto('/practice');
    await recovery
      .locator('main table tbody tr', { hasText: 'Dunbar family' })
      .getByRole('link')
      .first()
      .focus();
    await recovery.keyboard.press('Enter');
    await recovery.getByRole('heading', { level: 2, name: 'Referrals' }).waitFor();
    await press(recovery, 'button', 'Refer');
    await ReferralPage.verifyOnPage(
      recovery,
      'Choose a service to refer to',
      'Choose a service to refer to',
      'choose',
    );
    await recovery.getByLabel('Name of the service').fill('Family support one-to-one');
    await press(recovery, 'button', 'Search');
    await press(recovery, 'link', 'Family support one-to-one');
    await recovery.getByRole('heading', { level: 1, name: /^Refer to / }).waitFor();
    const title = (await recovery.title()).replace(' – Hearth', '');
    await ReferralPage.verifyOnPage(recovery, title, title, 'form');
    await recovery.getByRole('checkbox', { name: /^Nicola Dunbar/ }).check();
    await recovery.getByRole('checkbox', { name: /^Ryan Dunbar/ }).check();
    await recovery
      .getByLabel('Why are you referring them?')
      .fill('Nicola is three months into recovery and wants support for herself; Ryan does a lot at home.');
    await recovery.getByRole('radio', { name: 'They agreed to the referral' }).check();
    await recovery.getByLabel('Who agreed?').selectOption({ label: 'Nicola Dunbar' });
    await recovery.getByRole('radio', { name: 'Said so (verbal)' }).check();
    const now = new Date();
    await recovery.getByLabel('Day').fill(String(now.getUTCDate()));
    await recovery.getByLabel('Month').fill(String(now.getUTCMonth() + 1));
    await recovery.getByLabel('Year').fill(String(now.getUTCFullYear()));
    await press(recovery, 'button', 'Send the referral');
    const sent = await ReferralPage.referral(recovery, 'sent');
    const reference = await sent.reference();
    expect(await sent.mainText()).toContain(`Referral ${reference} was sent to Family support one-to-one`);

    // The family support worker passes Ryan on to the young carers, then accepts his mum.
    const support = await browser.newPage();
    await signInAs(support, morven, 'split');
    await support.goto('/practice/referrals');
    const inbox = await ReferralPage.verifyOnPage(
      support,
      'Referrals: New',
      'Referrals to your services',
      'inbox',
      false,
    );
    await inbox.openRow(new RegExp(reference));
    await ReferralPage.verifyOnPage(support, `Referral ${reference}`, `Referral ${reference}`, 'to-split');
    await press(support, 'button', 'Pass on or decline for some members');
    const split = await ReferralPage.verifyOnPage(
      support,
      `Pass on or decline for some members ${reference}`,
      'Pass on or decline for some members',
      'split',
    );
    await support.getByRole('checkbox', { name: 'Ryan Dunbar' }).check();
    await support.getByRole('radio', { name: 'Pass them on to another service' }).check();
    await support
      .getByLabel('Which service should have them?')
      .selectOption({ label: 'Young carers support (Glenmuir Young Carers)' });
    await support
      .getByLabel('Why?')
      .fill('Ryan helps look after his mum: the young carers group will suit him better than ours.');
    await press(support, 'button', 'Save the decision for them');
    const decided = await ReferralPage.verifyOnPage(
      support,
      `Referral ${reference}`,
      `Referral ${reference}`,
      'split-decided',
    );
    const decidedText = await decided.mainText();
    expect(decidedText).toContain('The members you chose were passed on.');
    expect(decidedText).toMatch(/Ryan Dunbar Passed on to Young carers support: referral R-\d{6} New/);
    expect(split).toBeDefined();
    await press(support, 'button', 'Accept');
    await ReferralPage.verifyOnPage(
      support,
      `Accept the referral ${reference}`,
      'Accept the referral',
      'accept-rest',
      false,
    );
    await press(support, 'button', 'Accept');
    const accepted = await ReferralPage.referral(support, 'rest-accepted', false);
    expect(await accepted.mainText()).toContain(`Referral ${reference} is now Accepted`);

    // The recovery worker sees both outcomes, each with its wait so far.
    await recovery.goto('/practice/referrals/made');
    const made = await ReferralPage.verifyOnPage(
      recovery,
      'Referrals your organisation made',
      'Referrals your organisation made',
      'made-both-outcomes',
    );
    const rows = await made.rows();
    const mother = rows.find((r) => r.startsWith(reference));
    const son = rows.find((r) => r.includes(`Passed on from ${reference}`));
    expect(mother).toMatch(/Family support one-to-one .* 0 days so far Accepted ?1 member passed on$/);
    expect(son).toMatch(
      /^R-\d{6} Young carers support Glenmuir Young Carers ?Passed on from R-\d{6} .* 0 days so far New$/,
    );
    await press(recovery, 'link', new RegExp(`^${reference}$`));
    const outcome = await ReferralPage.referral(recovery, 'referrer-outcomes');
    const outcomeText = await outcome.mainText();
    expect(outcomeText).toContain('Accepted 0 days so far');
    expect(outcomeText).toContain('Members decided apart from the rest');
    expect(outcomeText).toContain('Ryan Dunbar Passed on to Young carers support');
    expect(outcomeText).toContain('the young carers group will suit him better than ours');
  });
});
