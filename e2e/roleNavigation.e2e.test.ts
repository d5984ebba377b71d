import { describe, expect, it } from 'vitest';
import { ForbiddenPage } from './pages/errorPages.ts';
import { FamiliesPage } from './pages/familiesPage.ts';
import { PartnershipPage } from './pages/partnershipPage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts, demoAreaName } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

describe('what each kind of user sees', () => {
  const browser = useBrowser();

  it.each([
    { who: 'team lead', account: demoAccounts.teamLead, sections: ['Practice'] },
    { who: 'volunteer', account: demoAccounts.volunteer, sections: ['Practice'] },
    { who: 'organisation admin', account: demoAccounts.organisationAdmin, sections: ['Admin'] },
    { who: 'system admin', account: demoAccounts.systemAdmin, sections: ['Admin'] },
    { who: 'partnership lead', account: demoAccounts.partnershipLead, sections: ['Partnership'] },
  ])('a $who sees $sections in the navigation and on the home page', async ({ account, sections }) => {
    const page = await browser.newPage();
    const home = await signInAs(page, account, account.email.split('@')[0] ?? 'user');
    expect(await home.signedInAs()).toBe(`${account.name}, ${account.organisation}`);
    expect(await home.sections()).toEqual(sections);
    expect(await home.cards()).toEqual(sections);
  });

  it('a volunteer opens Practice and sees the families their peer group works with', async () => {
    const page = await browser.newPage();
    const home = await signInAs(page, demoAccounts.volunteer, 'volunteer');
    await home.openSection('Practice');
    const families = await FamiliesPage.verifyOnPage(page, 'volunteer');
    expect(await families.summary()).toMatch(/^\d+ open famil(y|ies) your organisation works with\.$/);
  });

  it('a partnership lead sees counts without names, with small numbers hidden, and no family records', async () => {
    const page = await browser.newPage();
    const home = await signInAs(page, demoAccounts.partnershipLead, 'partnership-lead');
    expect(await home.openFamiliesText()).toBeUndefined();

    await home.openSection('Partnership');
    const partnership = await PartnershipPage.verifyOnPage(page, demoAreaName);
    expect(await partnership.currentSection()).toBe('Partnership');
    const byLocality = await partnership.openFamiliesByLocality();
    // Ardmore Coast, the small locality, has 7 open families in the demo.
    expect(byLocality.get('Ardmore Coast')).toBe('fewer than 10');
    // Kilbrannan has 34 open demo families, more once other journeys have started families there.
    expect(Number(byLocality.get('Kilbrannan'))).toBeGreaterThanOrEqual(34);
    for (const shown of byLocality.values()) expect(shown).toMatch(/^(0|fewer than 10|[1-9]\d+|not shown)$/);
    expect(await partnership.organisations()).toContain('Carse Family Support Service');

    await page.goto('/practice');
    await ForbiddenPage.verifyOnPage(page, 'partnership-lead-practice');
  });

  it('a practitioner is refused the partnership figures', async () => {
    const page = await browser.newPage();
    await signInAs(page, demoAccounts.practitioner, 'practitioner-before-partnership');
    const response = await page.goto('/partnership');
    expect(response?.status()).toBe(403);
    const refused = await ForbiddenPage.verifyOnPage(page, 'practitioner-partnership');
    expect(await refused.sections()).toEqual(['Practice']);
  });
});
