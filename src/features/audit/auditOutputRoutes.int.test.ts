import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import type { Database } from '../../db/client.ts';
import { auditEvent, locality } from '../../db/schema.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';
import { TestBrowser } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { suppressionRule } from './auditOutputs.ts';
import { fixtureViews, parseCsv, pdfTextRuns, xlsxCells, xlsxParts } from './auditOutputsTesting.ts';
import { storeBoundaries } from './boundaries.ts';

/** A bare count from 1 to 9: what no output may show. */
const small = (values: string[]) => values.filter((v) => /^\s*[1-9]\s*$/.test(v));
const square = (lon: number, lat: number): [number, number][][][] => [
  [
    [
      [lon, lat],
      [lon + 0.1, lat],
      [lon + 0.1, lat + 0.1],
      [lon, lat + 0.1],
      [lon, lat],
    ],
  ],
];

describe('the audit’s exports, report and map', () => {
  let database: Database;
  let app: FastifyInstance;
  let ip = 10;
  let lead: { id: string; email: string };
  let practitioner: { email: string };
  let orgAdmin: { email: string };
  let north: string;
  let elsewhere: string;
  const as = async (email: string) => {
    const browser = new TestBrowser(app, `10.31.0.${ip++}`);
    await browser.signIn(email);
    return browser;
  };
  const year = 'year=2025-26';

  beforeAll(async () => {
    database = await testDatabase();
    app = await createApp({
      database,
      config: { logLevel: 'silent', trustProxy: false, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 },
      auditViews: fixtureViews,
    });
    const area = await createArea(database.db);
    const [n, e] = await database.db
      .insert(locality)
      .values([
        { partnershipAreaId: area.id, name: 'North Test' },
        { partnershipAreaId: area.id, name: 'East Test' },
      ])
      .returning();
    north = n?.id as string;
    const stored = await storeBoundaries(
      database.db,
      [
        { feature: 1, localityId: north, coordinates: square(-4.2, 56) },
        { feature: 2, localityId: e?.id as string, coordinates: square(-4.1, 56) },
      ],
      { sourceFile: 'test.geojson', tolerance: 0 },
    );
    expect(stored.problems).toEqual([]);
    const org = await createOrganisation(database.db, area.id);
    lead = await createUser(database.db, org.id, ['partnership_lead']);
    practitioner = await createUser(database.db, org.id, ['practitioner', 'team_lead']);
    orgAdmin = await createUser(database.db, org.id, ['org_admin']);
    elsewhere = (await createArea(database.db)).localityId;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const routes = [
    '/partnership/audit/fixture-reach.csv',
    '/partnership/audit/fixture-reach.xlsx',
    '/partnership/audit.xlsx',
    '/partnership/audit/report',
    '/partnership/audit/report.pdf',
    '/partnership/audit/map',
  ];

  it('refuses everyone but partnership leads, and sends the signed-out to sign in', async () => {
    for (const email of [practitioner.email, orgAdmin.email]) {
      const browser = await as(email);
      for (const url of routes) expect((await browser.get(url)).statusCode, url).toBe(403);
    }
    const visitor = new TestBrowser(app, '10.31.1.1');
    for (const url of routes) {
      const response = await visitor.get(url);
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toMatch(/^\/sign-in/);
    }
  });

  it('exports a view as CSV named by view and period, with its notes and no small count, and audits it', async () => {
    const browser = await as(lead.email);
    const response = await browser.get(`/partnership/audit/fixture-reach.csv?${year}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="hearth-audit-fixture-reach-2025-04-01-to-2026-03-31.csv"',
    );
    expect(response.headers['cache-control']).toBe('private, no-store');
    const records = parseCsv(response.body);
    const cells = records.flat();
    expect(cells).toContain('# Period: 1 April 2025 to 31 March 2026');
    expect(cells).toContain(`# Small numbers: ${suppressionRule(10)}`);
    expect(records).toContainEqual(['East Test', '120', '48']);
    expect(records).toContainEqual(['Test Locality', 'fewer than 10', 'fewer than 10']);
    expect(small(cells)).toEqual([]);
    const [event] = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, lead.id), eq(auditEvent.action, 'audit.export')))
      .orderBy(desc(auditEvent.id))
      .limit(1);
    expect(event).toMatchObject({ recordType: 'provision_audit', recordId: 'fixture-reach' });
    expect(event?.detail).toEqual({
      view: 'fixture-reach',
      format: 'csv',
      from: '2025-04-01',
      to: '2026-03-31',
    });
  });

  it('exports a view and the whole audit as workbooks that open, with no small count', async () => {
    const browser = await as(lead.email);
    const one = await browser.get(
      `/partnership/audit/fixture-reach.xlsx?${year}&localityId=${north}&group=grandparent`,
    );
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-disposition']).toContain(
      'hearth-audit-fixture-reach-2025-04-01-to-2026-03-31.xlsx',
    );
    const parts = xlsxParts(one.rawPayload);
    expect(xlsxCells(parts['xl/worksheets/sheet1.xml'] ?? '').map((c) => c[1])).toContain(
      'Locality: North Test',
    );
    expect(xlsxCells(parts['xl/worksheets/sheet1.xml'] ?? '').map((c) => c[1])).toContain(
      'Group of people: Grandparents',
    );
    const all = xlsxParts((await browser.get(`/partnership/audit.xlsx?${year}`)).rawPayload);
    const sheets = Object.keys(all).filter((p) => p.startsWith('xl/worksheets/'));
    // Notes, then the five tables of the two fixture views (one of them empty).
    expect(sheets).toHaveLength(6);
    for (const sheet of sheets) expect(small(xlsxCells(all[sheet] ?? '').map((c) => c[1]))).toEqual([]);
  });

  it('shows the printable report with contents, period, rule, definitions, charts with tables and a map', async () => {
    const browser = await as(lead.email);
    const page = await browser.get(`/partnership/audit/report?${year}`);
    expect(page.statusCode).toBe(200);
    const html = page.body;
    expect(html).toContain('Provision audit: baseline report');
    expect(html).toContain('1 April 2025 to 31 March 2026');
    expect(html).toContain('href="#view-fixture-reach"');
    expect(html).toContain('Definitions of every measure');
    expect(html).toContain('every count from 1 to 9 is shown as &quot;fewer than 10&quot;');
    for (const view of fixtureViews) expect(html).toContain(`id="view-${view.id}"`);
    // Four tables with figures, each charted, plus the map of the first table by locality.
    expect(html.match(/<svg [^>]*class="hearth-chart__svg" role="img"/g)).toHaveLength(4);
    expect(html.match(/<svg [^>]*class="hearth-map__svg" role="img"/g)).toHaveLength(1);
    expect(html).toContain('No boundary is loaded for Test Locality');
    expect(html).toContain('href="/partnership/audit/fixture-reach.csv?from=2025-04-01&amp;to=2026-03-31"');
    const cells = [...html.matchAll(/<td[^>]*>(?:<strong>)?([^<]*)/g)].map((m) => m[1] ?? '');
    const drawn = [...html.matchAll(/<text(?! class="hearth-chart__tick")[^>]*>([^<]*)<\/text>/g)].map(
      (m) => m[1] ?? '',
    );
    expect(cells).toContain('fewer than 10');
    expect(small([...cells, ...drawn])).toEqual([]);
  });

  it('makes the report as a PDF with the definitions and no small count', async () => {
    const browser = await as(lead.email);
    const response = await browser.get(`/partnership/audit/report.pdf?${year}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(
      'hearth-audit-report-2025-04-01-to-2026-03-31.pdf',
    );
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const runs = pdfTextRuns(response.rawPayload);
    const text = runs.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Definitions of every measure');
    expect(text).toContain('Referrals sent in each quarter');
    expect(small(runs)).toEqual([]);
  });

  it('shades the map by a chosen figure, or gives the table alone', async () => {
    const browser = await as(lead.email);
    const page = await browser.get(
      `/partnership/audit/map?${year}&measure=fixture-reach/sessions-by-delivery/sessions`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Map: All sessions by locality');
    expect(page.body).toMatch(/<option value="fixture-reach\/sessions-by-delivery\/sessions" selected>/);
  });

  it('refuses filters that do not read, and a locality of another area as not found', async () => {
    const browser = await as(lead.email);
    // A download answers an RFC 9457 problem naming each field, with the pages' and the API's messages.
    for (const url of [
      '/partnership/audit/fixture-reach.csv?from=2026-02-30',
      '/partnership/audit/fixture-reach.xlsx?from=2026-02-30',
      '/partnership/audit.xlsx?from=2026-02-30',
      '/partnership/audit/report.pdf?from=2026-02-30',
    ]) {
      const bad = await browser.get(url);
      expect(bad.statusCode, url).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json().errors).toEqual([
        { pointer: '#/querystring/from', detail: 'The start of the period must be a real date' },
      ]);
    }
    const form = await browser.get('/partnership/audit/report?year=nonsense&group=grandparent');
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('govuk-error-summary');
    expect(form.body).toContain('href="#year">The year must be a financial year, like 2025-26');
    // The group asked for is kept when the form is sent again.
    expect(form.body).toContain('<input type="hidden" name="group" value="grandparent">');
    const map = await browser.get('/partnership/audit/map?from-day=1&from-month=13&from-year=2025');
    expect(map.statusCode).toBe(400);
    expect(map.body).toContain('The start of the period must be a real date');
    // A locality of another area is one the lead cannot choose.
    const other = await browser.get(`/partnership/audit/report.pdf?localityId=${elsewhere}`);
    expect(other.statusCode).toBe(400);
    expect(other.json().errors).toEqual([
      { pointer: '#/querystring/localityId', detail: 'Choose a locality from the list' },
    ]);
    expect((await browser.get('/partnership/audit/no-such-view.csv')).statusCode).toBe(404);
  });
});
