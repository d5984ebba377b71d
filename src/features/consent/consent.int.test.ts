import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { chronologyEntry, consent, familyMembership, person, recordChange } from '../../db/schema.ts';
import { createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { ConsentRepository } from './consentRepository.ts';
import { accessOf, auditActions, teamScenario, tokenFor } from './consentTeamTesting.ts';

describe('consent to share', () => {
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

  it('shows the grid of members and team organisations with each state', async () => {
    const s = await teamScenario(database);
    const browser = await signedIn(s.homeWorker.email);
    const page = await browser.get(`/practice/families/${s.family.id}/consent`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Agnes Testfamily');
    expect(page.body).toContain(s.partner.name);
    expect(page.body).toContain('Agreed to share');
    expect(page.body).toContain('Supports them');
    const audit = await auditActions(database, s.family.id, s.homeWorker.id);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'consent.read', outcome: 'success' }));
  });

  it('withdrawing consent hides that member from the other organisation at once, in pages and API', async () => {
    const s = await teamScenario(database);
    const partner = await signedIn(s.partnerWorker.email);
    const partnerApi = await tokenFor(database, s.partner);
    expect((await partner.get(`/practice/families/${s.family.id}`)).body).toContain('Agnes');

    const home = await signedIn(s.homeWorker.email);
    await home.get(`/practice/families/${s.family.id}/consent/${s.agnes.id}/${s.partner.id}/withdraw`);
    const withdrawn = await home.post(
      `/practice/families/${s.family.id}/consent/${s.agnes.id}/${s.partner.id}/withdraw`,
      {},
    );
    expect(withdrawn.statusCode).toBe(303);

    const overview = await partner.get(`/practice/families/${s.family.id}`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).not.toContain('Agnes');
    expect(overview.body).toContain('Callum');
    const apiFamily = await app.inject({ url: `/api/v1/families/${s.family.id}`, headers: partnerApi });
    expect(apiFamily.body).not.toContain('Agnes');
    const partnerGrid = await partner.get(`/practice/families/${s.family.id}/consent`);
    expect(partnerGrid.body).toContain('Callum Testfamily');
    // Neither the grid nor its history shows the member who withdrew.
    expect(partnerGrid.body).not.toContain('Agnes');
    expect((await partner.get(`/practice/families/${s.family.id}/members/${s.agnes.id}`)).statusCode).toBe(
      404,
    );
    const apiMember = await app.inject({
      url: `/api/v1/families/${s.family.id}/members/${s.agnes.id}`,
      headers: partnerApi,
    });
    expect(apiMember.statusCode).toBe(404);
    const apiConsent = await app.inject({
      url: `/api/v1/families/${s.family.id}/consent`,
      headers: partnerApi,
    });
    expect(apiConsent.json().members.map((m: { name: string }) => m.name)).toEqual(['Callum Testfamily']);

    // Withdraw the last member's consent through the API: the family is gone for the partner.
    const homeApi = await tokenFor(database, s.home);
    const viaApi = await app.inject({
      method: 'POST',
      url: `/api/v1/families/${s.family.id}/consent/withdraw`,
      headers: homeApi,
      payload: { personId: s.callum.id, organisationId: s.partner.id },
    });
    expect(viaApi.statusCode).toBe(200);
    expect((await partner.get(`/practice/families/${s.family.id}`)).statusCode).toBe(404);
    expect((await partner.get(`/practice/families/${s.family.id}/consent`)).statusCode).toBe(404);
    expect(
      (await app.inject({ url: `/api/v1/families/${s.family.id}`, headers: partnerApi })).statusCode,
    ).toBe(404);
    const apiAfter = await app.inject({
      url: `/api/v1/families/${s.family.id}/consent`,
      headers: partnerApi,
    });
    expect(apiAfter.statusCode).toBe(404);
    expect(apiAfter.headers['content-type']).toContain('application/problem+json');
    const denied = await auditActions(database, s.family.id, s.partnerWorker.id);
    expect(denied).toContainEqual(expect.objectContaining({ action: 'family.read', outcome: 'denied' }));

    // The organisation that supports them still sees both.
    expect((await home.get(`/practice/families/${s.family.id}`)).body).toContain('Agnes');
  });

  it('lets volunteers and peer workers see consent but not change it', async () => {
    const s = await teamScenario(database);
    const volunteer = await createUser(database.db, s.home.id, ['volunteer']);
    const browser = await signedIn(volunteer.email);
    const grid = await browser.get(`/practice/families/${s.family.id}/consent`);
    expect(grid.statusCode).toBe(200);
    expect(grid.body).toContain('Agreed to share');
    expect(grid.body).not.toContain('>Change<');
    const form = await browser.get(`/practice/families/${s.family.id}/consent/${s.agnes.id}/${s.partner.id}`);
    expect(form.statusCode).toBe(403);
  });

  it('sends a worker back to their families when withdrawing ends their own organisation’s access', async () => {
    const s = await teamScenario(database);
    const partner = await signedIn(s.partnerWorker.email);
    const base = `/practice/families/${s.family.id}/consent`;
    await partner.get(`${base}/${s.agnes.id}/${s.partner.id}/withdraw`);
    const first = await partner.post(`${base}/${s.agnes.id}/${s.partner.id}/withdraw`, {});
    expect(first.headers.location).toBe(base);
    await partner.get(`${base}/${s.callum.id}/${s.partner.id}/withdraw`);
    const last = await partner.post(`${base}/${s.callum.id}/${s.partner.id}/withdraw`, {});
    expect(last.headers.location).toBe('/practice');
    expect((await partner.get(base)).statusCode).toBe(404);
  });

  it('records consent with history, a chronology entry and an audit event, and amends it keeping old and new', async () => {
    const s = await teamScenario(database);
    await database.db
      .delete(consent)
      .where(and(eq(consent.familyId, s.family.id), eq(consent.personId, s.agnes.id)));
    const home = await signedIn(s.homeWorker.email);
    const url = `/practice/families/${s.family.id}/consent/${s.agnes.id}/${s.partner.id}`;
    expect((await home.get(url)).body).toContain('Not asked');
    const saved = await home.post(url, {
      status: 'given',
      scope: 'How she is getting on, not what she says in sessions',
      method: 'written',
      ownView: '',
      'reviewOn-day': '1',
      'reviewOn-month': '6',
      'reviewOn-year': String(new Date().getUTCFullYear() + 1),
    });
    expect(saved.statusCode).toBe(303);
    const again = await home.get(url);
    expect(again.body).toMatch(
      new RegExp(`Last recorded\\s*</dt>\\s*<dd[^>]*>\\s*${s.homeWorker.displayName}, \\d`),
    );
    await home.post(url, { status: 'refused', scope: 'Nothing for now', method: 'verbal' });

    const [row] = await database.db
      .select()
      .from(consent)
      .where(and(eq(consent.personId, s.agnes.id), eq(consent.organisationId, s.partner.id)));
    expect(row).toMatchObject({
      status: 'refused',
      scope: 'Nothing for now',
      method: 'verbal',
      reviewOn: null,
    });
    const history = await database.db
      .select()
      .from(recordChange)
      .where(eq(recordChange.recordId, row?.id as string));
    expect(history.map((h) => h.action).sort()).toEqual(['amended', 'created']);
    const amended = history.find((h) => h.action === 'amended');
    expect(amended?.changes.status).toEqual({ from: 'given', to: 'refused' });
    expect(amended?.changedBy).toBe(s.homeWorker.id);
    const entries = await database.db
      .select({ what: chronologyEntry.what })
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(entries.map((e) => e.what)).toEqual(
      expect.arrayContaining([
        `Consent to share with ${s.partner.name} recorded for Agnes Testfamily.`,
        `Consent to share with ${s.partner.name} refused for Agnes Testfamily.`,
      ]),
    );
    const grid = await home.get(`/practice/families/${s.family.id}/consent`);
    expect(grid.body).toContain('Changes to consent');
    expect(grid.body).toContain('Consent: agreed to share → refused');
    expect(grid.body).toContain(
      'What was agreed: How she is getting on, not what she says in sessions → Nothing for now',
    );
    const audit = await auditActions(database, s.family.id, s.homeWorker.id);
    expect(audit.filter((a) => a.action === 'consent.record')).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('sessions');
  });

  it('explains bad input next to each field, with status 400, and saves nothing', async () => {
    const s = await teamScenario(database);
    const home = await signedIn(s.homeWorker.email);
    const url = `/practice/families/${s.family.id}/consent/${s.agnes.id}/${s.partner.id}`;
    await home.get(url);
    const page = await home.post(url, {
      status: 'given',
      scope: '',
      method: '',
      'reviewOn-day': '31',
      'reviewOn-month': '2',
      'reviewOn-year': '2030',
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('Enter what they agreed to share');
    expect(page.body).toContain('Select how they gave consent');
    expect(page.body).toContain('The review date must be a real date');
    const [row] = await database.db
      .select()
      .from(consent)
      .where(and(eq(consent.personId, s.agnes.id), eq(consent.organisationId, s.partner.id)));
    expect(row?.scope).toBe('Share with the team around the family');
  });

  it('asks for a child’s own view and shows it in their words', async () => {
    const s = await teamScenario(database);
    const [child] = await database.db
      .insert(person)
      .values({ givenName: 'Skye', familyName: 'Testfamily', dateOfBirth: '2014-05-01' })
      .returning();
    await database.db
      .insert(familyMembership)
      .values({ familyId: s.family.id, personId: child?.id as string, roles: ['young_carer'] });
    await database.db.insert(consent).values({
      familyId: s.family.id,
      personId: child?.id as string,
      organisationId: s.home.id,
      status: 'given',
      scope: 'Everything',
      method: 'verbal',
    });
    const home = await signedIn(s.homeWorker.email);
    const url = `/practice/families/${s.family.id}/consent/${child?.id}/${s.partner.id}`;
    expect((await home.get(url)).body).toContain('Skye Testfamily’s own view');
    await home.post(url, {
      status: 'given',
      scope: 'How I am doing',
      method: 'verbal',
      ownView: 'I want my gran to know how I’m doing but not my school',
    });
    const grid = await home.get(`/practice/families/${s.family.id}/consent`);
    expect(grid.body).toContain('I want my gran to know how I’m doing but not my school');
  });

  it('refuses users who may not see the family, and members they may not see', async () => {
    const s = await teamScenario(database);
    const outsider = await signedIn(s.outsiderWorker.email);
    expect((await outsider.get(`/practice/families/${s.family.id}/consent`)).statusCode).toBe(404);
    expect(
      (await outsider.get(`/practice/families/${s.family.id}/consent/${s.agnes.id}/${s.home.id}`)).statusCode,
    ).toBe(404);
    const repo = new ConsentRepository(database.db, accessOf(s.outsiderWorker, s.area.id));
    const result = await repo.record(s.family.id, {
      personId: s.agnes.id,
      organisationId: s.outsider.id,
      status: 'given',
      scope: 'Everything',
      method: 'verbal',
      ownView: null,
      reviewOn: null,
    });
    expect(result).toEqual({ ok: false, reason: 'not_found' });
    const audit = await auditActions(database, s.family.id, s.outsiderWorker.id);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'consent.record', outcome: 'denied' }));
    const outsiderApi = await tokenFor(database, s.outsider);
    const api = await app.inject({
      method: 'POST',
      url: `/api/v1/families/${s.family.id}/consent`,
      headers: outsiderApi,
      payload: {
        personId: s.agnes.id,
        organisationId: s.home.id,
        status: 'given',
        scope: 'x',
        method: 'verbal',
      },
    });
    expect(api.statusCode).toBe(404);
  });

  it('summarises consent per member with reviews due soon', async () => {
    const s = await teamScenario(database);
    const soon = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await database.db
      .update(consent)
      .set({ reviewOn: soon })
      .where(and(eq(consent.personId, s.callum.id), eq(consent.organisationId, s.partner.id)));
    const summary = await new ConsentRepository(
      database.db,
      accessOf(s.homeWorker, s.area.id),
    ).summaryForFamily(s.family.id);
    const callum = summary?.find((m) => m.personId === s.callum.id);
    expect(callum?.reviewDue).toBe(true);
    expect(callum?.consents.find((c) => c.organisationId === s.partner.id)).toMatchObject({
      state: 'given',
      reviewOn: soon,
      reviewDue: true,
      supports: false,
    });
    expect(summary?.find((m) => m.personId === s.agnes.id)?.reviewDue).toBe(false);
  });
});
