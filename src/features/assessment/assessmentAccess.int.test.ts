import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { assessmentConcern, auditEvent, carerSupportOffer } from '../../db/schema.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { accessOf, tokenFor } from '../consent/consentTeamTesting.ts';
import { assessmentScenario, editFieldsOf, makeConfidential, sectionIdFor } from './assessmentTesting.ts';
import { openConcernsForOverview } from './concernRepository.ts';

describe('assessment access, confidentiality, concerns and carers', () => {
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

  async function started() {
    const s = await assessmentScenario(database);
    const home = await signedIn(s.homeWorker.email);
    const url = `/practice/families/${s.family.id}/assessment`;
    await home.get(url);
    await home.post(`${url}/start`, {});
    const page = await home.get(url);
    const agnes = sectionIdFor(page.body, 'Agnes Testfamily');
    const form = await home.get(`${url}/sections/${agnes}/contribute`);
    const saved = await home.post(`${url}/sections/${agnes}/contribute`, {
      ...editFieldsOf(form.body),
      strengths: 'Agnes keeps the house running',
      safety: 'Her ex-partner has threatened her',
    });
    expect(saved.statusCode).toBe(303);
    return { s, home, url, agnes };
  }

  it('answers 404 to an organisation not on the team, on every page and the API, and audits the refusal', async () => {
    const { s, url, agnes } = await started();
    const outsider = await signedIn(s.outsiderWorker.email);
    for (const path of [
      url,
      `${url}/sections/${agnes}`,
      `${url}/sections/${agnes}/contribute`,
      `${url}/versions`,
      `${url}/concerns/new`,
      `${url}/carers/new`,
    ]) {
      const response = await outsider.get(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.body).not.toContain('Agnes keeps the house running');
    }
    await outsider.get('/practice');
    const post = await outsider.post(`${url}/sections/${agnes}/contribute`, {
      _version: '0',
      _base: '{}',
      strengths: 'x',
    });
    expect(post.statusCode).toBe(404);
    const start = await outsider.post(`${url}/start`, {});
    expect(start.statusCode).toBe(404);
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, s.outsiderWorker.id), eq(auditEvent.outcome, 'denied')));
    expect(denied.length).toBeGreaterThan(3);
    const token = await tokenFor(database, s.outsider);
    const api = await app.inject({
      method: 'GET',
      url: `/api/v1/families/${s.family.id}/assessment`,
      headers: token,
    });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/families/${s.family.id}/assessment/sections/${agnes}/contribution`,
      headers: token,
      payload: { version: 0, answers: { strengths: 'x' } },
    });
    expect(put.statusCode).toBe(404);
  });

  it('hides a confidential member’s section from other organisations’ workers, on pages and the API', async () => {
    const { s, url, agnes } = await started();
    await makeConfidential(database, s.family.id, s.agnes.id, s.home.id);
    const partner = await signedIn(s.partnerWorker.email);
    const page = await partner.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Mia Testfamily');
    expect(page.body).not.toContain('Agnes Testfamily');
    expect(page.body).not.toContain('Agnes keeps the house running');
    expect((await partner.get(`${url}/sections/${agnes}`)).statusCode).toBe(404);
    expect((await partner.get(`${url}/sections/${agnes}/contribute`)).statusCode).toBe(404);
    const token = await tokenFor(database, s.partner);
    const api = await app.inject({
      method: 'GET',
      url: `/api/v1/families/${s.family.id}/assessment`,
      headers: token,
    });
    expect(api.statusCode).toBe(200);
    const names = api.json().assessment.sections.map((section: { name: string }) => section.name);
    expect(names).toContain('Mia Testfamily');
    expect(names).not.toContain('Agnes Testfamily');
    // Her own organisation still sees it.
    const home = await signedIn(s.homeLead.email);
    expect((await home.get(`${url}/sections/${agnes}`)).body).toContain('Agnes keeps the house running');
  });

  it('refuses a concern with missing fields or an impossible date, then records one that shows on the overview', async () => {
    const { s, home, url } = await started();
    await home.get(`${url}/concerns/new`);
    const missing = await home.post(`${url}/concerns/new`, { kind: '', personId: '' });
    expect(missing.statusCode).toBe(400);
    for (const text of [
      'Select the kind of concern',
      'Select who the concern is about',
      'Enter what the concern is',
      'Enter the date it was done',
    ])
      expect(missing.body).toContain(text);
    const impossible = await home.post(`${url}/concerns/new`, {
      kind: 'child_protection',
      personId: s.mia.id,
      description: 'Mia said she was left alone overnight',
      actionTaken: 'Child protection referral made',
      'actionOn-day': '31',
      'actionOn-month': '2',
      'actionOn-year': '2026',
    });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.body).toContain('The date it was done must be a real date');
    expect(impossible.body).toContain('Mia said she was left alone overnight');
    expect(
      await database.db.select().from(assessmentConcern).where(eq(assessmentConcern.familyId, s.family.id)),
    ).toEqual([]);
    const ok = await home.post(`${url}/concerns/new`, {
      kind: 'child_protection',
      personId: s.mia.id,
      description: 'Mia said she was left alone overnight',
      actionTaken: 'Child protection referral made',
      'actionOn-day': '3',
      'actionOn-month': '2',
      'actionOn-year': '2026',
    });
    expect(ok.statusCode).toBe(303);
    const partnerAccess = accessOf(s.partnerWorker, s.area.id);
    const open = await openConcernsForOverview(database.db, partnerAccess, s.family.id);
    expect(open).toEqual([
      expect.objectContaining({
        kindName: 'Child protection',
        about: 'Mia Testfamily',
        actionTaken: 'Child protection referral made',
        actionOn: '2026-02-03',
      }),
    ]);
    expect(
      await openConcernsForOverview(database.db, accessOf(s.outsiderWorker, s.area.id), s.family.id),
    ).toEqual([]);
    // The family overview shows it, under its own heading, and counts it in its one audit event.
    const overviewPage = await home.get(`/practice/families/${s.family.id}`);
    expect(overviewPage.body).toContain('Open risks and protection concerns');
    expect(overviewPage.body).toContain('About Mia Testfamily. Child protection referral made, 3 Feb 2026.');
    // Hidden from partner while Mia's support is confidential with home.
    await makeConfidential(database, s.family.id, s.mia.id, s.home.id);
    expect(await openConcernsForOverview(database.db, partnerAccess, s.family.id)).toEqual([]);
    const page = await home.get(url);
    expect(page.body).toContain('Child protection referral made');
    const closed = await home.post(
      /action="([^"]+\/close)"/.exec(page.body)?.[1] ?? '',
      editFieldsOf(page.body),
    );
    expect(closed.statusCode).toBe(303);
    expect(
      await openConcernsForOverview(database.db, accessOf(s.homeWorker, s.area.id), s.family.id),
    ).toEqual([]);
  });

  it('records a Young Carer Statement offered to a young carer, refusing an impossible date', async () => {
    const { s, home, url } = await started();
    const form = await home.get(`${url}/carers/new`);
    expect(form.body).toContain('Mia Testfamily');
    expect(form.body).not.toContain('Callum Testfamily');
    const bad = await home.post(`${url}/carers/new`, {
      personId: s.mia.id,
      kind: 'young_carer_statement',
      outcome: 'offered',
      'decidedOn-day': '40',
      'decidedOn-month': '1',
      'decidedOn-year': '2026',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('The date must be a real date');
    const good = await home.post(`${url}/carers/new`, {
      personId: s.mia.id,
      kind: 'young_carer_statement',
      outcome: 'offered',
      'decidedOn-day': '10',
      'decidedOn-month': '1',
      'decidedOn-year': '2026',
    });
    expect(good.statusCode).toBe(303);
    const rows = await database.db
      .select()
      .from(carerSupportOffer)
      .where(eq(carerSupportOffer.familyId, s.family.id));
    expect(rows).toEqual([expect.objectContaining({ outcome: 'offered', recordedBy: s.homeWorker.id })]);
    const page = await home.get(url);
    expect(page.body).toContain('Young Carer Statement');
  });

  it('lets an API client write a contribution and answers 409 with the current version to a stale one', async () => {
    const { s, agnes } = await started();
    const token = await tokenFor(database, s.home);
    const path = `/api/v1/families/${s.family.id}/assessment`;
    const read = await app.inject({ method: 'GET', url: path, headers: token });
    const section = read.json().assessment.sections.find((x: { id: string }) => x.id === agnes);
    const version = section.contributions[0].version;
    const first = await app.inject({
      method: 'PUT',
      url: `${path}/sections/${agnes}/contribution`,
      headers: token,
      payload: {
        version,
        answers: { strengths: 'Agnes keeps the house running', coping: 'Her church group' },
      },
    });
    expect(first.statusCode).toBe(200);
    const stale = await app.inject({
      method: 'PUT',
      url: `${path}/sections/${agnes}/contribution`,
      headers: token,
      payload: { version, answers: { strengths: 'Overwrite' } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      currentVersion: version + 1,
      current: { coping: 'Her church group' },
    });
    const bad = await app.inject({
      method: 'PUT',
      url: `${path}/sections/${agnes}/contribution`,
      headers: token,
      payload: { version: version + 1, answers: { strengths: 'x', safeRating: 'doing_well' } },
    });
    expect(bad.statusCode).toBe(400);
  });
});
