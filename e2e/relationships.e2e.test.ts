import { describe, expect, it } from 'vitest';
import { FamiliesPage } from './pages/familiesPage.ts';
import { FamilyOverviewPage } from './pages/familyOverviewPage.ts';
import {
  AddRelationshipPage,
  EditRelationshipPage,
  EndRelationshipPage,
  FamilyMapPage,
  FamilyMapPrintPage,
  RelationshipHistoryPage,
  RelationshipsPage,
} from './pages/relationshipPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const shona = demoAccounts.teamLead;

describe('relationships and the family map', () => {
  const browser = useBrowser();

  it('explains bad relationships next to the field, without JavaScript, and keeps nothing half-saved', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const home = await signInAs(page, shona, 'relationships-no-js');
    await home.openSection('Practice');
    const families = await FamiliesPage.verifyOnPage(page, 'relationships');
    const [family] = await families.demoRows();
    if (!family) throw new Error('no demo family listed');
    await families.openFamily(family.reference);
    const overview = await FamilyOverviewPage.verifyOnPage(page, family.name, 'relationships-start');
    await overview.follow('Relationships');
    const list = await RelationshipsPage.verifyOnPage(page, 'demo');
    const before = await list.rows();
    await list.add();

    const form = await AddRelationshipPage.verifyOnPage(page, 'empty');
    const people = (await page.locator('#from option').allTextContents()).filter(
      (name) => name !== 'Select a member',
    );
    expect(people.length).toBeGreaterThanOrEqual(2);
    // Oldest first: the first is older than the last.
    const oldest = people[0] as string;
    const youngest = people.at(-1) as string;

    await form.fill({ from: oldest, relation: 'neighbour of', to: oldest, quality: 'Supportive' });
    await form.save();
    const self = await AddRelationshipPage.verifyOnPage(page, 'self');
    expect((await self.errorSummary()).errors).toEqual([
      {
        text: 'Select two different people: someone cannot have a relationship with themselves',
        href: '#to',
      },
    ]);
    expect(await self.fieldError('to')).toBe(
      'Select two different people: someone cannot have a relationship with themselves',
    );
    expect(await self.fieldDescribedByError('to')).toBe(true);
    // What was chosen is kept.
    expect(await page.locator('#from').inputValue()).not.toBe('');

    await self.fill({ from: youngest, relation: 'parent of', to: oldest, quality: 'Supportive' });
    await self.save();
    const older = await AddRelationshipPage.verifyOnPage(page, 'child-older');
    expect(await older.fieldError('relation')).toMatch(
      new RegExp(`^By the dates of birth given, ${oldest} is not younger than ${youngest}`),
    );

    await older.fill({
      from: oldest,
      relation: 'neighbour of',
      to: youngest,
      quality: 'Supportive',
      note: 'Lives two doors down.',
    });
    await older.save();
    const added = await RelationshipsPage.verifyOnPage(page, 'neighbour-added');
    expect(await added.successMessage()).toBe('Relationship added.');
    const sentence = `${oldest} is neighbour of ${youngest}`;
    expect(await added.rows()).toHaveLength(before.length + 1);

    await added.add();
    const again = await AddRelationshipPage.verifyOnPage(page, 'again');
    await again.fill({ from: youngest, relation: 'neighbour of', to: oldest, quality: 'Mixed' });
    await again.save();
    const duplicate = await AddRelationshipPage.verifyOnPage(page, 'duplicate');
    expect(await duplicate.fieldError('relation')).toBe(
      `This relationship between ${youngest} and ${oldest} is already recorded. Change the one recorded instead`,
    );
    await page.goto(new URL(page.url()).pathname.replace(/\/new$/, ''));
    const unchanged = await RelationshipsPage.verifyOnPage(page, 'after-duplicate');
    expect(await unchanged.rows()).toHaveLength(before.length + 1);

    await unchanged.openRow('Change', sentence);
    const edit = await EditRelationshipPage.verifyOnPage(page);
    await edit.choose('Strained');
    await edit.save();
    const changed = await RelationshipsPage.verifyOnPage(page, 'changed');
    expect(await changed.successMessage()).toBe('Relationship changed.');

    await changed.openRow('Mark as past', sentence);
    const end = await EndRelationshipPage.verifyOnPage(page);
    await end.confirm();
    const ended = await RelationshipsPage.verifyOnPage(page, 'ended');
    expect(await ended.status(sentence)).toBe('In the past');

    await page.getByRole('link', { name: 'the history of changes' }).click();
    const history = await RelationshipHistoryPage.verifyOnPage(page);
    const [latest, changedEntry, addedEntry] = await history.entries();
    expect(latest).toContain(`${sentence} Marked as in the past`);
    expect(latest).toContain('Current or past: was Current, now In the past');
    expect(changedEntry).toContain('How it is: was Supportive, now Strained');
    expect(addedEntry).toContain(shona.name);
    await page.getByRole('link', { name: 'Back to relationships' }).click();
    await RelationshipsPage.verifyOnPage(page, 'after-history');

    await page.getByRole('link', { name: 'See the family map' }).click();
    const map = await FamilyMapPage.verifyOnPage(page, 'demo');
    expect((await map.namesOnMap()).length).toBe(people.length);
    expect(await map.lineCount()).toBe(before.length + 1);
    expect(await map.relationships()).toContain(
      `${sentence} (${youngest} is neighbour of ${oldest}). Strained, in the past.`,
    );
    await page.getByRole('link', { name: 'open the print view' }).click();
    await FamilyMapPrintPage.verifyOnPage(page, family.name);
    expect(await page.locator('.hearth-header').count()).toBe(0);
  }, 240_000);

  it('shows the relationships of a demo family on its overview, said from both sides', async () => {
    const page = await browser.newPage();
    const home = await signInAs(page, shona, 'relationships-overview');
    await home.openSection('Practice');
    const families = await FamiliesPage.verifyOnPage(page, 'relationships-overview');
    const [, second] = await families.demoRows();
    if (!second) throw new Error('fewer than two demo families');
    await families.openFamily(second.reference);
    const overview = await FamilyOverviewPage.verifyOnPage(page, second.name, 'demo-relationships');
    const relationships = await overview.relationships();
    expect(relationships.length).toBeGreaterThan(0);
    for (const said of relationships)
      expect(said).toMatch(/^.+ is .+ \(.+ is .+\)\. (Supportive|Mixed|Strained|Harmful|Not known)/);
    expect((await overview.namesOnMap()).sort()).toEqual((await overview.memberNames()).sort());
  }, 240_000);
});
