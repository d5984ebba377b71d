import { describe, expect, it } from 'vitest';
import { FamiliesPage } from './pages/familiesPage.ts';
import { FamilyOverviewPage } from './pages/familyOverviewPage.ts';
import {
  AddMemberPage,
  EditMemberPage,
  LeavePage,
  MemberHistoryPage,
  MemberPage,
  MergePage,
  PossibleDuplicatesPage,
  StartFamilyPage,
  SupportPage,
} from './pages/memberPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;
const shona = demoAccounts.teamLead;

describe('family members', () => {
  const browser = useBrowser();

  it('starts a family from a grandmother, adds her daughter, and changes the daughter’s details', async () => {
    const page = await browser.newPage();
    const home = await signInAs(page, morven, 'members');
    await home.openSection('Practice');
    await FamiliesPage.verifyOnPage(page, 'before-start');
    await page.getByRole('button', { name: 'Start a family record' }).click();

    const start = await StartFamilyPage.verifyOnPage(page);
    await start.fillFamily('The Carmichael family', 'Kilbrannan');
    await start.fillDetails({
      familyName: 'Carmichael',
      dateOfBirth: { day: '31', month: '2', year: '1957' },
    });
    await start.submit('Start the family record');
    await StartFamilyPage.verifyOnPage(page, 'errors');
    expect((await start.errorSummary()).errors.map((e) => e.text)).toEqual([
      'Enter their first name',
      'Date of birth must be a real date, like 27 3 1985',
    ]);
    expect(await start.fieldError('givenName')).toBe('Enter their first name');

    await start.fillDetails({
      givenName: 'Isobel',
      dateOfBirth: { day: '14', month: '3', year: '1957' },
      pronouns: 'she/her',
      relationshipLabel: 'Grandmother',
      roles: ['Affected family member', 'Adult carer'],
      livesInHousehold: 'yes',
      phone: '07700 900456',
      safeToPhone: 'yes',
    });
    await start.submit('Start the family record');
    const overview = await FamilyOverviewPage.verifyOnPage(page, 'The Carmichael family', 'started');
    expect(await overview.reference()).toMatch(/^GC-\d{4}$/);

    await page.getByRole('link', { name: 'Add a member', exact: true }).click();
    const add = await AddMemberPage.verifyOnPage(page);
    await add.fillDetails({
      givenName: 'Leanne',
      familyName: 'Carmichael',
      approximateAge: '34',
      relationshipLabel: 'Daughter',
      roles: ['Person using substances'],
      livesInHousehold: 'no',
      safeToPhone: 'no',
      contactSafetyNote: 'Her partner answers her phone. Leave messages with Isobel.',
    });
    await add.submit('Continue');
    const leanne = await MemberPage.verifyOnPage(page, 'Leanne Carmichael', 'added');
    expect(await leanne.successMessage()).toBe('Member added to the family record.');
    expect(await leanne.contactWarning()).toBe(
      'It is not safe to phone this person. Check the contact note before any contact.',
    );
    expect(await leanne.detail('Date of birth')).toBe('Not known (about 34)');
    expect(await leanne.detail('Part in the family’s story')).toBe('Person using substances');

    await leanne.open('Change their details');
    const edit = await EditMemberPage.verifyOnPage(page, 'Leanne Carmichael');
    await edit.fillDetails({ preferredName: 'Lea', pronouns: 'she/her' });
    await edit.submit('Save changes');
    const lea = await MemberPage.verifyOnPage(page, 'Lea Carmichael', 'changed');
    expect(await lea.successMessage()).toBe('Their details have been saved.');

    await lea.open('History of changes');
    const history = await MemberHistoryPage.verifyOnPage(page);
    expect((await history.changes())[0]).toMatch(
      /^Their details: Changed, .+, by Morven Blair, Carse Family Support Service$/,
    );
    expect(await history.change('Preferred name')).toEqual({ from: 'Nothing recorded', to: 'Lea' });
  });

  it('shows someone already known before adding them again, and works without JavaScript', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signInAs(page, morven, 'members-no-js');
    await page.goto('/practice/families/new');
    const start = await StartFamilyPage.verifyOnPage(page, 'no-js');
    await start.fillFamily('The Lennox family', 'Carse of Dunmore');
    await start.fillDetails({
      givenName: 'Jodie',
      familyName: 'Lennox',
      dateOfBirth: { day: '9', month: '8', year: '2011' },
      roles: ['Child or young person', 'Young carer'],
    });
    await start.submit('Start the family record');
    await FamilyOverviewPage.verifyOnPage(page, 'The Lennox family', 'no-js');
    const familyUrl = page.url();

    await page.goto(`${familyUrl}/members/new`);
    const add = await AddMemberPage.verifyOnPage(page, 'no-js');
    await add.fillDetails({
      givenName: 'Jodie',
      familyName: 'Lenox',
      dateOfBirth: { day: '9', month: '8', year: '2011' },
    });
    await add.submit('Continue');
    // The only likely match is already in this family, so it cannot be added again, only looked at.
    const twin = await PossibleDuplicatesPage.verifyOnPage(page, 'already-here');
    expect(await twin.matchNames()).toEqual(['Jodie Lennox']);
    expect(await page.getByText('Already a member of this family.').count()).toBe(1);
    await twin.choose('Add Jodie Lenox as a new person');
    await MemberPage.verifyOnPage(page, 'Jodie Lenox', 'possible-twin');

    await page.goto('/practice/families/new');
    const second = await StartFamilyPage.verifyOnPage(page, 'second');
    await second.fillFamily('The Moir family', 'Carse of Dunmore');
    await second.fillDetails({
      givenName: 'Craig',
      familyName: 'Moir',
      relationshipLabel: 'Father',
      roles: ['Person using substances'],
    });
    await second.submit('Start the family record');
    await FamilyOverviewPage.verifyOnPage(page, 'The Moir family', 'second');
    await page.goto(`${page.url()}/members/new`);
    const addJodie = await AddMemberPage.verifyOnPage(page, 'second');
    await addJodie.fillDetails({
      givenName: 'Jodie',
      familyName: 'Lennox',
      dateOfBirth: { day: '9', month: '8', year: '2011' },
      relationshipLabel: 'Stepdaughter',
    });
    await addJodie.submit('Continue');
    const duplicates = await PossibleDuplicatesPage.verifyOnPage(page);
    expect(await duplicates.matchNames()).toEqual(expect.arrayContaining(['Jodie Lennox', 'Jodie Lenox']));
    await duplicates.choose('Add Jodie Lennox to this family');
    const jodie = await MemberPage.verifyOnPage(page, 'Jodie Lennox', 'two-families');
    expect(await jodie.detail('Who they are in the family')).toBe('Stepdaughter');
    expect(await page.locator('main h2', { hasText: 'Other family records' }).count()).toBe(1);
  });

  it('lets a team lead record confidential support, merge a duplicate and end a membership', async () => {
    const page = await browser.newPage();
    await signInAs(page, shona, 'members-team-lead');
    await page.goto('/practice/families/new');
    const start = await StartFamilyPage.verifyOnPage(page, 'team-lead');
    await start.fillFamily('The Dunsmuir family', 'Ardmore Coast');
    await start.fillDetails({
      givenName: 'Rhona',
      familyName: 'Dunsmuir',
      dateOfBirth: { day: '3', month: '5', year: '1979' },
      roles: ['Affected family member'],
    });
    await start.submit('Start the family record');
    await FamilyOverviewPage.verifyOnPage(page, 'The Dunsmuir family', 'team-lead');
    const familyUrl = page.url();

    await page.goto(`${familyUrl}/members/new`);
    const add = await AddMemberPage.verifyOnPage(page, 'team-lead');
    await add.fillDetails({
      givenName: 'Rhona',
      familyName: 'Dunsmure',
      dateOfBirth: { day: '3', month: '5', year: '1979' },
    });
    await add.submit('Continue');
    // Sometimes a second record is made anyway: here, to be merged below.
    await (await PossibleDuplicatesPage.verifyOnPage(page, 'team-lead')).choose(
      'Add Rhona Dunsmure as a new person',
    );
    await MemberPage.verifyOnPage(page, 'Rhona Dunsmure', 'second-record');
    const duplicateUrl = page.url().split('?')[0] as string;

    await page.getByRole('link', { name: 'Update your organisation’s support' }).click();
    const support = await SupportPage.verifyOnPage(page);
    await support.save('Closed', { reason: '' });
    await SupportPage.verifyOnPage(page, 'errors');
    expect(await support.fieldError('closedReason')).toBe('Enter why their support closed');
    await support.save('Being supported', { confidential: true });
    const supported = await MemberPage.verifyOnPage(page, 'Rhona Dunsmure', 'supported');
    expect(await supported.successMessage()).toBe('Your organisation’s support has been saved.');
    expect(await page.locator('main').getByText('Confidential', { exact: true }).count()).toBe(1);

    await page.getByRole('link', { name: 'Merge a duplicate record' }).click();
    const merge = await MergePage.verifyOnPage(page);
    await merge.merge('Rhona Dunsmuir', 'other');
    const kept = await MemberPage.verifyOnPage(page, 'Rhona Dunsmuir', 'merged');
    expect(await kept.successMessage()).toBe('The two records have been merged.');
    expect((await page.goto(duplicateUrl))?.status()).toBe(404);
    await page.goBack();

    await kept.open('Leaving or moving family');
    const leave = await LeavePage.verifyOnPage(page);
    await leave.leave({ day: '31', month: '2', year: '2026' }, '');
    await LeavePage.verifyOnPage(page, 'errors');
    expect((await leave.errorSummary()).errors.map((e) => e.text)).toEqual([
      'The date they left must be a real date, like 14 2 2026',
      'Enter why they are leaving',
    ]);
    const today = new Date();
    await leave.leave(
      {
        day: String(today.getDate()),
        month: String(today.getMonth() + 1),
        year: String(today.getFullYear()),
      },
      'Moved to Aberdeen to be near her sister',
    );
    const overview = await FamilyOverviewPage.verifyOnPage(page, 'The Dunsmuir family', 'after-leaving');
    expect(await overview.reference()).toMatch(/^GC-\d{4}$/);
  });
});
