import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ConsentGridPage, RecordConsentPage } from './pages/consentTeamPages.ts';
import { FamiliesPage } from './pages/familiesPage.ts';
import { FamilyOverviewPage } from './pages/familyOverviewPage.ts';
import {
  AddMemberPage,
  type MemberDetailsInput,
  MemberPage,
  PossibleDuplicatesPage,
  StartFamilyPage,
} from './pages/memberPages.ts';
import { AddRelationshipPage, FamilyMapPage, RelationshipsPage } from './pages/relationshipPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;
const familyName = 'The Kerrigan family';

/** Adds a member from the overview, through the duplicate check if Hearth finds someone similar. */
async function addMember(page: Page, details: MemberDetailsInput, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Add a member', exact: true }).click();
  const add = await AddMemberPage.verifyOnPage(page, name.split(' ')[0]?.toLowerCase());
  await add.fillDetails(details);
  await add.submit('Continue');
  await page.waitForLoadState('load');
  if ((await page.title()).startsWith('Is this someone already on Hearth?')) {
    const duplicates = await PossibleDuplicatesPage.verifyOnPage(page);
    await duplicates.choose(`Add ${name} as a new person`);
  }
  await MemberPage.verifyOnPage(page, name, name.split(' ')[0]?.toLowerCase());
  await page
    .getByRole('link', { name: /^Back to/ })
    .first()
    .click();
  await FamilyOverviewPage.verifyOnPage(page, familyName, `after-${name.split(' ')[0]?.toLowerCase()}`);
}

/** From the relationships page: adds one relationship and comes back to the page. */
async function addRelationship(
  page: Page,
  from: string,
  relation: string,
  to: string,
  quality: 'Supportive' | 'Mixed' | 'Strained' | 'Harmful',
) {
  await page.getByRole('button', { name: 'Add a relationship' }).click();
  const form = await AddRelationshipPage.verifyOnPage(page, 'form');
  await form.fill({ from, relation, to, quality, current: 'Current' });
  await form.save();
  const after = await RelationshipsPage.verifyOnPage(page, 'added');
  expect(await after.successMessage()).toBe('Relationship added.');
}

