import { describe, expect, it } from 'vitest';
import { ProgrammePage, press } from './pages/programmePages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const morven = demoAccounts.practitioner;
const craft = 'CRAFT (Community Reinforcement and Family Training)';

describe('structured programmes', () => {
  const browser = useBrowser();

  it('shows the catalogue and a mother’s CRAFT progress, enrols another member with a warning, and ends it early with a reason', async () => {
    const page = await browser.newPage();
    await signInAs(page, morven, 'programmes');
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
    expect((await programme.tableRows()).some((row) => row.startsWith('Morven Blair'))).toBe(true);

    // The demo family whose mother is part-way through CRAFT.
    await page.goto('/practice');
    const references = await page.locator('main table tbody a[href^="/practice/families/"]').all();
    let familyUrl = '';
    for (const link of references) {
      const href = (await link.getAttribute('href')) as string;
      const overview = await page.context().request.get(href);
      if ((await overview.text()).includes(`${craft}: 4 of 12 sessions`)) {
        familyUrl = href;
        break;
      }
    }
    expect(familyUrl).not.toBe('');
    await page.goto(familyUrl);
    const familyName = await readHeading(page);
    await press(page, 'link', `${craft}: 4 of 12 sessions`);
    const enrolment = await ProgrammePage.verifyOnPage(
      page,
      `${craft}: ${await enrolled(page)}`,
      `${craft}: ${await enrolled(page)}`,
      'enrolment',
    );
    expect(await enrolment.progressText()).toBe('4 of 12 sessions');
    expect(await enrolment.progressSteps()).toEqual({
      label: 'Sessions attended: 4 of 12',
      complete: 4,
      total: 12,
    });

    await page.goto(`${familyUrl}/enrolments/new`);
    const choose = await ProgrammePage.verifyOnPage(
      page,
      `Enrol in a programme: ${familyName}`,
      'Enrol in a programme',
      'choose',
    );
    await press(page, 'button', 'Continue');
    const errors = await ProgrammePage.verifyOnPage(
      page,
      `Enrol in a programme: ${familyName}`,
      'Enrol in a programme',
      'choose-errors',
    );
    expect((await errors.errorSummary()).errors.map((e) => e.text)).toEqual([
      'Select who is starting the programme',
      'Select a programme',
    ]);
    const adult = (await page.locator('main [name="personId"]').all())[0];
    await adult?.check();
    await choose.chooseRadio('SMART Recovery Family & Friends');
    await press(page, 'button', 'Continue');
    await page.waitForURL(/\/enrolments\/new\/details\?/);
    const member = ((await page.locator('h1').textContent()) ?? '')
      .replace(/^Enrol (.*) in SMART.*$/s, '$1')
      .trim();
    const detailsTitle = `Enrol ${member} in SMART Recovery Family & Friends`;
    await ProgrammePage.verifyOnPage(page, detailsTitle, detailsTitle, 'details');
    await page.locator('#workerId').selectOption({ label: 'Morven Blair (not recorded as trained)' });
    await press(page, 'button', 'Enrol');
    await ProgrammePage.verifyOnPage(page, detailsTitle, detailsTitle, 'details-untrained');
    expect(await page.locator('main .govuk-warning-text').textContent()).toContain(
      'is not recorded as trained',
    );
    await press(page, 'button', 'Enrol anyway');
    const smartTitle = `SMART Recovery Family & Friends: ${member}`;
    const smart = await ProgrammePage.verifyOnPage(page, smartTitle, smartTitle, 'enrolled');
    expect(await smart.progressText()).toBe('0 sessions (open-ended)');

    await press(page, 'button', 'End it early');
    const endTitle = `End SMART Recovery Family & Friends early for ${member}`;
    const end = await ProgrammePage.verifyOnPage(page, endTitle, endTitle, 'end-early');
    await press(page, 'button', 'Save: ended early');
    await ProgrammePage.verifyOnPage(page, endTitle, endTitle, 'end-early-error');
    expect(await end.fieldError('reason')).toBe('Enter why the programme ended early');
    await page.locator('#reason').fill('Prefers the Al-Anon group nearer home');
    await press(page, 'button', 'Save: ended early');
    await ProgrammePage.verifyOnPage(page, smartTitle, smartTitle, 'ended');
    expect(await page.locator('main').textContent()).toContain('Prefers the Al-Anon group nearer home');
  }, 180_000);
});

async function readHeading(page: import('playwright-core').Page): Promise<string> {
  return ((await page.locator('h1').textContent()) ?? '').trim();
}

/** The member named in an enrolment page's heading. */
async function enrolled(page: import('playwright-core').Page): Promise<string> {
  await page.locator('h1').waitFor();
  return ((await page.locator('h1').textContent()) ?? '').split(': ').pop()?.trim() ?? '';
}
