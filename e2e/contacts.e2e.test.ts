import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ContactsPage, RecordContactPage } from './pages/contactPages.ts';
import { FamiliesPage } from './pages/familiesPage.ts';
import { FamilyOverviewPage } from './pages/familyOverviewPage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;

/** Opens the first of Morven's demo families with two or more members she can see. */
async function familyWithTwoMembers(page: Page): Promise<{ name: string; members: string[] }> {
  await page.goto('/practice');
  const list = await FamiliesPage.verifyOnPage(page, 'contacts');
  for (const row of await list.demoRows()) {
    await page.goto('/practice');
    await list.openFamily(row.reference);
    const overview = await FamilyOverviewPage.verifyOnPage(page, row.name, `contacts-${row.reference}`);
    const members = await overview.memberNames();
    if (members.length >= 2) return { name: row.name, members };
  }
  throw new Error('no demo family with two members');
}

describe('contacts', () => {
  const browser = useBrowser();

  it('records a whole-family session with two members from the overview, after fixing a mistake', async () => {
    const page = await browser.newPage();
    await signInAs(page, morven, 'contacts');
    const family = await familyWithTwoMembers(page);
    const [first, second] = family.members as [string, string];
    await page.getByRole('button', { name: 'Record a contact' }).click();
    let form = await RecordContactPage.verifyOnPage(page, family.name, 'new');
    expect(await form.memberNames()).toEqual(expect.arrayContaining([first, second]));
    expect([await form.chosen('kind'), await form.chosen('channel'), await form.chosen('outcome')]).toEqual([
      'one_to_one',
      'in_person',
      'attended',
    ]);

    await form.choose('Whole-family');
    await form.choose('Home visit');
    await form.fill('Length (optional)', '900');
    await form.record();
    form = await RecordContactPage.verifyOnPage(page, family.name, 'errors');
    expect((await form.errorSummary()).errors).toEqual([
      { text: 'Select who the contact was with', href: '#members' },
      { text: 'The length must be a whole number of minutes, from 1 to 600', href: '#durationMinutes' },
    ]);
    expect(await form.errorSummaryHasFocus()).toBe(true);
    expect(await form.chosen('kind')).toBe('whole_family');

    await form.tickMember(first);
    await form.tickMember(second);
    await form.fill('Length (optional)', '60');
    await form.tickTopic('Relationships in the family');
    await form.fill('Notes (optional)', 'Talked together about how evenings at home have been going.');
    await form.record();
    const contacts = await ContactsPage.verifyOnPage(page, family.name, 'added');
    expect(await contacts.successMessage()).toBe('Contact recorded.');
    expect((await contacts.headings())[0]).toMatch(/: Whole-family, home visit$/);
    expect(await contacts.newest('With')).toContain(first);
    expect(await contacts.newest('With')).toContain(second);
    expect(await contacts.newest('Notes')).toBe(
      'Talked together about how evenings at home have been going.',
    );

    await page.getByRole('link', { name: 'Back to the family overview' }).click();
    await FamilyOverviewPage.verifyOnPage(page, family.name, 'last-contact');
    const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(
      new Date(),
    );
    expect(await page.locator('main p', { hasText: 'Last contact:' }).textContent()).toContain(today);
  });
});
