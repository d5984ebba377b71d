import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { addReferrals, createService } from './waitingTimesTesting.ts';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

describe('waiting-times pages', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let ip = 10;
  const signedIn = async (email: string) => {
    const browser = new TestBrowser(app, `10.7.0.${ip++}`);
    await browser.signIn(email);
    return browser;
  };
  let area: { id: string };
  let ours: { id: string; organisationId: string };
  let theirs: { id: string; organisationId: string };
  let lead: { email: string };
  let practitioner: { email: string };

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    area = await createArea(database.db);
    const org = await createOrganisation(database.db, area.id);
    ours = await createService(database.db, org.id, 'Kinship carers group');
    lead = await createUser(database.db, org.id, ['team_lead']);
    practitioner = await createUser(database.db, org.id, ['practitioner']);
    await addReferrals(database.db, ours, [
      { sentAt: daysAgo(30), status: 'waiting' },
      { sentAt: daysAgo(50), status: 'new' },
      { sentAt: daysAgo(3), status: 'new' },
    ]);
    const otherArea = await createArea(database.db);
    const elsewhere = await createOrganisation(database.db, otherArea.id);
    theirs = await createService(database.db, elsewhere.id, 'Service in another area');
    await addReferrals(database.db, theirs, [{ sentAt: daysAgo(60), status: 'waiting' }]);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('flags long waits on a team lead’s home page, not a practitioner’s', async () => {
    const home = await (await signedIn(lead.email)).get('/');
    expect(home.body).toContain('Waiting over 3 weeks: 2, over 6 weeks: 1');
    const worker = await (await signedIn(practitioner.email)).get('/');
    expect(worker.statusCode).toBe(200);
    expect(worker.body).not.toContain('Waiting over 3 weeks');
  });

  it('shows a worker the referrals waiting in their organisation’s inbox on the home page, and nobody else’s', async () => {
    const worker = await (await signedIn(practitioner.email)).get('/');
    expect(worker.body).toContain('Referrals waiting');
    expect(worker.body).toContain('2 new referrals to decide');
    expect(worker.body).toContain('1 on the waiting list');
    expect(worker.body).not.toContain('accepted, support not yet started');
    const stranger = await createUser(database.db, theirs.organisationId, ['practitioner']);
    const elsewhere = await (await signedIn(stranger.email)).get('/');
    expect(elsewhere.body).toContain('1 on the waiting list');
    expect(elsewhere.body).not.toContain('new referrals to decide');
  });

  it('shows the organisation’s waiting times, for one of its services or all, and no other organisation’s', async () => {
    const browser = await signedIn(practitioner.email);
    const all = await browser.get('/practice/waiting-times');
    expect(all.statusCode).toBe(200);
    expect(all.body).toMatch(
      /Over 6 weeks \(more than 42 days\)<\/dt><dd class="govuk-summary-list__value">1</,
    );
    const one = await browser.get(`/practice/waiting-times?service=${ours.id}`);
    expect(one.body).toContain('Waiting times for Kinship carers group');
    expect((await browser.get(`/practice/waiting-times?service=${theirs.id}`)).statusCode).toBe(404);
    expect((await browser.get('/practice/waiting-times?service=nonsense')).statusCode).toBe(404);
  });

  it('opens the partnership page to partnership leads only, for their own area', async () => {
    const partnershipLead = await createUser(database.db, ours.organisationId, ['partnership_lead']);
    const page = await (await signedIn(partnershipLead.email)).get('/partnership/waiting-times');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kinship carers group');
    expect(page.body).not.toContain('Service in another area');
    // Three referrals in this area: fewer than 10, so never shown as a number.
    expect(page.body).toContain('fewer than 10');
    expect((await (await signedIn(practitioner.email)).get('/partnership/waiting-times')).statusCode).toBe(
      403,
    );
    expect((await (await signedIn(partnershipLead.email)).get('/practice/waiting-times')).statusCode).toBe(
      403,
    );
  });
});
