import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/client.ts';
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
      // The session, the services, the counts, the list and the audit event.
      expect(one.count).toBeGreaterThanOrEqual(5);
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
});
