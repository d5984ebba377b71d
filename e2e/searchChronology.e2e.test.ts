import { describe, expect, it } from 'vitest';
import { FamiliesPage } from './pages/familiesPage.ts';
import {
  AddChronologyEntryPage,
  ChronologyPage,
  ChronologyPrintPage,
  FamilySearchPage,
} from './pages/searchChronologyPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

/** A misspelling a worker might type: the last vowel changed ("Docherty" → "Dochirty"). */
function misspelt(surname: string): string {
  const at = surname.search(/[aeiou][^aeiou]*$/);
  if (at <= 0) return `${surname}e`;
  return surname.slice(0, at) + (surname[at] === 'i' ? 'e' : 'i') + surname.slice(at + 1);
}

describe('finding a family and keeping its chronology', () => {
  const browser = useBrowser();

  /** Signs in without JavaScript and takes the first family on the Practice list. */
  async function start(state: string) {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const home = await signInAs(page, demoAccounts.practitioner, state);
    await home.openSection('Practice');
    const families = await FamiliesPage.verifyOnPage(page);
    const [first] = await families.demoRows();
    if (!first) throw new Error('no family listed');
    return { page, first, families };
  }

  it('finds a family by a misspelt surname, without JavaScript', async () => {
    const { page, first } = await start('search');
    const surname = first.name.replace(/ family$/, '');

    const search = await FamilySearchPage.goto(page);
    const empty = await search.search({ name: '' }, 'nothing-entered');
    expect((await empty.errorSummary()).errors).toEqual([
      { text: 'Enter a name, date of birth, postcode or family reference', href: '#name' },
    ]);
    const found = await search.search({ name: misspelt(surname) }, 'results');
    expect(await found.summary()).toMatch(/^\d+ famil(y|ies) found\./);
    const results = await found.results();
    expect(results.map((r) => r.details)).toContainEqual(expect.stringContaining(first.reference));
    for (const result of results) expect(result.members.length).toBeGreaterThan(0);
    await found.openResult(first.name);
    expect(new URL(page.url()).pathname).toMatch(/^\/practice\/families\/[0-9a-f-]{36}$/);
  }, 120_000);

  it('filters and prints a family’s chronology and adds an entry, without JavaScript', async () => {
    const { page, first, families } = await start('chronology');
    await families.openFamily(first.reference);
    await page.waitForURL(/\/practice\/families\/[0-9a-f-]{36}$/);
    const familyId = new URL(page.url()).pathname.split('/').pop() as string;

    const chronology = await ChronologyPage.goto(page, familyId, first.name);
    expect((await chronology.entries()).length).toBeGreaterThan(0);
    const positive = await chronology.filter({ impact: 'Positive' }, first.name, 'positive');
    for (const entry of await positive.entries()) expect(entry).toContain('Impact: Positive');
    expect(await positive.count()).toContain('impact positive');
    const shown = (await positive.entries()).length;

    await positive.follow('Print view');
    const print = await ChronologyPrintPage.verifyOnPage(page, first.name);
    expect(await print.hasNavigation()).toBe(false);
    expect(await print.entryCount()).toBe(shown);

    await ChronologyPage.goto(page, familyId, first.name);
    await chronology.addEntry();
    const add = await AddChronologyEntryPage.verifyOnPage(page, first.name, 'empty');
    await add.fill({ occurredOn: ['31', '2', '2025'], what: '' });
    await add.submit();
    const invalid = await AddChronologyEntryPage.verifyOnPage(page, first.name, 'errors');
    expect((await invalid.errorSummary()).errors).toEqual([
      { text: 'The date it happened must be a real date', href: '#occurredOn-day' },
      { text: 'Enter what happened', href: '#what' },
      { text: 'Select the impact on the family', href: '#impact' },
    ]);
    expect(await invalid.fieldError('what')).toBe('Enter what happened');

    await invalid.fill({
      kind: 'Strength',
      occurredOn: ['3', '3', '2025'],
      what: 'The family went to the parents’ evening together for the first time.',
      source: 'The family',
      impact: 'Positive',
    });
    await invalid.submit();
    const added = await ChronologyPage.verifyOnPage(page, first.name, 'added');
    expect(await added.successMessage()).toBe('Entry added to the chronology');
    expect((await added.entries()).join('\n')).toContain('went to the parents’ evening together');
  }, 120_000);
});
