import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readText } from './pages/basePage.ts';
import { ContactsPage, RecordContactPage } from './pages/contactPages.ts';
import { FamilyOverviewPage } from './pages/familyOverviewPage.ts';
import {
  FamilyGroupsPage,
  GroupFormPage,
  GroupPage,
  GroupsPage,
  RecordSessionPage,
  SessionPage,
} from './pages/groupPages.ts';
import { HomePage } from './pages/homePage.ts';
import { CaseloadPage, type MyMemberRow, MyWork } from './pages/myWorkPages.ts';
import { ProgrammePage, press } from './pages/programmePages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;
const group = 'Carse family support group';
const craft = 'CRAFT (Community Reinforcement and Family Training)';

function isoDaysFrom(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const today = () =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(new Date());

interface Chosen {
  familyId: string;
  familyName: string;
  /** An affected mother not yet in CRAFT, and another member; both Morven's. */
  mother: string;
  other: string;
}

/**
 * From Morven's caseload, the first family where she supports a mother who is
 * an affected family member (not the person using substances) and not already
 * in CRAFT, and at least one other member, one of them due a contact.
 */
async function chooseFamily(page: Page, rows: MyMemberRow[]): Promise<Chosen> {
  const byFamily = new Map<string, MyMemberRow[]>();
  for (const row of rows) byFamily.set(row.href, [...(byFamily.get(row.href) ?? []), row]);
  for (const [href, members] of byFamily) {
    if (members.length < 2) continue;
    // Read in the page without showing it: each overview's heading and member cards, as text.
    const overview = await page.evaluate(async (url) => {
      const html = await (await fetch(url)).text();
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        name: text(doc.querySelector('h1')),
        cards: Array.from(doc.querySelectorAll('main .hearth-member-card'), (card) => ({
          name: text(card.querySelector('.govuk-summary-card__title')),
          text: text(card),
        })),
      };
    }, href);
    for (const row of members) {
      const card = overview.cards.find((c) => c.name === row.member)?.text ?? '';
      if (!/· Mother Affected family member/.test(card) || card.includes('CRAFT')) continue;
      const others = members.filter((m) => m.member !== row.member);
      const other = (others.find((m) => m.due) ?? others[0]) as MyMemberRow;
      if (!row.due && !other.due) continue;
      return {
        familyId: href.split('/').pop() as string,
        familyName: overview.name,
        mother: row.member,
        other: other.member,
      };
    }
  }
  throw new Error('no family of Morven’s with a mother free to start CRAFT');
}

