import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { ApiTokenService } from '../api/apiTokenService.ts';
import { addFamily, auditArea, support } from './auditTesting.ts';
import { addService } from './auditTestingDirectory.ts';
import { auditViews } from './auditViews.ts';

describe('the provision audit’s pages and API', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let s: Awaited<ReturnType<typeof auditArea>>;
  let ip = 10;
  const signedIn = async (email: string) => {
    const browser = new TestBrowser(app, `10.8.0.${ip++}`);
    await browser.signIn(email);
    return browser;
  };
  let lead: TestBrowser;
  let tokens: ApiTokenService;
  let admin: AccessContext;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    const db = database.db;
    s = await auditArea(db);
    for (let i = 0; i < 12; i++) {
      const f = await addFamily(db, s.area.id, s.first, [{}]);
      await support(db, f.id, f.people[0] as string, s.a.id, '2025-05-01');
    }
    await addService(db, s.a.id, { placedIn: [s.first] });
    lead = await signedIn(s.lead.email);
    tokens = new ApiTokenService(db);
    const adminUser = await createUser(db, s.a.id, ['org_admin']);
    admin = { ...s.access, userId: adminUser.id, roles: ['org_admin'] };
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('shows a partnership lead the contents with key figures, and every view with its definitions', async () => {
    const overview = await lead.get('/partnership');
    expect(overview.body).toContain('href="/partnership/audit"');
    const contents = await lead.get('/partnership/audit?from=2025-04-01&to=2026-03-31');
    expect(contents.statusCode).toBe(200);
    expect(contents.body).toContain('Key figures');
    // 12 families supported, whole area.
    expect(contents.body).toMatch(/Families supported<\/dt>\s*<dd class="govuk-summary-list__value">12</);
    for (const view of auditViews) {
      // A view with a page of its own (the gaps) is linked there, and its address leads there.
      const path = view.pagePath ?? `/partnership/audit/${view.id}`;
      expect(contents.body).toContain(`href="${path}?from=2025-04-01&amp;to=2026-03-31"`);
      const asked = `/partnership/audit/${view.id}?from=2025-04-01&to=2026-03-31&localityId=${s.first}`;
      let page = await lead.get(asked);
      if (view.pagePath) {
        expect(page.statusCode, view.id).toBe(302);
        expect(page.headers.location).toBe(asked.replace(`/partnership/audit/${view.id}`, view.pagePath));
        page = await lead.get(page.headers.location as string);
      }
      expect(page.statusCode, view.id).toBe(200);
      expect(page.body).toContain(
        'Figures for <strong>1 April 2025 to 31 March 2026, Test Locality</strong>',
      );
      // Every view defines its tables over the period and names the locality.
      expect(page.body, view.id).toContain('Period: 1 April 2025 to 31 March 2026.');
      expect(page.body, view.id).toContain(
        `/partnership/audit/${view.id}.csv?from=2025-04-01&amp;to=2026-03-31&amp;localityId=${s.first}`,
      );
      expect(page.body).not.toContain('Zebedee'); // every fixture person's given name: never shown
    }
    const quantity = await lead.get('/partnership/audit/quantity?from=2025-04-01&to=2026-03-31');
    // One service: shown as "fewer than 10", with the rule stated under its table.
    expect(quantity.body).toContain('fewer than 10');
    expect(quantity.body).toContain('Small numbers:');
  });

  it('records each read in the audit trail with the view and filters, ids only', async () => {
    await lead.get(
      `/partnership/audit/reach?from=2025-04-01&to=2026-03-31&group=parent&localityId=${s.first}`,
    );
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, s.lead.id), eq(auditEvent.recordId, 'reach')))
      .orderBy(auditEvent.id);
    expect(events.at(-1)?.action).toBe('provision_audit.read');
    expect(events.at(-1)?.detail).toEqual({
      from: '2025-04-01',
      to: '2026-03-31',
      group: 'parent',
      localityId: s.first,
    });
  });

  it('says what is wrong with the filters, by the fields, without showing figures', async () => {
    const page = await lead.get(
      `/partnership/audit/quantity?from-day=31&from-month=2&from-year=2025&to=2024-01-01&localityId=${s.elsewhere.localityId}&group=cousins`,
    );
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('The start of the period must be a real date');
    expect(page.body).toContain('Choose a locality from the list');
    expect(page.body).toContain('Choose a group of people from the list');
    expect(page.body).toContain('value="31"');
    expect(page.body).not.toContain('Families supported');
    expect((await lead.get('/partnership/audit/nonsense')).statusCode).toBe(404);
  });

  it('refuses everyone but partnership leads, on the pages and in the API', async () => {
    const practitioner = await signedIn(s.paid.email);
    const adminBrowser = await signedIn((await createUser(database.db, s.a.id, ['org_admin'])).email);
    for (const browser of [practitioner, adminBrowser]) {
      expect((await browser.get('/partnership/audit')).statusCode).toBe(403);
      expect((await browser.get('/partnership/audit/reach')).statusCode).toBe(403);
    }
    const anonymous = await app.inject({ url: '/partnership/audit/quantity' });
    expect(anonymous.statusCode).toBe(302);
    expect(anonymous.headers.location).toContain('/sign-in');

    const practice = await tokens.issue(admin, { name: 'Case system', roles: ['practitioner', 'team_lead'] });
    for (const url of ['/api/v1/partnership/audit', '/api/v1/partnership/audit/quantity']) {
      const refused = await app.inject({ url, headers: bearer(practice.token) });
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect((await app.inject({ url })).statusCode).toBe(401);
    }
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorTokenId, practice.id), eq(auditEvent.outcome, 'denied')));
    expect(denied.map((e) => e.recordId).sort()).toEqual(['contents', 'quantity']);
  });

  it('answers a partnership lead’s token with the views and their suppressed tables', async () => {
    const analysts = await tokens.issue(admin, { name: 'Analysts', roles: ['partnership_lead'] });
    const index = await app.inject({
      url: '/api/v1/partnership/audit?from=2025-04-01&to=2026-03-31',
      headers: bearer(analysts.token),
    });
    expect(index.statusCode).toBe(200);
    const body = index.json();
    expect(body.views.map((v: { id: string }) => v.id)).toEqual(auditViews.map((v) => v.id));
    expect(body.tables[0].rows[0].cells.families).toEqual({ text: '12', value: 12, suppressed: false });
    expect(body.tables[0].rows[0].cells.services).toEqual({
      text: 'fewer than 10',
      value: null,
      suppressed: true,
    });

    const view = await app.inject({
      url: `/api/v1/partnership/audit/reach?localityId=${s.first}`,
      headers: bearer(analysts.token),
    });
    expect(view.statusCode).toBe(200);
    expect(view.json().view.id).toBe('reach');
    expect(view.json().filters.localityId).toBe(s.first);

    const bad = await app.inject({
      url: '/api/v1/partnership/audit/reach?from=2026-13-40',
      headers: bearer(analysts.token),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].pointer).toBe('#/querystring/from');
    const elsewhere = await app.inject({
      url: `/api/v1/partnership/audit/reach?localityId=${s.elsewhere.localityId}`,
      headers: bearer(analysts.token),
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors).toEqual([
      { pointer: '#/querystring/localityId', detail: 'Choose a locality from the list' },
    ]);
    expect(
      (await app.inject({ url: '/api/v1/partnership/audit/nonsense', headers: bearer(analysts.token) }))
        .statusCode,
    ).toBe(404);

    const docs = await app.inject({ url: '/api/openapi.json' });
    expect(Object.keys(docs.json().paths)).toContain('/api/v1/partnership/audit/{viewId}');
  });

  it('lets only an organisation with a partnership lead issue a partnership lead token', async () => {
    const withLead = await signedIn((await createUser(database.db, s.a.id, ['org_admin'])).email);
    expect((await withLead.get('/admin/api-tokens/new')).body).toContain('value="partnership_lead"');
    const withoutLead = await signedIn((await createUser(database.db, s.b.id, ['org_admin'])).email);
    expect((await withoutLead.get('/admin/api-tokens/new')).body).not.toContain('value="partnership_lead"');
    const refused = await withoutLead.post('/admin/api-tokens/new', {
      name: 'Analysts',
      roles: 'partnership_lead',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      'Only an organisation with a partnership lead in Hearth can issue a partnership lead token',
    );
  });
});
