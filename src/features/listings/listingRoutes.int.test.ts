import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { addProblem, addService, listingScenario } from './listingTesting.ts';

describe('directory listing pages', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  async function signedIn(email: string) {
    const browser = new TestBrowser(app);
    await browser.signIn(email);
    return browser;
  }

  const version = (body: string) => /name="_version" value="(\d+)"/.exec(body)?.[1] ?? '';
  const base = (body: string) =>
    (/name="_base" value="([^"]*)"/.exec(body)?.[1] ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&');

  it('lets an organisation admin add a service, correct a mistake on a page, and mark it checked', async () => {
    const s = await listingScenario(database.db);
    const admin = await signedIn(s.admin.email);
    const home = await admin.get('/admin');
    expect(home.body).toContain('href="/admin/listings"');

    await admin.get('/admin/listings/new');
    const bad = await admin.post('/admin/listings/new', {
      name: '',
      summary: 'x'.repeat(301),
      description: '',
      url: 'nope',
      status: 'active',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('href="#name">Enter the name of the service');
    expect(bad.body).toContain('href="#summary">The summary must be 300 characters or fewer');
    expect(bad.body).toContain('href="#url">Enter the website address in full');
    expect(
      await queryRows(database.db, sql`select 1 from directory_service where organisation_id = ${s.org.id}`),
    ).toEqual([]);

    const added = await admin.post('/admin/listings/new', {
      name: 'Carse Family Hub',
      summary: 'Support for family members',
      description: 'We listen and help you plan.',
      status: 'active',
    });
    expect(added.statusCode).toBe(303);
    const servicePath = added.headers.location?.split('?')[0] ?? '';
    const page = await admin.get(added.headers.location ?? '');
    expect(page.body).toContain('Service added');

    const form = await admin.get(`${servicePath}/access`);
    expect(form.statusCode).toBe(200);
    const token = { _version: version(form.body), _base: base(form.body) };
    const wrong = await admin.post(`${servicePath}/access`, {
      ...token,
      referralRoutes: 'self',
      selfReferral: 'no',
      waitWeeks: 'three',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('href="#waitWeeks">The wait must be a whole number of weeks');
    expect(wrong.body).toContain('value="three"');
    const right = await admin.post(`${servicePath}/access`, {
      ...token,
      referralRoutes: 'self',
      selfReferral: 'no',
      waitWeeks: '3',
    });
    expect(right.statusCode).toBe(303);
    expect((await admin.get(right.headers.location ?? '')).body).toContain('Getting in and waits saved');

    // The same form sent again, opened at the old version: the conflict page keeps what was typed.
    const stale = await admin.post(`${servicePath}/access`, {
      ...token,
      referralRoutes: 'self',
      selfReferral: 'no',
      waitWeeks: '5',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else saved this while you were editing');
    expect(stale.body).toContain('value="5"');

    // Its referral route: what other services see when they refer, and where a notice goes.
    const route = await admin.get(`${servicePath}/referrals`);
    expect(route.statusCode).toBe(200);
    const routeToken = { _version: version(route.body), _base: base(route.body) };
    const badEmail = await admin.post(`${servicePath}/referrals`, {
      ...routeToken,
      referralTakes: 'Adults affected by a relative’s drinking',
      referralEmail: 'referrals at carse',
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.body).toContain('href="#referralEmail">Enter an email address in the correct format');
    expect(badEmail.body).toContain('Adults affected by a relative’s drinking');
    const savedRoute = await admin.post(`${servicePath}/referrals`, {
      ...routeToken,
      referralTakes: 'Adults affected by a relative’s drinking',
      referralNeeds: 'Safe times to phone',
      referralExcludes: 'Crisis support',
      referralEmail: 'referrals@carse.example',
    });
    expect(savedRoute.statusCode).toBe(303);
    const summary = await admin.get(savedRoute.headers.location ?? '');
    expect(summary.body).toContain('Referrals from other services saved');
    expect(summary.body).toContain('referrals@carse.example');
    const [stored] = await queryRows<{ takes: string; email: string }>(
      database.db,
      sql`select referral_takes as takes, referral_email as email from directory_service
        where organisation_id = ${s.org.id}`,
    );
    expect(stored).toEqual({
      takes: 'Adults affected by a relative’s drinking',
      email: 'referrals@carse.example',
    });

    const checkedPage = await admin.get(servicePath);
    const checked = await admin.post(`${servicePath}/checked`, { _version: version(checkedPage.body) });
    expect(checked.headers.location).toContain('saved=checked');
    const wrongVersion = await admin.post(`${servicePath}/checked`, { _version: '99' });
    expect(wrongVersion.headers.location).toContain('stale=1');
    expect((await admin.get(`${servicePath}?stale=1`)).statusCode).toBe(409);
  });

  it('adds a place by postcode, asking for latitude and longitude when the postcode is not known', async () => {
    const s = await listingScenario(database.db);
    const id = await addService(database.db, s.org.id, 'Drop-in');
    const admin = await signedIn(s.admin.email);
    await admin.get(`/admin/listings/${id}/places/new`);
    const place = { name: 'Family Centre', address1: '1 High Street', city: 'Kilbrannan' };
    const badPostcode = await admin.post(`/admin/listings/${id}/places/new`, {
      ...place,
      postcode: 'not a postcode',
    });
    expect(badPostcode.body).toContain('href="#postcode">Enter a real postcode');
    const unknown = await admin.post(`/admin/listings/${id}/places/new`, { ...place, postcode: 'ZZ98 9ZZ' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain(
      'We do not know where ZZ98 9ZZ is. Enter the place’s latitude and longitude',
    );
    expect(unknown.body).toContain('id="latitude"');
    const given = await admin.post(`/admin/listings/${id}/places/new`, {
      ...place,
      postcode: 'zz98 9zz',
      latitude: '55.9',
      longitude: '-4.3',
    });
    expect(given.statusCode).toBe(303);
    const looked = await admin.post(`/admin/listings/${id}/places/new`, {
      ...place,
      name: 'Second place',
      postcode: s.postcode.replace(' ', '').toLowerCase(),
    });
    expect(looked.statusCode).toBe(303);
    const rows = await queryRows<{ name: string; postcode: string; latitude: number }>(
      database.db,
      sql`select l.name, l.postcode, l.latitude from directory_location l join directory_service_at_location a on a.location_id = l.id
        where a.service_id = ${id} order by l.name`,
    );
    expect(rows).toEqual([
      { name: 'Family Centre', postcode: 'ZZ98 9ZZ', latitude: 55.9 },
      { name: 'Second place', postcode: s.postcode, latitude: 55.1 },
    ]);
    const places = await admin.get(`/admin/listings/${id}/places`);
    expect(places.body).toContain('Change Second place');

    // Changing a place: a save from a page opened before someone else's shows what is saved now, keeping the typing.
    const [second] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from directory_location where organisation_id = ${s.org.id} and name = 'Second place'`,
    );
    const change = await admin.get(`/admin/listings/${id}/places/${second?.id}`);
    const opened = version(change.body);
    const moved = {
      ...place,
      name: 'Second place',
      postcode: s.postcode,
      latitude: '',
      longitude: '',
      _version: opened,
    };
    expect(
      (await admin.post(`/admin/listings/${id}/places/${second?.id}`, { ...moved, address1: '2 Low Road' }))
        .statusCode,
    ).toBe(303);
    const late = await admin.post(`/admin/listings/${id}/places/${second?.id}`, {
      ...moved,
      address1: '3 Mid Lane',
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Someone else changed this place while you were editing');
    expect(late.body).toContain('value="3 Mid Lane"');
    expect(late.body).toContain('2 Low Road');
    // Unticking every place leaves the service at none.
    expect((await admin.post(`/admin/listings/${id}/places`, {})).statusCode).toBe(303);
    expect((await admin.get(`/admin/listings/${id}`)).body).toContain('Not at any place');
  });

  it('adds areas, phones and opening times, with field messages for bad input', async () => {
    const s = await listingScenario(database.db);
    const id = await addService(database.db, s.org.id, 'Helpline');
    const admin = await signedIn(s.admin.email);
    await admin.get(`/admin/listings/${id}/areas`);
    expect(
      (await admin.post(`/admin/listings/${id}/areas`, { scope: 'locality', localityId: '' })).body,
    ).toContain('href="#localityId">Select the locality');
    expect((await admin.post(`/admin/listings/${id}/areas`, { scope: 'scotland' })).statusCode).toBe(303);
    expect((await admin.post(`/admin/listings/${id}/phones`, { number: 'call us' })).body).toContain(
      'href="#number">Enter a phone number',
    );
    expect(
      (await admin.post(`/admin/listings/${id}/phones`, { number: '01632 960001', description: 'Helpline' }))
        .statusCode,
    ).toBe(303);
    const late = await admin.post(`/admin/listings/${id}/times`, {
      weekday: '1',
      opensAt: '17:00',
      closesAt: '09:00',
    });
    expect(late.body).toContain('href="#closesAt">The closing time must be after the opening time');
    expect(
      (await admin.post(`/admin/listings/${id}/times`, { weekday: '1', opensAt: '9:00', closesAt: '17:00' }))
        .statusCode,
    ).toBe(303);
    const page = await admin.get(`/admin/listings/${id}`);
    expect(page.body).toContain('Anywhere in Scotland');
    expect(page.body).toContain('01632 960001 (Helpline)');
    expect(page.body).toContain('Monday 09:00 to 17:00');
    const phones = await admin.get(`/admin/listings/${id}/phones`);
    const phoneId = /phones\/([0-9a-f-]{36})\/remove/.exec(phones.body)?.[1];
    expect((await admin.post(`/admin/listings/${id}/phones/${phoneId}/remove`, {})).statusCode).toBe(303);
    expect((await admin.get(`/admin/listings/${id}`)).body).toContain('No phone numbers given');
  });

  it('shows open problem reports and resolves one', async () => {
    const s = await listingScenario(database.db);
    const id = await addService(database.db, s.org.id, 'Group');
    const problemId = await addProblem(database.db, id, s.org.id);
    const admin = await signedIn(s.admin.email);
    const list = await admin.get('/admin/listings');
    expect(list.body).toContain('The phone number is wrong');
    expect(list.body).toContain(`/admin/listings/${id}/problems/${problemId}/resolve`);
    expect((await admin.post(`/admin/listings/${id}/problems/${problemId}/resolve`, {})).statusCode).toBe(
      303,
    );
    expect((await admin.get('/admin/listings')).body).toContain('Nobody has reported a problem');
  });

  it('refuses another organisation’s listing (404, audited as denied) and other roles (403)', async () => {
    const s = await listingScenario(database.db);
    const id = await addService(database.db, s.org.id, 'Ours');
    const other = await signedIn(s.otherAdmin.email);
    for (const path of ['', '/about', '/places', '/areas', '/phones', '/times'])
      expect((await other.get(`/admin/listings/${id}${path}`)).statusCode).toBe(404);
    await other.get('/admin/listings');
    expect(
      (await other.post(`/admin/listings/${id}/about`, { _version: '1', _base: '{}', name: 'Mine now' }))
        .statusCode,
    ).toBe(404);
    expect((await other.post(`/admin/listings/${id}/checked`, { _version: '1' })).statusCode).toBe(404);
    const denied = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_event where record_id = ${id} and outcome = 'denied' and actor_user_id = ${s.otherAdmin.id}`,
    );
    expect(denied[0]?.n).toBe(8);
    expect((await other.get('/admin/listings')).body).not.toContain('Ours');
    const practitioner = await signedIn(s.practitioner.email);
    expect((await practitioner.get('/admin/listings')).statusCode).toBe(403);
    expect((await practitioner.get('/partnership/directory')).statusCode).toBe(403);
  });

  it('lets the partnership lead filter out-of-date listings and send a reminder the admin then sees', async () => {
    const s = await listingScenario(database.db);
    const old = await addService(database.db, s.org.id, 'Old listing', 250);
    await addService(database.db, s.org.id, 'Fresh listing', 3);
    await database.db.execute(
      sql`update directory_service set self_referral = true, what_happens_next = 'Secret next step' where id = ${old}`,
    );
    const lead = await signedIn(s.lead.email);
    expect((await lead.get('/partnership')).body).toContain('href="/partnership/directory"');
    const all = await lead.get('/partnership/directory');
    expect(all.body).toContain('Fresh listing');
    const filtered = await lead.get('/partnership/directory?show=out-of-date');
    expect(filtered.body).toContain('Old listing');
    expect(filtered.body).not.toContain('Fresh listing');
    expect(filtered.body).not.toContain('Secret next step');
    expect(filtered.body).not.toContain('Far away service');
    const sent = await lead.post(`/partnership/directory/${old}/remind`, { show: 'out-of-date' });
    expect(sent.statusCode).toBe(303);
    expect((await lead.get(sent.headers.location ?? '')).body).toContain(
      'Reminder sent to check Old listing',
    );
    expect((await lead.post(`/partnership/directory/${s.farService}/remind`, {})).statusCode).toBe(404);
    // The lead reads a listing, without its self-referral details or any way to change it.
    const read = await lead.get(`/partnership/directory/${old}`);
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('Old listing');
    expect(read.body).not.toContain('Secret next step');
    expect(read.body).not.toContain('Referrals from the finder');
    expect(read.body).not.toContain('/admin/listings/');
    expect((await lead.get(`/partnership/directory/${s.farService}`)).statusCode).toBe(404);
    const refused = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_event where record_id = ${s.farService} and outcome = 'denied'
        and actor_user_id = ${s.lead.id}`,
    );
    expect(refused[0]?.n).toBe(2);
    expect((await lead.get('/admin/listings')).statusCode).toBe(403);

    const admin = await signedIn(s.admin.email);
    const home = await admin.get('/admin');
    expect(home.body).toContain('1 listing needs checking');
    expect(home.body).toContain('Your partnership lead sent reminders to check');
    expect(home.body).toContain(`href="/admin/listings/${old}">Old listing</a>`);
    expect((await admin.get('/admin/listings')).body).toContain('1 listing needs checking');
  });
});
