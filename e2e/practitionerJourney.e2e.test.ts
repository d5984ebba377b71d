import { describe, expect, it } from 'vitest';
import { FamiliesPage } from './pages/familiesPage.ts';
import { FamilyOverviewPage } from './pages/familyOverviewPage.ts';
import { HomePage } from './pages/homePage.ts';
import { SignInPage } from './pages/signInPage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { testPassword } from './support/server.ts';

const morven = demoAccounts.practitioner;

describe('a practitioner’s visit', () => {
  const browser = useBrowser();

  it('signs in with the keyboard, opens a family, signs out, and is then kept out', async () => {
    const page = await browser.newPage();
    const signIn = await SignInPage.goto(page);
    expect(await signIn.signedInAs()).toBeUndefined();
    await signIn.signIn(morven.email, testPassword);

    const home = await HomePage.verifyOnPage(page, morven.name, 'practitioner');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await home.signedInAs()).toBe(`${morven.name}, ${morven.organisation}`);
    expect(await home.sections()).toEqual(['Practice']);
    expect(await home.cards()).toEqual(['Practice']);
    const openFamilies = await home.openFamiliesText();
    expect(openFamilies).toMatch(new RegExp(`^\\d+ open families at ${morven.organisation}$`));

    await home.openSection('Practice');
    const families = await FamiliesPage.verifyOnPage(page);
    expect(await families.currentSection()).toBe('Practice');
    const count = openFamilies?.split(' ')[0];
    expect(await families.summary()).toBe(`${count} open families your organisation works with.`);
    const rows = await families.rows();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(25);
    const [family] = rows;
    if (!family) throw new Error('no family listed');

    await families.openFamily(family.reference);
    const overview = await FamilyOverviewPage.verifyOnPage(page, family.name);
    expect(await overview.reference()).toBe(family.reference);
    expect((await overview.memberNames()).length).toBe(Number(family.members));
    // A practitioner sees only families their organisation works with.
    expect(await overview.teamOrganisations()).toContain(morven.organisation);

    await overview.backToFamilies();
    await FamiliesPage.verifyOnPage(page);

    await families.signOut();
    const signedOut = await SignInPage.verifyOnPage(page, 'signed-out');
    expect(await signedOut.successMessage()).toBe('You have signed out.');
    expect(await signedOut.signedInAs()).toBeUndefined();
    expect(await signedOut.sections()).toEqual([]);

    await page.goto('/practice');
    await SignInPage.verifyOnPage(page, 'after-sign-out');
    const url = new URL(page.url());
    expect(url.pathname).toBe('/sign-in');
    expect(url.searchParams.get('returnTo')).toBe('/practice');
  });
});
