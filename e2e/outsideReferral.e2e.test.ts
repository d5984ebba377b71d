import { describe, expect, it } from 'vitest';
import { readText, verifyPage } from './pages/basePage.ts';
import { press } from './pages/programmePages.ts';
import { ReferralPage } from './pages/referralPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const priya = demoAccounts.recoveryWorker;

describe('a referral to a service outside Hearth', () => {
  const browser = useBrowser();

  it('the service opens the secure link from the outbox email, reads the referral and declines it with a reason; the referrer sees the link was used', {
    timeout: 180_000,
  }, async () => {
    // No SMTP in the demo: the notice waits in the outbox, where the system admin reads it.
    const admin = await browser.newPage();
    await signInAs(admin, demoAccounts.systemAdmin, 'outside-admin');
    await admin.goto('/admin/outbox?status=waiting');
    await admin
      .getByRole('link', { name: /^Referral R-\d{6} from NHS Glenmuir Community Recovery Service$/ })
      .first()
      .click();
    const subject = await readText(admin.locator('h1'));
    const reference = /R-\d{6}/.exec(subject)?.[0] as string;
    const body = await readText(admin.locator('.hearth-email-body'));
    expect(body).toContain('urgency: soon');
    const link = /\/referral-link\/[A-Za-z0-9_-]{43}/.exec(body)?.[0] as string;
    expect(link).toBeTruthy();

    // The service, in a browser of its own, never signed in.
    const service = await browser.newPage();
    await service.goto(link);
    await verifyPage(service, {
      title: `Referral ${reference}`,
      heading: `Referral ${reference}`,
      screenshot: 'outside-referral',
    });
    const text = await readText(service.locator('main'));
    expect(text).toContain('holding everything together on their own');
    expect(text).toContain('agreed to this referral being shared with Counselling for families');
    expect(text).toContain(priya.email);
    expect(await service.locator('.hearth-header__user').count()).toBe(0);

    await press(service, 'button', 'Decline the referral');
    await verifyPage(service, {
      title: `Decline the referral ${reference}`,
      heading: 'Decline the referral',
      screenshot: 'outside-decline',
    });
    await press(service, 'button', 'Decline the referral');
    await verifyPage(service, {
      title: `Decline the referral ${reference}`,
      heading: 'Decline the referral',
      screenshot: 'outside-decline-no-reason',
    });
    expect(await readText(service.locator('.govuk-error-summary'))).toContain(
      'Enter why you are declining the referral',
    );
    await service
      .getByLabel('Why can you not take it?')
      .fill('Our evening sessions are full until the spring.');
    await service
      .getByLabel('Where could they go instead? (optional)')
      .fill('Kilbrannan Families Together runs an evening group.');
    await press(service, 'button', 'Decline the referral');
    await verifyPage(service, {
      title: `Referral ${reference} declined`,
      heading: `Referral ${reference} declined`,
      screenshot: 'outside-declined',
    });

    // Used: the link now gives nothing away.
    await service.goto(link);
    await verifyPage(service, {
      title: 'This link does not work',
      heading: 'This link does not work',
      screenshot: 'outside-link-used',
    });
    expect(await readText(service.locator('main'))).not.toContain(reference);

    // The referrer sees who declined, why, and that the link was used.
    const referrer = await browser.newPage();
    await signInAs(referrer, priya, 'outside-referrer');
    await referrer.goto('/practice/referrals/made');
    const made = await ReferralPage.verifyOnPage(
      referrer,
      'Referrals your organisation made',
      'Referrals your organisation made',
      'outside-made',
      false,
    );
    await made.openRow(new RegExp(reference));
    const page = await ReferralPage.referral(referrer, 'outside-referrer-view');
    const seen = await page.mainText();
    expect(seen).toContain('Not on Hearth');
    expect(seen).toContain('Used: Declined');
    expect(seen).toContain('Our evening sessions are full until the spring.');
    expect(seen).toContain('The service, through its secure link');
  });
});
