import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { addReferrals, createService, many } from '../waitingTimes/waitingTimesTesting.ts';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

describe('the referrals inbox', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let browser: TestBrowser;
  let service: { id: string; organisationId: string };

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    const area = await createArea(database.db);
    const organisation = await createOrganisation(database.db, area.id);
    service = await createService(database.db, organisation.id, 'Kinship carers group');
    const worker = await createUser(database.db, organisation.id, ['practitioner']);
    browser = new TestBrowser(app, '10.9.0.1');
    await browser.signIn(worker.email);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('reads a tab in the same statements however many referrals it lists, and lists 200 at most', async () => {
    const client = (database.db as unknown as { $client: { query: (...args: unknown[]) => unknown } })
      .$client;
    const spy = vi.spyOn(client, 'query');
    const statements = async () => {
      spy.mockClear();
      const page = await browser.get('/practice/referrals?status=new');
      expect(page.statusCode).toBe(200);
      return { count: spy.mock.calls.length, body: page.body };
    };
    try {
      await addReferrals(database.db, service, [{ sentAt: daysAgo(2), status: 'new' }]);
      await statements();
      const one = await statements();
      expect(one.body).toContain('New: 1 referral');
      // The session, then the services, the counts, the list and the audit event in one statement.
      expect(one.count).toBe(2);
      await addReferrals(database.db, service, many(204, { sentAt: daysAgo(30), status: 'new' }));
      const many205 = await statements();
      expect(many205.count).toBe(one.count);
      expect(many205.body).toContain('New (205)');
      expect(many205.body).toContain('New: 200 referrals');
      expect(
        many205.body.match(/<strong class="govuk-tag govuk-tag--light-blue">New<\/strong>/g),
      ).toHaveLength(200);
    } finally {
      spy.mockRestore();
    }
  });

  it('filters by one of its services, shows every service for one not its own, and audits what it showed', async () => {
    const other = await createService(database.db, service.organisationId, 'Young carers drop-in');
    await addReferrals(database.db, other, [{ sentAt: daysAgo(1), status: 'new' }]);
    const stranger = await createService(
      database.db,
      (await createOrganisation(database.db, (await createArea(database.db)).id)).id,
      'Somebody else’s service',
    );
    const all = await browser.get('/practice/referrals?status=new');
    const allShown = Number(/New: (\d+) referrals?/.exec(all.body)?.[1]);
    const filtered = await browser.get(`/practice/referrals?status=new&service=${other.id}`);
    expect(filtered.body).toContain('New: 1 referral');
    expect(filtered.body).toMatch(new RegExp(`<option value="${other.id}" selected>`));
    // Not one of the organisation's services: the inbox shows them all, with "All your services" chosen.
    const unknown = await browser.get(`/practice/referrals?status=new&service=${stranger.id}`);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain(`New: ${allShown} referrals`);
    expect(unknown.body).toMatch(/<option value="" selected>All your services<\/option>/);
    expect(unknown.body).not.toContain('Somebody else’s service');
    const events = await queryRows<{ detail: { status: string; shown: number } }>(
      database.db,
      sql`select detail from audit_event where action = 'referral.inbox' and record_id = ${service.organisationId}
        order by at desc, id desc limit 3`,
    );
    // One event a view (none for the refused filter's first try), newest first.
    expect(events.map((e) => e.detail)).toEqual([
      { status: 'new', shown: allShown },
      { status: 'new', shown: 1 },
      { status: 'new', shown: allShown },
    ]);
  });
});
