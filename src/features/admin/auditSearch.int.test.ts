import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { apiToken, auditEvent } from '../../db/schema.ts';
import { createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

describe('searching the audit trail', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let ipCounter = 10;
  const newBrowser = () => new TestBrowser(app, `10.3.0.${ipCounter++}`);

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  type NewEvent = typeof auditEvent.$inferInsert;
  async function record(events: NewEvent[]) {
    await database.db.insert(auditEvent).values(events);
  }

  /** Two organisations in one area, each with an admin; the first admin signed in. */
  async function twoOrganisations() {
    const { area, org, user: worker } = await createPractice(database.db);
    const admin = await createUser(database.db, org.id, ['org_admin']);
    const otherOrg = await createOrganisation(database.db, area.id);
    const otherAdmin = await createUser(database.db, otherOrg.id, ['org_admin']);
    const browser = newBrowser();
    await browser.signIn(admin.email);
    return { org, worker, admin, otherOrg, otherAdmin, browser };
  }

  it('shows an organisation admin their own organisation’s events only, whatever they ask for', async () => {
    const { org, worker, otherOrg, otherAdmin, browser } = await twoOrganisations();
    const mine = `mine-${randomUUID()}`;
    const theirs = `theirs-${randomUUID()}`;
    await record([
      { organisationId: org.id, actorUserId: worker.id, action: 'family.read', reason: mine },
      { organisationId: otherOrg.id, actorUserId: otherAdmin.id, action: 'family.read', reason: theirs },
    ]);

    const page = await browser.get('/admin/audit');
    const asked = await browser.get(`/admin/audit?organisation=${otherOrg.id}`);
    const byTheirUser = await browser.get(`/admin/audit?user=${otherAdmin.id}`);

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(mine);
    expect(page.body).toContain(worker.displayName);
    for (const body of [page.body, asked.body, byTheirUser.body]) {
      expect(body).not.toContain(theirs);
      expect(body).not.toContain(otherAdmin.displayName);
    }
    expect(asked.body).toContain(mine);
  });

  it('lets a system admin search every organisation or pick one', async () => {
    const { otherOrg, otherAdmin } = await twoOrganisations();
    const systemAdmin = await createUser(database.db, otherOrg.id, ['system_admin']);
    const marker = `elsewhere-${randomUUID()}`;
    await record([
      { organisationId: otherOrg.id, actorUserId: otherAdmin.id, action: 'x.test', reason: marker },
    ]);
    const browser = newBrowser();
    await browser.signIn(systemAdmin.email);

    const all = await browser.get(`/admin/audit?action=x.test`);
    const picked = await browser.get(`/admin/audit?organisation=${otherOrg.id}&action=x.test`);

    expect(all.body).toContain(marker);
    expect(all.body).toContain('All organisations');
    expect(picked.body).toContain(marker);
    expect(picked.body).toContain(`value="${otherAdmin.id}"`);
  });

  it('filters by who, action, outcome, family and whole UK days', async () => {
    const { org, worker, admin, browser } = await twoOrganisations();
    const familyId = randomUUID();
    const base = { organisationId: org.id, action: 'x.filter' };
    await record([
      // 23:30 UTC on 10 June is 00:30 on 11 June in UK summer time.
      { ...base, actorUserId: worker.id, at: new Date('2025-06-10T23:30:00Z'), reason: 'e-june-11' },
      { ...base, actorUserId: worker.id, at: new Date('2025-06-10T22:30:00Z'), reason: 'e-june-10' },
      { ...base, actorUserId: admin.id, at: new Date('2025-06-12T12:00:00Z'), reason: 'e-admin', familyId },
      {
        ...base,
        actorUserId: worker.id,
        at: new Date('2025-06-12T13:00:00Z'),
        reason: 'e-denied',
        outcome: 'denied',
      },
    ]);
    const shown = async (query: string) => {
      const page = await browser.get(`/admin/audit?action=x.filter&${query}`);
      expect(page.statusCode, query).toBe(200);
      return ['e-june-11', 'e-june-10', 'e-admin', 'e-denied'].filter((r) => page.body.includes(r));
    };

    expect(await shown('')).toEqual(['e-june-11', 'e-june-10', 'e-admin', 'e-denied']);
    expect(await shown(`user=${admin.id}`)).toEqual(['e-admin']);
    expect(await shown('outcome=denied')).toEqual(['e-denied']);
    expect(await shown(`family=${familyId}`)).toEqual(['e-admin']);
    expect(await shown('from-day=11&from-month=6&from-year=2025&to-day=11&to-month=6&to-year=2025')).toEqual([
      'e-june-11',
    ]);
    expect(await shown('to-day=10&to-month=6&to-year=2025')).toEqual(['e-june-10']);
    // Newest first.
    const page = await browser.get('/admin/audit?action=x.filter');
    expect(page.body.indexOf('e-denied')).toBeLessThan(page.body.indexOf('e-june-10'));
    expect(page.body).toContain('<option value="x.filter" selected>');
  });

  it('explains bad filters instead of searching', async () => {
    const { browser } = await twoOrganisations();
    const searchesBefore = await database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'audit.search'));

    const impossible = await browser.get('/admin/audit?from-day=31&from-month=2&from-year=2026');
    const partial = await browser.get('/admin/audit?from-day=3&from-year=2026');
    const backwards = await browser.get(
      '/admin/audit?from-day=3&from-month=3&from-year=2026&to-day=2&to-month=3&to-year=2026',
    );
    const nonsense = await browser.get('/admin/audit?family=not-an-id&outcome=maybe&user=me');

    expect(impossible.statusCode).toBe(400);
    expect(impossible.body).toContain('<title>Error: Audit trail');
    expect(impossible.body).toContain('Date from must be a real date');
    expect(impossible.body).toContain('href="#from-day"');
    expect(partial.body).toContain('Date from must include a month');
    expect(partial.body).toContain('href="#from-month"');
    expect(backwards.body).toContain('Date to must be the same as or after date from');
    expect(nonsense.statusCode).toBe(400);
    expect(nonsense.body).toContain('Enter a family ID in the right format');
    expect(nonsense.body).toContain('Select an outcome from the list');
    expect(nonsense.body).toContain('Select a user from the list');
    expect(nonsense.body).not.toContain('Audit events, newest first');
    const searchesAfter = await database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.action, 'audit.search'));
    expect(searchesAfter.length).toBe(searchesBefore.length);
  });

  it('names who acted: a user, an API token, or nobody known', async () => {
    const { org, worker, admin, browser } = await twoOrganisations();
    const [token] = await database.db
      .insert(apiToken)
      .values({
        organisationId: org.id,
        name: 'Case system feed',
        tokenHash: randomUUID(),
        tokenPrefix: 'htk_x',
        roles: ['practitioner'],
        createdBy: admin.id,
      })
      .returning();
    await record([
      { organisationId: org.id, action: 'x.who', actorUserId: worker.id },
      { organisationId: org.id, action: 'x.who', actorTokenId: token?.id },
      {
        organisationId: org.id,
        action: 'x.who',
        outcome: 'failure',
        recordType: 'app_user',
        recordId: worker.id,
      },
    ]);

    const page = await browser.get('/admin/audit?action=x.who');

    expect(page.body).toContain(worker.displayName);
    expect(page.body).toContain('API token Case system feed');
    const rows = page.body.slice(page.body.indexOf('govuk-table__body')).split('</tr>');
    const failedRow = rows.find((row) => row.includes('Failure')) ?? '';
    expect(failedRow).toContain('Unknown');
    expect(failedRow).toContain(`app_user ${worker.id}`);
  });

  it('pages through events 50 at a time, keeping the filters', async () => {
    const { org, worker, browser } = await twoOrganisations();
    const start = Date.parse('2025-01-01T09:00:00Z');
    await record(
      Array.from({ length: 60 }, (_, i) => ({
        organisationId: org.id,
        actorUserId: worker.id,
        action: 'x.page',
        at: new Date(start + i * 60_000),
        reason: `n${String(i).padStart(2, '0')}`,
      })),
    );

    const first = await browser.get('/admin/audit?action=x.page');
    const second = await browser.get('/admin/audit?action=x.page&page=2');

    expect(first.body).toContain('Showing 1 to 50 of');
    expect(first.body).toContain('>n59<');
    expect(first.body).not.toContain('>n09<');
    expect(first.body).toContain('href="/admin/audit?action=x.page&amp;page=2"');
    expect(second.body).toContain('Showing 51 to 60 of');
    expect(second.body).toContain('>n00<');
    expect(second.body).not.toContain('>n10<');
  });

  it('records every search in the audit trail', async () => {
    const { org, admin, browser } = await twoOrganisations();
    const familyId = randomUUID();

    await browser.get(`/admin/audit?family=${familyId}`);

    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, admin.id), eq(auditEvent.action, 'audit.search')));
    expect(events).toEqual([
      expect.objectContaining({ organisationId: org.id, familyId, outcome: 'success' }),
    ]);
  });
});
