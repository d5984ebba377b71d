import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  BreakGlassPage,
  ConsentGridPage,
  HandOverLeadPage,
  homeNotices,
  markFirstNoticeRead,
  RecordConsentPage,
  TeamPage,
  WithdrawConsentPage,
} from './pages/consentTeamPages.ts';
import { FamiliesPage } from './pages/familiesPage.ts';
import { HomePage } from './pages/homePage.ts';
import { SignInPage } from './pages/signInPage.ts';
import { checkAccessibility, useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { testPassword } from './support/server.ts';

const morven = demoAccounts.practitioner;
/** Social work's practitioner and team lead in the demo (src/demo/demoDirectory.ts). */
const rachel = {
  email: 'rachel.souter@glenmuir-council.example',
  name: 'Rachel Souter',
  organisation: 'Glenmuir Council Children and Families Social Work',
};
const hamish = {
  email: 'hamish.grant@glenmuir-council.example',
  name: 'Hamish Grant',
  organisation: 'Glenmuir Council Children and Families Social Work',
};

/** Signs in from the sign-in page and checks the home page greets the user. */
async function signInAs(
  page: Page,
  account: { email: string; name: string },
  state: string,
): Promise<HomePage> {
  const signIn = await SignInPage.goto(page);
  await signIn.signIn(account.email, testPassword);
  return HomePage.verifyOnPage(page, account.name, state);
}

interface ListedFamily {
  id: string;
  reference: string;
}

/** The families on the first page of the practice list, with their ids from the links. */
async function listedFamilies(page: Page): Promise<ListedFamily[]> {
  await page.goto('/practice');
  await FamiliesPage.verifyOnPage(page, 'consent-team');
  const links = await page.locator('main table tbody a').all();
  return Promise.all(
    links.map(async (link) => ({
      reference: ((await link.textContent()) ?? '').trim(),
      id: ((await link.getAttribute('href')) ?? '').split('/').pop() as string,
    })),
  );
}

/** Each journey visits a dozen pages, each checked by axe: slower than the default on a busy machine. */
const journeyTimeout = 180_000;

describe('consent, the team around the family and emergency access', () => {
  const browser = useBrowser();

  it(
    'records and withdraws consent, and hands over the lead professional, with JavaScript off',
    async () => {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await signInAs(page, morven, 'consent-team');
      const families = await listedFamilies(page);

      // A family with another organisation on the team beside Morven's.
      let chosen: { family: ListedFamily; grid: ConsentGridPage; other: string } | undefined;
      for (const family of families) {
        const grid = await ConsentGridPage.goto(page, family.id, 'grid');
        const other = (await grid.organisations()).find((o) => o !== morven.organisation);
        if (other) {
          chosen = { family, grid, other };
          break;
        }
      }
      if (!chosen) throw new Error('no demo family with two organisations on its team');
      const { family, grid, other } = chosen;
      const [member] = await grid.members();
      if (!member) throw new Error('no member');

      await grid.change(member, other);
      const form = await RecordConsentPage.verifyOnPage(page, member, other, 'form');
      await form.fill({ agrees: true, scope: '' });
      await form.save();
      const withErrors = await RecordConsentPage.verifyOnPage(page, member, other, 'errors');
      expect((await withErrors.errorSummary()).errors.map((e) => e.text)).toContain(
        'Enter what they agreed to share, or what they refused',
      );
      const nextYear = String(new Date().getFullYear() + 1);
      await withErrors.fill({
        agrees: true,
        scope: 'How they are getting on and when they come to sessions',
        method: 'In writing',
        review: ['15', '3', nextYear],
      });
      await withErrors.save();
      const afterSave = await ConsentGridPage.verifyOnPage(page, 'recorded');
      expect(await afterSave.state(member, other)).toBe('Agreed to share');

      await afterSave.withdraw(member, other);
      const withdraw = await WithdrawConsentPage.verifyOnPage(page, member, other);
      await withdraw.confirm();
      const afterWithdraw = await ConsentGridPage.verifyOnPage(page, 'withdrawn');
      expect(await afterWithdraw.state(member, other)).toBe('Withdrawn');

      const team = await TeamPage.goto(page, family.id, 'before-hand-over');
      expect(await team.organisations()).toEqual(expect.arrayContaining([morven.organisation, other]));
      await team.startHandover();
      const handOver = await HandOverLeadPage.verifyOnPage(page, 'form');
      const [newLead] = await handOver.choices();
      if (!newLead) throw new Error('nobody to hand over to');
      await handOver.handOver(newLead, 'Handing over: the family would like calls on Friday mornings.');
      const after = await TeamPage.verifyOnPage(page, 'after-hand-over');
      expect(await after.leadProfessional()).toContain(newLead);
      expect((await after.handovers())[0]).toContain(
        'Handing over: the family would like calls on Friday mornings.',
      );

      // Inviting another organisation can record, on the same form, who agreed to share with it.
      await page.goto(`/practice/families/${family.id}/team/invite`);
      await checkAccessibility(page, 'team-invite');
      await page.getByLabel('Organisation').selectOption({ index: 1 });
      const firstMember = page
        .getByRole('group', { name: 'Which members will they work with?' })
        .getByRole('checkbox')
        .first();
      await firstMember.check();
      await page
        .getByRole('group', { name: /Who has agreed to share/ })
        .getByRole('checkbox')
        .first()
        .check();
      await page.getByRole('button', { name: 'Add to the team' }).click();
      await page.getByRole('alert').waitFor();
      await checkAccessibility(page, 'team-invite-consent-errors');
      expect(await page.getByRole('alert').textContent()).toContain('Select how they agreed');
    },
    journeyTimeout,
  );

  it(
    'breaks the glass with a stated reason, shows the banner, and tells the organisation’s team lead',
    async () => {
      const morvenPage = await browser.newPage();
      await signInAs(morvenPage, morven, 'break-glass-lookup');
      const families = await listedFamilies(morvenPage);

      const page = await browser.newPage();
      await signInAs(page, rachel, 'break-glass-practitioner');
      let target: ListedFamily | undefined;
      for (const family of families) {
        const response = await page.request.get(`/practice/families/${family.id}`);
        if (response.status() === 404) {
          target = family;
          break;
        }
      }
      if (!target) throw new Error('every listed family is already open to social work');

      const form = await BreakGlassPage.goto(page, 'form');
      await form.request(target.reference, 'worried', false);
      const errors = await BreakGlassPage.verifyOnPage(page, 'errors');
      expect((await errors.errorSummary()).errors.map((e) => e.text)).toEqual([
        'Your reason must be at least 20 characters: say what the protection concern is',
        'Confirm that you understand this is recorded and your lead is told',
      ]);
      await errors.request(
        target.reference,
        'Police report of a disturbance at the family home tonight; checking who is working with the children.',
        true,
      );
      await page.waitForURL(`**/practice/families/${target.id}`);
      const team = await TeamPage.goto(page, target.id, 'break-glass');
      expect(await team.bannerText()).toMatch(
        /You are viewing this family under emergency access until \d\d:\d\d/,
      );

      const leadPage = await browser.newPage();
      await signInAs(leadPage, hamish, 'notices');
      const notices = await homeNotices(leadPage);
      expect(notices[0]).toContain(`Rachel Souter used emergency access to family ${target.reference}`);
      await markFirstNoticeRead(leadPage);
      await HomePage.verifyOnPage(leadPage, hamish.name, 'notice-read');
      expect(await homeNotices(leadPage)).not.toContain(notices[0]);
    },
    journeyTimeout,
  );
});