describe('the whole-family record, from the first person who came', () => {
  const browser = useBrowser();

  it('starts from a grandmother, adds her daughter and grandchildren, relates them, records consent and sees the map', async () => {
    const page = await browser.newPage();
    const home = await signInAs(page, morven, 'family-journey');
    await home.openSection('Practice');
    await FamiliesPage.verifyOnPage(page, 'journey');
    await page.getByRole('button', { name: 'Start a family record' }).click();

    const start = await StartFamilyPage.verifyOnPage(page, 'journey');
    await start.fillFamily(familyName, 'Kilbrannan');
    await start.fillDetails({
      givenName: 'Agnes',
      familyName: 'Kerrigan',
      dateOfBirth: { day: '2', month: '4', year: '1961' },
      relationshipLabel: 'Grandmother',
      roles: ['Affected family member', 'Adult carer'],
      livesInHousehold: 'yes',
    });
    await start.submit('Start the family record');
    let overview = await FamilyOverviewPage.verifyOnPage(page, familyName, 'journey-started');
    const familyPath = new URL(page.url()).pathname;

    await addMember(
      page,
      {
        givenName: 'Donna',
        familyName: 'Kerrigan',
        dateOfBirth: { day: '19', month: '8', year: '1989' },
        relationshipLabel: 'Daughter',
        roles: ['Person using substances'],
        livesInHousehold: 'no',
        safeToPhone: 'no',
      },
      'Donna Kerrigan',
    );
    await addMember(
      page,
      {
        givenName: 'Liam',
        familyName: 'Kerrigan',
        dateOfBirth: { day: '5', month: '6', year: '2016' },
        relationshipLabel: 'Grandson',
        roles: ['Child or young person'],
        livesInHousehold: 'yes',
      },
      'Liam Kerrigan',
    );
    await addMember(
      page,
      {
        givenName: 'Skye',
        familyName: 'Kerrigan',
        dateOfBirth: { day: '11', month: '1', year: '2012' },
        relationshipLabel: 'Granddaughter',
        roles: ['Child or young person', 'Young carer'],
        livesInHousehold: 'yes',
      },
      'Skye Kerrigan',
    );

    overview = await FamilyOverviewPage.verifyOnPage(page, familyName, 'journey-members');
    expect((await overview.memberNames()).sort()).toEqual(
      ['Agnes Kerrigan', 'Donna Kerrigan', 'Liam Kerrigan', 'Skye Kerrigan'].sort(),
    );
    expect(await overview.memberCard('Donna Kerrigan')).toContain('Not safe to phone');

    await overview.follow('Relationships');
    await RelationshipsPage.verifyOnPage(page, 'journey-empty');
    await addRelationship(page, 'Agnes Kerrigan', 'parent of', 'Donna Kerrigan', 'Strained');
    // Said from the child's side: stored as Donna being parent of Liam.
    await addRelationship(page, 'Liam Kerrigan', 'child of', 'Donna Kerrigan', 'Mixed');
    await addRelationship(page, 'Donna Kerrigan', 'parent of', 'Skye Kerrigan', 'Harmful');
    await addRelationship(page, 'Agnes Kerrigan', 'grandparent of', 'Liam Kerrigan', 'Supportive');
    await addRelationship(page, 'Agnes Kerrigan', 'kinship carer for', 'Skye Kerrigan', 'Supportive');
    await addRelationship(page, 'Skye Kerrigan', 'brother or sister of', 'Liam Kerrigan', 'Supportive');
    const relationships = await RelationshipsPage.verifyOnPage(page, 'journey');
    expect(await relationships.rows()).toContain(
      'Donna Kerrigan is parent of Liam Kerrigan Liam Kerrigan is child of Donna Kerrigan',
    );

    const grid = await ConsentGridPage.goto(page, familyPath.split('/').at(-1) as string, 'journey');
    const [organisation] = await grid.organisations();
    expect(organisation).toBe(morven.organisation);
    for (const member of ['Agnes Kerrigan', 'Donna Kerrigan']) {
      await (await ConsentGridPage.verifyOnPage(page, 'journey')).change(member, morven.organisation);
      const form = await RecordConsentPage.verifyOnPage(page, member, morven.organisation, 'journey');
      await form.fill({ agrees: true, scope: 'Share with the team around the family', method: 'Verbally' });
      await form.save();
    }
    const afterConsent = await ConsentGridPage.verifyOnPage(page, 'journey-recorded');
    expect(await afterConsent.state('Donna Kerrigan', morven.organisation)).toBe('Agreed to share');

    await page.goto(`${familyPath}/map`);
    const map = await FamilyMapPage.verifyOnPage(page, 'journey');
    expect((await map.namesOnMap()).sort()).toEqual(
      ['Agnes Kerrigan', 'Donna Kerrigan', 'Liam Kerrigan', 'Skye Kerrigan'].sort(),
    );
    expect(await map.lineCount()).toBe(6);
    expect(await map.relationships()).toContain(
      'Agnes Kerrigan is kinship carer for Skye Kerrigan (Skye Kerrigan is in the kinship care of Agnes Kerrigan). Supportive.',
    );

    await page.goto(familyPath);
    overview = await FamilyOverviewPage.verifyOnPage(page, familyName, 'journey-complete');
    expect(await overview.mapTitle()).toBe(`Family map: ${familyName}`);
    expect((await overview.namesOnMap()).length).toBe(4);
    expect(await overview.relationships()).toHaveLength(6);
    expect(await overview.teamOrganisations()).toEqual([morven.organisation]);
    expect(await overview.memberCard('Donna Kerrigan')).toContain('Agreed to share');
    expect(await overview.dueNext()).toContain('Agree a lead professional for the family');
    // Adding members and recording consent wrote the first entries of the chronology.
    expect((await overview.latestChronology()).length).toBeGreaterThan(0);
  }, 240_000);
});
