import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { auditEvent, partnershipArea } from '../../db/schema.ts';
import { listingProblem, selfReferral } from '../../db/schemaDirectory.ts';
import { proseSentences, readability } from '../../platform/views/readingAge.ts';
import { createOrganisation } from '../../testing/fixtures.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { addPlace, addService, formBody } from './finderTesting.ts';

const html = '<script>alert(1)</script>';

describe('finder pages', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  const logs: string[] = [];
  const ids: Record<string, string> = {};
  let organisationId = '';
  let address = 1;
  /** Each test posts from its own address, so the rate limit counts them apart. */
  const nextIp = () => `10.1.0.${address++}`;

  const get = (url: string, ip = '127.0.0.1') => app.inject({ method: 'GET', url, remoteAddress: ip });
  const post = (url: string, form: Record<string, string | string[]>, ip = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url,
      payload: formBody(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: ip,
    });
  const expectPublic = (response: LightMyRequestResponse) => {
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toContain('https://www.bbc.co.uk/weather');
    expect(response.body).toContain('Exit this page');
    expect(response.body).not.toContain('_csrf');
  };
  /** Every address the page links or posts to, and any redirect. */
  const addresses = (response: LightMyRequestResponse) => [
    ...[...response.body.matchAll(/(?:href|action)="([^"]*)"/g)].map((m) => m[1] as string),
    String(response.headers.location ?? ''),
  ];

  beforeAll(async () => {
    ({ database, drop } = await ownDatabase('finder_pages'));
    await migrate(database);
    app = await createApp({
      database,
      config: { logLevel: 'info', trustProxy: false, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 },
      logStream: { write: (line) => logs.push(line) },
    });
    const [area] = await database.db
      .insert(partnershipArea)
      .values({ name: 'Pages ADP', councilArea: 'Pages Council' })
      .returning();
    organisationId = (await createOrganisation(database.db, area?.id as string)).id;
    await addPlace(database.db, 'GM4 2LT', 56, -3.5, 'Pages Council');
    ids.group = await addService(database.db, organisationId, {
      name: 'Grandparents together',
      audiences: ['grandparent'],
      supportKinds: ['group'],
      waitWeeks: 0,
      selfReferral: true,
      whatHappensNext: 'Moira will phone you within two days.',
      at: [{ latitude: 56.01, longitude: -3.5, name: 'Carse Hall' }],
    });
    ids.noSelf = await addService(database.db, organisationId, {
      name: 'Workers only',
      at: [{ latitude: 56.02, longitude: -3.5 }],
    });
    ids.inactive = await addService(database.db, organisationId, {
      name: 'Closed group',
      status: 'inactive',
      selfReferral: true,
      at: [{ latitude: 56.0, longitude: -3.5 }],
    });
    ids.helpline = await addService(database.db, organisationId, {
      name: 'Family helpline',
      delivery: ['phone'],
      areas: [{ scope: 'uk' }],
    });
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('writes its own words for a reading age of 9: every page, its messages and its errors', async () => {
    const service = `/find-support/services/${ids.group}`;
    const pages = {
      search: await get('/find-support'),
      results: await post('/find-support', { postcode: 'GM4 2LT' }, nextIp()),
      narrowed: await post(
        '/find-support',
        { postcode: 'GM4 2LT', audiences: 'grandparent', supportKinds: 'group' },
        nextIp(),
      ),
      nothingFound: await post('/find-support', { postcode: 'GM4 2LT', delivery: 'online_chat' }, nextIp()),
      badPostcode: await post('/find-support', { postcode: 'GM4 2' }, nextIp()),
      unknownPostcode: await post('/find-support', { postcode: 'ZZ9 9ZZ' }, nextIp()),
      service: await get(service),
      refer: await get(`${service}/refer`),
      referErrors: await post(`${service}/refer`, {}, nextIp()),
      asked: await get(`${service}/asked`),
      problem: await get(`${service}/problem`),
      problemErrors: await post(`${service}/problem`, {}, nextIp()),
      problemSent: await get(`${service}/problem/sent`),
      notFound: await get('/find-support/no-such-page'),
    };
    // What the services write about themselves (names, summaries, descriptions, what happens
    // next) is theirs; docs/guide/listings.md asks them to write plainly too.
    const theirs =
      /Grandparents together|Workers only|Family helpline|What .* offers|A second paragraph|Moira will|High Street/;
    const all = new Set<string>();
    for (const [name, page] of Object.entries(pages)) {
      const sentences = proseSentences(page.body).filter((sentence) => !theirs.test(sentence));
      expect(sentences.length, name).toBeGreaterThan(0);
      for (const sentence of sentences) {
        expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(25);
        all.add(sentence);
      }
      // A page of a few short lines can score high on one date or long word; none may be far off.
      expect(readability(sentences).readingAge, `${name}: ${sentences.join(' / ')}`).toBeLessThanOrEqual(11);
    }
    // Every sentence the finder writes, once each, taken together: a reading age of 9 or under.
    const { readingAge, sentences } = readability([...all]);
    expect(sentences).toBeGreaterThan(30);
    expect(readingAge, [...all].join(' / ')).toBeLessThanOrEqual(9);
  });

  it('shows the search form with no cookie, no session and "Exit this page"', async () => {
    const page = await get('/find-support');
    expect(page.statusCode).toBe(200);
    expectPublic(page);
    expect(page.body).toContain('<title>Find support – Hearth</title>');
    expect(page.body).toContain('Pages ADP (all of it)');
    // A session cookie is not even read: the page is the same for everyone.
    const withCookie = await app.inject({
      method: 'GET',
      url: '/find-support',
      cookies: { hearth_session: 'x' },
    });
    expect(withCookie.body).toBe(page.body);
    expect((await get('/find-support/nowhere')).statusCode).toBe(404);
    expectPublic(await get('/find-support/nowhere'));
  });

  it('searches by postcode with a POST: results, the anywhere list, and no postcode in any address', async () => {
    const results = await post('/find-support', { postcode: 'gm42lt' }, nextIp());
    expect(results.statusCode).toBe(200);
    expectPublic(results);
    expect(results.body).toContain('Support near GM4 2LT');
    expect(results.body).toContain('Grandparents together');
    expect(results.body).toContain('Carse Hall, Dunmore – 0.7 miles away');
    expect(results.body).toContain('Usually no wait, updated 4 November 2026');
    expect(results.body).toContain('Who it is for:</dt> <dd>Grandparent');
    expect(results.body).not.toContain('Closed group');
    expect(results.body).toMatch(/Support you can get anywhere[\s\S]*Family helpline/);
    expect(results.body).toContain('<input type="hidden" name="postcode" value="GM4 2LT">');
    for (const url of addresses(results)) expect(url).not.toMatch(/GM4|gm4|postcode/);

    const narrowed = await post(
      '/find-support',
      { postcode: 'GM4 2LT', audiences: 'grandparent', supportKinds: 'group', sort: 'soonest' },
      nextIp(),
    );
    expect(narrowed.statusCode).toBe(200);
    expect(narrowed.body).toContain('1 service found for your choices');
    expect(narrowed.body).toMatch(/value="grandparent" checked/);
    expect(narrowed.body).not.toContain('Workers only');
    expect(narrowed.body).not.toContain('Family helpline');
    const logged = logs.join('\n');
    expect(logged).toContain('"method":"POST","route":"/find-support"');
    expect(logged).not.toMatch(/GM4|gm42lt/);
  });

  it('explains a bad, unknown or missing postcode, and offers the area search', async () => {
    const bad = await post('/find-support', { postcode: 'GM4 2L' }, nextIp());
    expect(bad.statusCode).toBe(400);
    expectPublic(bad);
    expect(bad.body).toContain('<title>Error: Find support – Hearth</title>');
    expect(bad.body).toContain('href="#postcode">Enter a full postcode, like GM4 2LT</a>');
    expect(bad.body).toContain('href="#area">Search by area instead</a>');
    const unknown = await post('/find-support', { postcode: 'ZZ1 1ZZ' }, nextIp());
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('We do not know this postcode yet');
    const empty = await post('/find-support', {}, nextIp());
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter a postcode, or choose an area instead');
    const area = await post(
      '/find-support',
      { area: 'partnership:00000000-0000-0000-0000-000000000000' },
      nextIp(),
    );
    expect(area.statusCode).toBe(400);
    expect(area.body).toContain('href="#area">Choose an area from the list');
  });

  it('refuses absurd input with messages, never a 500, and escapes HTML', async () => {
    const huge = await post('/find-support', { postcode: 'A'.repeat(100_000) }, nextIp());
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('A postcode is 8 characters or fewer');
    const tags = await post('/find-support', { postcode: html, area: '' }, nextIp());
    expect(tags.statusCode).toBe(400);
    expect(tags.body).not.toContain(html);
    expect(tags.body).toContain('&lt;script&gt;');
    const filters = await post(
      '/find-support',
      {
        postcode: 'GM4 2LT',
        audiences: [html, ...Array.from({ length: 500 }, () => 'grandparent')],
        supportKinds: 'no_such_kind',
        delivery: html,
        sort: html,
        page: html,
      },
      nextIp(),
    );
    expect(filters.statusCode).toBe(400);
    expect(filters.body).toContain('Choose who you are from the list');
    expect(filters.body).toContain('Choose the kind of support from the list');
    expect(filters.body).toContain('Choose how you would like support from the list');
    expect(filters.body).not.toContain(html);
    expect(filters.body).toContain('Grandparents together');
    const area = await post('/find-support', { area: html }, nextIp());
    expect(area.statusCode).toBe(400);
    expect(area.body).not.toContain(html);
    const tooBig = await post(
      '/find-support',
      { postcode: 'GM4 2LT', padding: 'x'.repeat(300_000) },
      nextIp(),
    );
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.body).toContain('What you sent was too long');
    expectPublic(tooBig);
    const odd = await app.inject({
      method: 'POST',
      url: '/find-support',
      payload: 'postcode=GM4',
      headers: { 'content-type': 'text/csv' },
      remoteAddress: nextIp(),
    });
    expect(odd.statusCode).toBe(415);
    expectPublic(odd);
    const json = await app.inject({
      method: 'POST',
      url: '/find-support',
      payload: { postcode: { $ne: 1 }, audiences: [{ a: 1 }] },
      remoteAddress: nextIp(),
    });
    expect(json.statusCode).toBe(400);
    expect(json.body).toContain('Enter a postcode, or choose an area instead');
    const far = await post('/find-support', { postcode: 'GM4 2LT', page: '9999' }, nextIp());
    expect(far.statusCode).toBe(200);
    expect(far.body).toContain('There are no more results');
  });

  it('shows a service page, and a 404 for unknown, inactive or malformed ids', async () => {
    const page = await get(`/find-support/services/${ids.group}`);
    expect(page.statusCode).toBe(200);
    expectPublic(page);
    expect(page.body).toContain('<title>Service details – Find support – Hearth</title>');
    for (const text of [
      'Grandparents together',
      'What they offer',
      'Grandparent',
      'Group',
      'Face to face',
      'Paid staff',
      'English and Polish',
      'Free',
      'Carse Hall',
      '01234 567890',
      'Tuesday',
      '10am to 12:30pm',
      'hello@service.example',
      'Ask for support',
      'Report a problem with this listing',
    ])
      expect(page.body).toContain(text);
    expect((await get(`/find-support/services/${ids.noSelf}`)).body).not.toContain('Ask for support');
    for (const id of [ids.inactive, '00000000-0000-0000-0000-000000000000', 'not-a-uuid', html]) {
      const missing = await get(`/find-support/services/${encodeURIComponent(id as string)}`);
      expect(missing.statusCode).toBe(404);
      expectPublic(missing);
    }
    expect((await get(`/find-support/services/${ids.noSelf}/refer`)).statusCode).toBe(404);
    expect((await get(`/find-support/services/${ids.inactive}/refer`)).statusCode).toBe(404);
  });

  it('takes a self-referral: every bad field explained, HTML kept as text, stored with an audit of ids only', async () => {
    const url = `/find-support/services/${ids.group}/refer`;
    const form = await get(url);
    expect(form.statusCode).toBe(200);
    expectPublic(form);
    const ip = nextIp();
    const bad = await post(
      url,
      {
        name: html.repeat(20),
        audience: html,
        contactMethod: 'phone',
        phone: html,
        safeTimes: html.repeat(20),
        helpWith: '',
      },
      ip,
    );
    expect(bad.statusCode).toBe(400);
    expectPublic(bad);
    for (const message of [
      'href="#name">Your name must be 100 characters or fewer',
      'href="#audience">Choose who you are from the list',
      'href="#phone">Enter a phone number, like 07700 900 982',
      'href="#safeTimes">When it is safe must be 300 characters or fewer',
      'href="#leaveMessage">Say if they can leave a message',
      'href="#helpWith">Say what you would like help with',
    ])
      expect(bad.body).toContain(message);
    expect(bad.body).not.toContain(html);
    expect(await database.db.select().from(selfReferral)).toHaveLength(0);

    const good = await post(
      url,
      {
        name: `Nan ${html}`,
        audience: 'grandparent',
        contactMethod: 'text',
        phone: '07700 900982',
        safeTimes: 'Mornings',
        helpWith: `My grandson ${html}`,
      },
      ip,
    );
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe(`/find-support/services/${ids.group}/asked`);
    expect(good.headers['set-cookie']).toBeUndefined();
    const [stored] = await database.db.select().from(selfReferral);
    expect(stored).toMatchObject({
      serviceId: ids.group,
      organisationId,
      name: `Nan ${html}`,
      contactMethod: 'text',
      phone: '07700 900982',
      email: null,
      leaveMessage: false,
      helpWith: `My grandson ${html}`,
    });
    const [audit] = await database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.recordId, stored?.id as string));
    expect(audit).toMatchObject({
      action: 'self_referral.create',
      recordType: 'self_referral',
      actorUserId: null,
      organisationId,
    });
    expect(JSON.stringify(audit)).not.toContain('Nan');
    const next = await get(good.headers.location as string);
    expect(next.statusCode).toBe(200);
    expectPublic(next);
    expect(next.body).toContain('Moira will phone you within two days.');
    expect(next.body).not.toContain('Nan');
    expect(logs.join('\n')).not.toContain('Nan');
    expect(logs.join('\n')).toContain('"route":"/find-support/services/:id/refer"');
  });

  it('stores a problem with a listing and thanks the person', async () => {
    const url = `/find-support/services/${ids.noSelf}/problem`;
    expectPublic(await get(url));
    const bad = await post(url, { kind: html, details: 'x'.repeat(1001) }, nextIp());
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#kind">Choose what is wrong');
    expect(bad.body).toContain('href="#details">The details must be 1000 characters or fewer');
    const good = await post(url, { kind: 'wrong_phone', details: `Rang it ${html}` }, nextIp());
    expect(good.statusCode).toBe(303);
    const [problem] = await database.db.select().from(listingProblem);
    expect(problem).toMatchObject({
      serviceId: ids.noSelf,
      organisationId,
      kind: 'wrong_phone',
      details: `Rang it ${html}`,
    });
    const thanks = await get(good.headers.location as string);
    expect(thanks.body).toContain('Thank you');
    expectPublic(thanks);
  });

  it('slows down an address that sends too much, with a friendly page', async () => {
    const ip = nextIp();
    const url = `/find-support/services/${ids.noSelf}/problem`;
    for (let i = 0; i < 10; i++) expect((await post(url, { kind: 'other' }, ip)).statusCode).toBe(303);
    const refused = await post(url, { kind: 'other' }, ip);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('Please wait a minute');
    expectPublic(refused);
    expect((await post(url, { kind: 'other' }, nextIp())).statusCode).toBe(303);
  });
});
