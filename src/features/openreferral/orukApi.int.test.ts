import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { migrate } from '../../db/migrate.ts';
import { testApp } from '../../testing/testApp.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import { taxonomies, taxonomyId, termId } from '../directory/vocabulary.ts';
import { orukScenario } from './orukTesting.ts';

type Body = Record<string, unknown> & { contents: Record<string, unknown>[] };

describe('the Open Referral UK API', () => {
  let handle: Awaited<ReturnType<typeof ownDatabase>>;
  let app: FastifyInstance;
  let s: Awaited<ReturnType<typeof orukScenario>>;
  beforeAll(async () => {
    handle = await ownDatabase('oruk_api');
    await migrate(handle.database);
    s = await orukScenario(handle.database.db);
    app = await testApp(handle.database);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await handle.drop();
  });

  async function get(url: string) {
    const response = await app.inject({ method: 'GET', url });
    expect(response.headers['access-control-allow-origin']).toBe('*');
    return {
      status: response.statusCode,
      body: response.json() as Body,
      type: response.headers['content-type'],
    };
  }
  const names = (body: Body) => body.contents.map((row) => row.name);

  it('says what it is and where its OpenAPI document is', async () => {
    const { status, body } = await get('/openreferral/');
    expect(status).toBe(200);
    expect(body.version).toBe('HSDS-UK-3.0');
    expect(body.profile).toMatch(/^https:\/\//);
    expect(body.openapi_url).toBe('http://localhost:80/openreferral/openapi.json');
    expect((await get('/openreferral')).body.version).toBe('HSDS-UK-3.0');
    const doc = await get('/openreferral/openapi.json');
    expect(Object.keys(doc.body.paths as object)).toContain('/service_at_locations');
  });

  it('pages the active services by name', async () => {
    const all = await get('/openreferral/services');
    expect(names(all.body)).toEqual([
      'Alder family support',
      'Birch helpline',
      'Damson young people’s group',
    ]);
    expect(all.body).toMatchObject({
      total_items: 3,
      total_pages: 1,
      page_number: 1,
      size: 3,
      first_page: true,
    });
    const second = await get('/openreferral/services?per_page=2&page=2');
    expect(second.body).toMatchObject({
      total_items: 3,
      total_pages: 2,
      page_number: 2,
      size: 1,
      first_page: false,
      last_page: true,
      empty: false,
    });
    const past = await get('/openreferral/services?per_page=2&page=5');
    expect(past.body).toMatchObject({ total_items: 3, size: 0, empty: true, last_page: true, contents: [] });
  });

  it('filters by words, term, taxonomy and age', async () => {
    expect(names((await get('/openreferral/services?search=HELPline')).body)).toEqual(['Birch helpline']);
    expect(names((await get('/openreferral/services?search=drugs')).body)).toEqual(['Alder family support']);
    const craft = termId('programmes', 'craft');
    expect(names((await get(`/openreferral/services?taxonomy_term_id=${craft}`)).body)).toEqual([
      'Alder family support',
    ]);
    const young = termId('audiences', 'young_person');
    expect(names((await get(`/openreferral/services?taxonomy_term_id=${young.toUpperCase()}`)).body)).toEqual(
      ['Damson young people’s group'],
    );
    const stranger = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    expect((await get(`/openreferral/services?taxonomy_term_id=${stranger}`)).body.total_items).toBe(0);
    const programmes = taxonomyId('programmes');
    expect(names((await get(`/openreferral/services?taxonomy_id=${programmes}`)).body)).toEqual([
      'Alder family support',
    ]);
    expect(names((await get('/openreferral/services?minimum_age=13')).body)).toEqual([
      'Alder family support',
    ]);
    expect(names((await get('/openreferral/services?maximum_age=18')).body)).toEqual([
      'Damson young people’s group',
    ]);
  });

  it.each([
    ['page=0', 'page'],
    ['per_page=500', 'per_page'],
    ['page=two', 'page'],
    ['minimum_age=old', 'minimum_age'],
    ['minimum_age=20&maximum_age=10', 'minimum_age'],
    ['taxonomy_term_id=craft', 'taxonomy_term_id'],
    ['taxonomy_id=1', 'taxonomy_id'],
    ['search=a&search=b', 'search'],
  ])('refuses %s with a problem naming %s', async (query, name) => {
    const { status, body, type } = await get(`/openreferral/services?${query}`);
    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.detail).toContain(name);
    expect(body.errors).toContainEqual(expect.objectContaining({ pointer: `#/query/${name}` }));
  });

  it('gives a service with everything about it', async () => {
    const { status, body } = await get(`/openreferral/services/${s.rich.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: s.rich.id,
      status: 'active',
      assured_date: '2026-11-01',
      minimum_age: 16,
      alert: 'Groups are full until March',
      application_process: 'Phone us or ask your worker to refer you.',
      wait_time: 'About 3 weeks, as of 2026-11-20',
      organization: { id: s.org.id, name: s.org.name },
      hearth: {
        summary: 'One-to-one and group support for families',
        self_referral: true,
        wait_weeks: 3,
        referral_needs: 'A phone number that is safe to use',
      },
    });
    // Where referral notices go is for Hearth, not the public.
    expect(JSON.stringify(body)).not.toContain('referrals@alder.example.org');
    const nested = body as Record<string, Record<string, unknown>[]>;
    expect(nested.phones?.map((phone) => phone.number)).toEqual(['0141 496 0000', '0800 000 0000']);
    expect(nested.languages?.map((language) => language.code)).toEqual(['en', 'pl']);
    expect(nested.service_areas?.map((area) => area.name)).toEqual(
      expect.arrayContaining(['Scotland', 'Test Council', 'Test Locality', s.area.name]),
    );
    const locations = nested.service_at_locations ?? [];
    expect(locations.map((row) => (row.location as { name: string }).name)).toEqual([
      'Hill Hall',
      'Rowan Centre',
    ]);
    const rowan = locations.find((row) => row.location_id === s.near.id);
    expect(rowan?.location).toMatchObject({
      addresses: [{ address_1: '12 High Street', postal_code: 'GM4 2LT', country: 'GB' }],
      accessibility: [{ description: 'Step-free entrance and a lift' }],
    });
    const schedules = nested.schedules ?? [];
    expect(schedules.map((row) => row.byday)).toEqual(['MO', 'WE', 'SA']);
    expect(schedules[0]).toMatchObject({
      opens_at: '09:00',
      closes_at: '17:00',
      service_at_location_id: rowan?.id,
    });
    expect(schedules[2]?.service_at_location_id).toBeUndefined();
    expect(nested.cost_options?.[0]).toMatchObject({
      amount_description: '£5 a session, free if that is hard',
    });
    const terms = (nested.attributes ?? []).map((attribute) => attribute.taxonomy_term_id);
    expect(terms).toContain(termId('programmes', 'craft'));
    expect(terms).toContain(termId('referralRoutes', 'professional'));
    expect(terms).toHaveLength(11);
  });

  it('answers 404 problems for unknown services and addresses', async () => {
    for (const url of [
      '/openreferral/services/3fa85f64-5717-4562-b3fc-2c963f66afa6',
      '/openreferral/services/not-a-uuid',
      '/openreferral/taxonomies/3fa85f64-5717-4562-b3fc-2c963f66afa6',
      '/openreferral/nothing-here',
    ]) {
      const { status, type } = await get(url);
      expect(status).toBe(404);
      expect(type).toMatch(/^application\/problem\+json/);
    }
    const preflight = await app.inject({ method: 'OPTIONS', url: '/openreferral/services' });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });

  it('finds services at places near a postcode', async () => {
    const all = await get('/openreferral/service_at_locations');
    expect(all.body.total_items).toBe(3);
    const near = await get('/openreferral/service_at_locations?postcode=gm42lt');
    // The young people's group covers Far Council only, so not GM4; nearest first.
    expect(near.body.contents.map((row) => (row.location as { name: string }).name)).toEqual([
      'Rowan Centre',
      'Hill Hall',
    ]);
    const close = await get('/openreferral/service_at_locations?postcode=GM4%202LT&proximity=1000');
    expect(close.body).toMatchObject({
      total_items: 1,
      contents: [{ location_id: s.near.id, service_id: s.rich.id }],
    });
    // An unknown full postcode falls back to its outcode.
    const outcode = await get('/openreferral/service_at_locations?postcode=GM4 9ZZ&proximity=1000');
    expect(outcode.body.total_items).toBe(1);
    const farAway = await get('/openreferral/service_at_locations?postcode=GM9&proximity=2000');
    // Both are at Hill Hall: the young people's group covers Far Council, Alder all of Scotland.
    expect(farAway.body.contents.map((row) => row.service_id).sort()).toEqual([s.young.id, s.rich.id].sort());
    for (const [query, name] of [
      ['postcode=ZZ1 1ZZ', 'postcode'],
      ['postcode=hello', 'postcode'],
      ['proximity=100', 'proximity'],
      ['postcode=GM4&proximity=-3', 'proximity'],
    ]) {
      const { status, body } = await get(`/openreferral/service_at_locations?${query}`);
      expect(status).toBe(400);
      expect(body.errors).toContainEqual(expect.objectContaining({ pointer: `#/query/${name}` }));
    }
  });

  it('reads a page in the same few statements however many services are on it', async () => {
    const client = (handle.database.db as unknown as { $client: { query: (...args: unknown[]) => unknown } })
      .$client;
    const spy = vi.spyOn(client, 'query');
    const statements = async (url: string) => {
      spy.mockClear();
      expect((await get(url)).status).toBe(200);
      return spy.mock.calls.length;
    };
    try {
      // The service list comes from the directory in memory: once it is loaded, a page costs
      // one statement, the directory's version (src/features/directory/directorySnapshot.ts).
      await get('/openreferral/services?per_page=1');
      expect(await statements('/openreferral/services?per_page=1')).toBe(1);
      expect(await statements('/openreferral/services?per_page=3')).toBe(1);
      expect(await statements('/openreferral/services?per_page=100&search=group&minimum_age=1')).toBe(1);
      expect(await statements('/openreferral/service_at_locations?postcode=GM4&per_page=3')).toBe(2);
      expect(await statements(`/openreferral/services/${s.rich.id}`)).toBe(5);
      expect(await statements(`/openreferral/services/${s.minimal.id}`)).toBe(5);
    } finally {
      spy.mockRestore();
    }
  });

  it('publishes Hearth’s taxonomies and their terms', async () => {
    const list = await get('/openreferral/taxonomies');
    expect(list.body.total_items).toBe(taxonomies.length);
    const audiences = taxonomyId('audiences');
    const one = await get(`/openreferral/taxonomies/${audiences}`);
    expect((one.body.taxonomy_terms as unknown[]).length).toBe(taxonomies[0]?.terms.length);
    const terms = await get(`/openreferral/taxonomy_terms?taxonomy_id=${audiences}&per_page=5&page=3`);
    expect(terms.body).toMatchObject({ total_items: 11, total_pages: 3, size: 1, last_page: true });
    const everything = await get('/openreferral/taxonomy_terms?per_page=100');
    expect(everything.body.total_items).toBe(
      taxonomies.reduce((sum, taxonomy) => sum + taxonomy.terms.length, 0),
    );
    const craft = await get(`/openreferral/taxonomy_terms/${termId('programmes', 'craft')}`);
    expect(craft.body).toMatchObject({ name: 'CRAFT', term: 'craft', taxonomy_id: taxonomyId('programmes') });
    expect((await get('/openreferral/taxonomy_terms?page=x')).status).toBe(400);
  });
});
