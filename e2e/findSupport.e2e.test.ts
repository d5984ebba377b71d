import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  FinderAskedPage,
  FinderReferPage,
  FinderResultsPage,
  FinderServicePage,
  FindSupportPage,
} from './pages/finderPages.ts';
import { useBrowser } from './support/browser.ts';

const group = 'Kinship carers and grandparents group';
const next =
  'Our group worker will phone you within a week, at a time you said is safe, to say hello and tell you about the next meeting.';

/** Every address the browser asked for, to prove no postcode or search words went into one. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

describe('Find support, for the public', () => {
  const browser = useBrowser();

  async function journey(page: Page, js: boolean) {
    const state = js ? '' : 'no-js-';
    const urls = recordUrls(page);
    const start = await FindSupportPage.goto(page, js ? undefined : 'no-js');
    expect(await start.exitHref()).toBe('https://www.bbc.co.uk/weather');

    await start.searchByPostcode('gm4 2l');
    const mistake = await FindSupportPage.verifyOnPage(page, `${state}postcode-error`);
    expect((await mistake.errorSummary()).errors).toEqual([
      { text: 'Enter a full postcode, like GM4 2LT', href: '#postcode' },
    ]);
    await mistake.searchByPostcode('gm42lt');
    const results = await FinderResultsPage.verifyOnPage(page, 'Support near GM4 2LT', `${state}all`);
    expect(await results.listed('Near you')).toContain(group);
    expect((await results.listed('Support you can get anywhere')).length).toBeGreaterThan(0);

    await results.narrow({ 'Who are you?': ['Grandparent'], 'Kind of support': ['Group'] });
    const narrowed = await FinderResultsPage.verifyOnPage(
      page,
      'Support near GM4 2LT',
      `${state}narrowed`,
      js,
    );
    expect(await narrowed.status()).toMatch(/found for your choices/);
    const near = await narrowed.listed('Near you');
    expect(near).toContain(group);
    expect(near).toContain('Grandparents Together');
    expect(near).not.toContain('Ardmore Recovery Café');

    await narrowed.openService(group);
    const service = await FinderServicePage.verifyOnPage(page, group, `${state}service`);
    expect(await service.fact('Who it is for')).toBe('Grandparent and Kinship carer');
    if (js) {
      // The print view leaves out the header, "Exit this page" and the buttons.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.govuk-exit-this-page').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: 'Ask for support' }).isVisible()).toBe(false);
      expect(await page.getByRole('heading', { level: 1, name: group }).isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
    }
    await service.askForSupport();

    const refer = await FinderReferPage.verifyOnPage(page, `${state}form`, js);
    await refer.send({ name: 'Isa', how: 'Phone call', phone: '0770', helpWith: '' });
    const errors = await FinderReferPage.verifyOnPage(page, `${state}errors`);
    expect((await errors.errorSummary()).errors).toEqual([
      { text: 'Enter a phone number, like 07700 900 982', href: '#phone' },
      { text: 'Say if they can leave a message', href: '#leaveMessage' },
      { text: 'Say what you would like help with', href: '#helpWith' },
    ]);
    if (js) expect(await errors.errorSummaryHasFocus()).toBe(true);
    expect(await errors.fieldError('helpWith')).toBe('Say what you would like help with');
    await errors.send({
      phone: '07700 900982',
      leaveMessage: 'No',
      safeTimes: 'Weekday mornings',
      helpWith: 'I look after my grandson. His mum drinks. I would like to meet others.',
    });
    const asked = await FinderAskedPage.verifyOnPage(page, `${state}asked`, js);
    expect(await asked.whatHappensNext()).toBe(next);

    expect((await page.context().cookies()).map((c) => c.name)).toEqual([]);
    for (const url of urls) expect(url).not.toMatch(/gm4|GM4|grandson|Isa|07700|postcode/i);
  }

  it('a grandmother searches by postcode, narrows, opens a group and asks for support after one mistake', async () => {
    await journey(await browser.newPage(), true);
  });

  it('works the same without JavaScript', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await journey(page, false);
    expect(await page.evaluate(() => document.body.classList.contains('js-enabled'))).toBe(false);
  });

  it('searches by area instead of a postcode', async () => {
    const page = await browser.newPage();
    const start = await FindSupportPage.goto(page, 'area');
    await start.searchByArea('Kilbrannan, Glenmuir and Carse Alcohol and Drug Partnership');
    const results = await FinderResultsPage.verifyOnPage(
      page,
      'Support in Kilbrannan, Glenmuir and Carse Alcohol and Drug Partnership',
      'area',
    );
    expect((await results.listed('In your area')).length).toBeGreaterThan(0);
  });

  it('"Exit this page" leaves for a neutral site straight away', async () => {
    const page = await browser.newPage();
    // Nothing may go out to the internet in a test: the neutral site is answered here.
    await page.route('https://www.bbc.co.uk/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<title>Weather</title><h1>Weather</h1>',
      }),
    );
    const start = await FindSupportPage.goto(page, 'exit');
    await start.exitThisPage();
    await page.waitForURL('https://www.bbc.co.uk/weather');
    expect(await page.title()).toBe('Weather');
  });
});