describe('support delivery: contacts, a group register, a programme, and the worker’s own work', () => {
  const browser = useBrowser();

  it('records a whole-family session with two members, a group session with a register of eight and a mother’s CRAFT sessions, then sees them on the home page and caseload; the key forms work without JavaScript', {
    timeout: 300_000,
  }, async () => {
    const page = await browser.newPage();
    const home = await signInAs(page, morven, 'support-delivery');
    const myWork = new MyWork(home.page);
    const before = await myWork.totals();
    expect(before.members).toBeGreaterThan(0);
    // She facilitates the Carse family support group, which meets on Tuesdays.
    const tuesday =
      new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'Europe/London' }).format(new Date()) ===
      'Tuesday';
    const todays = (await myWork.todaysGroups()).join('\n');
    if (tuesday)
      expect(todays).toMatch(new RegExp(`^${group}\\s*Tuesdays, 7pm to 8.30pm, Carse Community Centre`, 'm'));
    else expect(todays).not.toContain(group);

    const caseload = await CaseloadPage.goto(page, 'before');
    const own = await caseload.worker(morven.name);
    expect([own.members, own.families]).toEqual([before.members, before.families]);
    const mine = await caseload.members();
    const family = await chooseFamily(page, mine);
    const { familyId, familyName, mother, other } = family;
    const familyUrl = `/practice/families/${familyId}`;

    // A whole-family session with two members, after a mistake (by keyboard: the page object submits with Enter).
    await page.goto(familyUrl);
    await FamilyOverviewPage.verifyOnPage(page, familyName, 'support-delivery');
    await page.getByRole('button', { name: 'Record a contact' }).click();
    let form = await RecordContactPage.verifyOnPage(page, familyName, 'new');
    expect(await form.memberNames()).toEqual(expect.arrayContaining([mother, other]));
    expect([await form.chosen('kind'), await form.chosen('channel'), await form.chosen('outcome')]).toEqual([
      'one_to_one',
      'in_person',
      'attended',
    ]);
    await form.choose('Whole-family');
    await form.choose('Home visit');
    await form.fill('Length (optional)', '900');
    await form.record();
    form = await RecordContactPage.verifyOnPage(page, familyName, 'errors');
    expect((await form.errorSummary()).errors).toEqual([
      { text: 'Select who the contact was with', href: '#members' },
      { text: 'The length must be a whole number of minutes, from 1 to 600', href: '#durationMinutes' },
    ]);
    expect(await form.errorSummaryHasFocus()).toBe(true);
    expect(await form.chosen('kind')).toBe('whole_family');
    await form.tickMember(mother);
    await form.tickMember(other);
    await form.fill('Length (optional)', '60');
    await form.tickTopic('Relationships in the family');
    await form.fill('Notes (optional)', 'Talked together about how evenings at home have been going.');
    await form.record();
    const contacts = await ContactsPage.verifyOnPage(page, familyName, 'added');
    expect(await contacts.successMessage()).toBe('Contact recorded.');
    expect((await contacts.headings())[0]).toMatch(/: Whole-family, home visit$/);
    expect(await contacts.newest('With')).toContain(mother);
    expect(await contacts.newest('With')).toContain(other);
    expect(await contacts.newest('Notes')).toBe(
      'Talked together about how evenings at home have been going.',
    );
    await page.getByRole('link', { name: 'Back to the family overview' }).click();
    await FamilyOverviewPage.verifyOnPage(page, familyName, 'last-contact', false);
    expect(await page.locator('main p', { hasText: 'Last contact:' }).textContent()).toContain(today());

    // The same worker on a shared computer with JavaScript off: the group register, and enrolling.
    const noJs = await browser.newPage({ javaScriptEnabled: false });
    // Her session carries over (the browser test's shortcut for signing in again).
    await noJs.context().addCookies(await page.context().cookies());
    await noJs.goto('/');
    await HomePage.verifyOnPage(noJs, morven.name, 'support-delivery-no-js', false);
    const groups = await GroupsPage.goto(noJs, 'list');
    expect(await groups.names()).toEqual(expect.arrayContaining([group, 'Monday coffee and chat']));
    await groups.addGroup();
    await GroupFormPage.verifyOnPage(noJs, 'Add a group', 'new');
    await noJs.goBack();
    await groups.open(group);
    await (await GroupPage.verifyOnPage(noJs, group, 'demo')).recordSession();
    const session = await RecordSessionPage.verifyOnPage(noJs, group, 'new');
    await session.fillDate(isoDaysFrom(3));
    await session.save();
    const refused = await RecordSessionPage.verifyOnPage(noJs, group, 'error-future');
    expect(await refused.errorSummary()).toMatchObject({
      errors: [expect.objectContaining({ href: '#heldOn-day' })],
    });
    expect(await refused.fieldError('heldOn')).toMatch(/today or in the past/);
    // A register of eight: members linked to their family records, then first names only.
    await refused.fillDate(isoDaysFrom(-1));
    const named = await refused.tickMembers(5);
    const firstNames = ['Sandra', 'Bill', 'Irene', 'Derek', 'Ann', 'Lorraine', 'Jean', 'Moira'].slice(
      0,
      8 - named,
    );
    await refused.fill({ topic: 'Getting through the winter', firstNames: firstNames.join('\n') });
    await refused.save();
    const heldOn = new Intl.DateTimeFormat('en-GB', {
      dateStyle: 'medium',
      timeZone: 'Europe/London',
    }).format(new Date(`${isoDaysFrom(-1)}T12:00:00Z`));
    const held = await SessionPage.verifyOnPage(noJs, group, `Session on ${heldOn}`, 'over-capacity');
    expect(await held.warning()).toBe(
      'This session was over capacity: 8 people came and the group is for at most 7.',
    );
    expect(await held.detail('People who came')).toBe(
      `8 (${named} members linked to family records, ${firstNames.length} first names)`,
    );
    const member = await held.openFirstMember();
    await noJs.waitForURL(/\/practice\/families\/[0-9a-f-]{36}$/);
    const attendedId = /families\/([0-9a-f-]{36})/.exec(noJs.url())?.[1] as string;
    const attendedName = await readText(noJs.locator('h1'));
    const attended = await FamilyGroupsPage.goto(noJs, attendedId, attendedName, 'after-session');
    expect(await noJs.locator('main h2', { hasText: member }).count()).toBe(1);
    expect((await attended.lines()).join('\n')).toContain(`${group}, Carse Family Support Service`);

    // Enrolling the mother in CRAFT, after a mistake and the untrained-worker warning.
    await noJs.goto(`${familyUrl}/enrolments/new`);
    const enrolTitle = `Enrol in a programme: ${familyName}`;
    await ProgrammePage.verifyOnPage(noJs, enrolTitle, 'Enrol in a programme', 'choose');
    await press(noJs, 'button', 'Continue');
    const choose = await ProgrammePage.verifyOnPage(
      noJs,
      enrolTitle,
      'Enrol in a programme',
      'choose-errors',
    );
    expect((await choose.errorSummary()).errors.map((e) => e.text)).toEqual([
      'Select who is starting the programme',
      'Select a programme',
    ]);
    await noJs.getByRole('radio', { name: mother, exact: true }).check();
    await choose.chooseRadio(craft);
    await press(noJs, 'button', 'Continue');
    const detailsTitle = `Enrol ${mother} in ${craft}`;
    await ProgrammePage.verifyOnPage(noJs, detailsTitle, detailsTitle, 'details');
    const untrained = (await noJs.locator('#workerId option').allTextContents()).find((o) =>
      o.includes('(not recorded as trained)'),
    );
    expect(untrained).toBeDefined();
    await noJs.locator('#workerId').selectOption({ label: untrained as string });
    await press(noJs, 'button', 'Enrol');
    await ProgrammePage.verifyOnPage(noJs, detailsTitle, detailsTitle, 'details-untrained');
    expect(await noJs.locator('main .govuk-warning-text').textContent()).toContain(
      `is not recorded as trained to deliver ${craft}`,
    );
    // She delivers it herself: she is trained.
    const trained = (await noJs.locator('#workerId option').allTextContents()).find((o) =>
      o.startsWith(`${morven.name} (trained`),
    );
    await noJs.locator('#workerId').selectOption({ label: trained as string });
    await press(noJs, 'button', 'Enrol anyway');
    const enrolmentTitle = `${craft}: ${mother}`;
    // The enrolment page is audited below, with its sessions.
    const enrolled = await ProgrammePage.verifyOnPage(
      noJs,
      enrolmentTitle,
      enrolmentTitle,
      'enrolled',
      false,
    );
    expect(await enrolled.progressText()).toBe('0 of 12 sessions');
    const enrolmentUrl = noJs.url();

    // Three CRAFT sessions through the contact form's programme select: two here, one without JavaScript.
    for (const [which, session] of [
      [page, 1],
      [page, 2],
      [noJs, 3],
    ] as const) {
      await which.goto(`${familyUrl}/contacts/new`);
      const craftForm = await RecordContactPage.verifyOnPage(which, familyName, `craft-${session}`, false);
      await craftForm.tickMember(mother);
      await craftForm.fill('Length (optional)', '50');
      await craftForm.partOf(`${craft}: ${mother}`);
      await craftForm.record();
      await ContactsPage.verifyOnPage(which, familyName, `craft-${session}`, false);
    }
    // Her progress shows on her card in the family overview, and leads to the enrolment.
    await page.goto(familyUrl);
    await FamilyOverviewPage.verifyOnPage(page, familyName, 'craft', false);
    await press(page, 'link', `${craft}: 3 of 12 sessions`);
    const progress = await ProgrammePage.verifyOnPage(page, enrolmentTitle, enrolmentTitle, 'enrolment');
    expect(await progress.progressText()).toBe('3 of 12 sessions');
    expect(
      await page.locator('main .govuk-summary-list__row', { hasText: 'Delivered by' }).textContent(),
    ).toContain(`${morven.name}, ${morven.organisation}`);
    expect(await progress.progressSteps()).toEqual({
      label: 'Sessions attended: 3 of 12',
      complete: 3,
      total: 12,
    });
    await page.goto('/practice/programmes');
    const catalogue = await ProgrammePage.verifyOnPage(
      page,
      'Structured programmes',
      'Structured programmes',
      'catalogue',
    );
    expect((await catalogue.tableRows()).some((row) => row.startsWith(craft))).toBe(true);
    await press(page, 'link', craft);
    const programme = await ProgrammePage.verifyOnPage(page, craft, craft, 'craft');
    expect((await programme.tableRows()).some((row) => row.startsWith(morven.name))).toBe(true);

    // Home: the two members seen today are no longer due; the caseload shows today's contact.
    await page.goto('/');
    await HomePage.verifyOnPage(page, morven.name, 'support-delivery', false);
    const after = await myWork.totals();
    expect([after.members, after.families]).toEqual([before.members, before.families]);
    const due = (await myWork.due()).filter((m) => m.href.endsWith(familyId)).map((m) => m.member);
    expect(due).not.toContain(mother);
    expect(due).not.toContain(other);
    const wereDue = mine.filter(
      (m) => m.href.endsWith(familyId) && [mother, other].includes(m.member) && m.due,
    );
    expect(wereDue.length).toBeGreaterThan(0);
    expect(after.due).toBe(before.due - wereDue.length);
    const caseloadAfter = await CaseloadPage.goto(page, 'after', false);
    expect(await caseloadAfter.worker(morven.name)).toEqual(own);
    const seen = (await caseloadAfter.members()).filter((m) => m.member === mother || m.member === other);
    expect(seen.map((m) => [m.member, m.lastContact, m.due]).sort()).toEqual(
      [
        [mother, today(), false],
        [other, today(), false],
      ].sort(),
    );

    // Ending a programme early needs a reason (without JavaScript).
    await noJs.goto(enrolmentUrl);
    await ProgrammePage.verifyOnPage(noJs, enrolmentTitle, enrolmentTitle, 'before-end', false);
    await press(noJs, 'button', 'End it early');
    const endTitle = `End ${craft} early for ${mother}`;
    const end = await ProgrammePage.verifyOnPage(noJs, endTitle, endTitle, 'end-early');
    await press(noJs, 'button', 'Save: ended early');
    await ProgrammePage.verifyOnPage(noJs, endTitle, endTitle, 'end-early-error');
    expect(await end.fieldError('reason')).toBe('Enter why the programme ended early');
    await noJs.locator('#reason').fill('Moving to Aberdeen to be nearer her sister');
    await press(noJs, 'button', 'Save: ended early');
    await ProgrammePage.verifyOnPage(noJs, enrolmentTitle, enrolmentTitle, 'ended', false);
    expect(await noJs.locator('main').textContent()).toContain('Moving to Aberdeen to be nearer her sister');
  });
});
