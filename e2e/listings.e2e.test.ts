import { describe, expect, it } from 'vitest';
import { AdminPage } from './pages/adminPages.ts';
import { readText } from './pages/basePage.ts';
import { HomePage } from './pages/homePage.ts';
import {
  AccessPage,
  adminListingBanner,
  ListingPartPage,
  ListingsPage,
  PartnershipDirectoryPage,
  ServicePage,
} from './pages/listingPages.ts';
import { PartnershipPage } from './pages/partnershipPage.ts';
import { SignInPage } from './pages/signInPage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts, demoAreaName } from './support/demoAccounts.ts';
import { testPassword } from './support/server.ts';
import { signInAs } from './support/signIn.ts';

const service = 'Kinship carers and grandparents group';
// The peer group's admin, whose listing is out of date in the demo.
const peerAdmin = {
  email: 'alan.dewar@kilbrannan-families.example',
  name: 'Alan Dewar',
};
const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/London' }).format(
  new Date(),
);

describe('directory listings, without JavaScript', () => {
  const browser = useBrowser();

  it('an organisation admin corrects a wait after a mistake and marks the listing checked', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const home = await signInAs(page, demoAccounts.organisationAdmin, 'listings-admin');
    await home.openSection('Admin');
    const admin = await AdminPage.verifyOnPage(page, 'listings');
    await admin.openTask('Directory listings');
    const listings = await ListingsPage.verifyOnPage(page, 'own');
    await listings.openService(service);
    let listing = await ServicePage.verifyOnPage(page, service, 'before');
    await listing.change('getting in and waits');

    let access = await AccessPage.verifyOnPage(page, 'form');
    await access.saveWait('three');
    access = await AccessPage.verifyOnPage(page, 'error');
    expect(await access.errorSummary()).toEqual({
      title: 'There is a problem',
      errors: [{ text: 'The wait must be a whole number of weeks, like 3', href: '#waitWeeks' }],
    });
    expect(await access.fieldError('waitWeeks')).toBe('The wait must be a whole number of weeks, like 3');
    expect(await access.fieldDescribedByError('waitWeeks')).toBe(true);
    await access.saveWait('4');

    listing = await ServicePage.verifyOnPage(page, service, 'saved');
    expect(await listing.successMessage()).toBe('Getting in and waits saved');
    expect(await listing.value('Wait in weeks')).toBe('4');
    await listing.markChecked();
    listing = await ServicePage.verifyOnPage(page, service, 'checked');
    expect(await listing.successMessage()).toBe('Marked as checked today');
    expect(await listing.lastChecked()).toContain(`Last checked ${today}`);
  });

  it('the partnership lead filters out-of-date listings and sends a reminder, which the organisation admin sees', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    const home = await signInAs(page, demoAccounts.partnershipLead, 'listings-lead');
    await home.openSection('Partnership');
    await PartnershipPage.verifyOnPage(page, demoAreaName, 'listings');
    await page.getByRole('main').getByRole('link', { name: 'Directory listings', exact: true }).focus();
    await page.keyboard.press('Enter');
    let directory = await PartnershipDirectoryPage.verifyOnPage(page, 'all');
    const all = await directory.listings();
    expect(all.some((l) => !l.outOfDate)).toBe(true);

    await directory.showOutOfDate();
    directory = await PartnershipDirectoryPage.verifyOnPage(page, 'out-of-date');
    const outOfDate = await directory.listings();
    expect(outOfDate.length).toBeGreaterThan(0);
    expect(outOfDate.filter((l) => !l.outOfDate)).toEqual([]);
    expect(outOfDate.map((l) => l.service)).toContain('Kilbrannan Families Together');
    expect(outOfDate.map((l) => l.service)).not.toContain(service);
    await directory.sendReminder('Kilbrannan Families Together');
    directory = await PartnershipDirectoryPage.verifyOnPage(page, 'reminded');
    expect(await directory.successMessage()).toBe('Reminder sent to check Kilbrannan Families Together');
    await directory.signOut();

    const signIn = await SignInPage.verifyOnPage(page, 'signed-out-lead');
    await signIn.signIn(peerAdmin.email, testPassword);
    const adminHome = await HomePage.verifyOnPage(page, peerAdmin.name, 'listings-peer-admin');
    await adminHome.openSection('Admin');
    await AdminPage.verifyOnPage(page, 'reminded');
    const banner = await adminListingBanner(page);
    expect(banner).toMatch(/\d+ listings? needs? checking/);
    expect(banner).toContain(`Kilbrannan Families Together, sent ${today}`);
    await page.getByRole('link', { name: 'Check your listings' }).focus();
    await page.keyboard.press('Enter');
    const listings = await ListingsPage.verifyOnPage(page, 'reminded');
    expect(await listings.banner()).toContain(`Kilbrannan Families Together, sent ${today}`);
  });

  it('an organisation admin adds a place whose postcode Hearth does not know, an area, a phone number and an opening time', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signInAs(page, demoAccounts.organisationAdmin, 'listings-parts');
    await page.goto('/admin/listings');
    const listings = await ListingsPage.verifyOnPage(page, 'parts');
    await listings.openService('Family support line');
    const listing = await ServicePage.verifyOnPage(page, 'Family support line', 'parts');
    await listing.change('places');
    let part = await ListingPartPage.verifyOnPage(page, 'Places', 'places');
    await part.press('Add a new place');
    part = await ListingPartPage.verifyOnPage(page, 'Add a new place', 'place-form');
    await part.fill({
      'Name of the place': 'Carse Outreach Room',
      'Address line 1': '5 Quay Street',
      'Town or city': 'Carse',
      Postcode: 'ZX1 1ZZ',
    });
    await part.press('Save place');
    part = await ListingPartPage.verifyOnPage(page, 'Add a new place', 'place-unknown-postcode');
    expect((await part.errorSummary()).errors[0]).toEqual({
      text: 'We do not know where ZX1 1ZZ is. Enter the place’s latitude and longitude',
      href: '#latitude',
    });
    await part.fill({ Latitude: '56.01', Longitude: '-3.72' });
    await part.press('Save place');
    part = await ListingPartPage.verifyOnPage(page, 'Places', 'place-saved');
    expect(await part.successMessage()).toBe('Place saved');
    expect(await part.mainText()).toContain('Carse Outreach Room, 5 Quay Street, Carse ZX1 1ZZ');

    await page.goto(page.url().replace(/\/places.*$/, '/areas'));
    part = await ListingPartPage.verifyOnPage(page, 'Areas it covers', 'areas');
    await part.choose('A council area');
    await part.press('Add area');
    part = await ListingPartPage.verifyOnPage(page, 'Areas it covers', 'areas-error');
    expect(await part.fieldError('councilArea')).toBe('Enter the council area');
    await part.choose('A council area');
    await part.fill({ 'Council area': 'Neighbouring Council (fictional)' });
    await part.press('Add area');
    await ServicePage.verifyOnPage(page, 'Family support line', 'area-added');

    await page.goto(page.url().replace(/\?.*$/, '/phones'));
    part = await ListingPartPage.verifyOnPage(page, 'Phone numbers', 'phones');
    await part.fill({ 'Phone number': '01632 960 123', 'What it is for (optional)': 'Evening line' });
    await part.press('Add phone number');
    await ServicePage.verifyOnPage(page, 'Family support line', 'phone-added');

    await page.goto(page.url().replace(/\?.*$/, '/times'));
    part = await ListingPartPage.verifyOnPage(page, 'Opening times', 'times');
    await part.select('Day', 'Saturday');
    await part.fill({ Opens: '10:00', Closes: '12:30' });
    await part.press('Add opening time');
    const saved = await ServicePage.verifyOnPage(page, 'Family support line', 'time-added');
    expect(await saved.successMessage()).toBe('Opening time added');
    const text = await readText(page.getByRole('main'));
    expect(text).toContain('Neighbouring Council (fictional)');
    expect(text).toContain('01632 960 123 (Evening line)');
    expect(text).toContain('Saturday 10:00 to 12:30');
  });
});
