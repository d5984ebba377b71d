import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, referral } from '../../db/schema.ts';
import { selfReferral } from '../../db/schemaDirectory.ts';
import { createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { addService, formBody } from './finderTesting.ts';

describe('self-referrals for the service’s organisation', () => {
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

  it('lists them and shows each only to practice roles of that organisation, audited; anyone else gets 404 and a denied audit', async () => {
    const home = await createPractice(database.db, ['practitioner']);
    const outside = await createPractice(database.db, ['team_lead']);
    const homeAdmin = await createUser(database.db, home.org.id, ['org_admin']);
    const serviceId = await addService(database.db, home.org.id, {
      name: 'Family drop-in',
      selfReferral: true,
    });
    const sent = await app.inject({
      method: 'POST',
      url: `/find-support/services/${serviceId}/refer`,
      payload: formBody({
        name: 'Jean <b>',
        contactMethod: 'email',
        email: 'jean@home.example',
        helpWith: 'Worried about my son',
      }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: '10.2.0.1',
    });
    expect(sent.statusCode).toBe(303);
    const [stored] = await database.db
      .select()
      .from(selfReferral)
      .where(eq(selfReferral.serviceId, serviceId));
    const referralId = stored?.id as string;
    // It reaches the service's referrals inbox as a new self-referral, in the same transaction.
    const inbox = await database.db.select().from(referral).where(eq(referral.selfReferralId, referralId));
    expect(inbox).toMatchObject([
      {
        origin: 'self_referral',
        status: 'new',
        serviceId,
        organisationId: stored?.organisationId,
        familyId: null,
      },
    ]);

    const worker = new TestBrowser(app);
    await worker.signIn(home.user.email);
    expect((await worker.get('/practice')).body).toContain('href="/practice/self-referrals"');
    const list = await worker.get('/practice/self-referrals');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/practice/self-referrals/${referralId}">Jean &lt;b&gt;</a>`);
    expect(list.body).toContain('Family drop-in');
    const page = await worker.get(`/practice/self-referrals/${referralId}`);
    expect(page.statusCode).toBe(200);
    for (const text of [
      'Self-referral from Jean &lt;b&gt;',
      'jean@home.example',
      'Worried about my son',
      'Email',
    ])
      expect(page.body).toContain(text);
    const reads = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, home.user.id), eq(auditEvent.recordType, 'self_referral')));
    expect(reads.map((r) => [r.action, r.outcome]).sort()).toEqual([
      ['self_referral.list', 'success'],
      ['self_referral.read', 'success'],
    ]);
    expect(reads.find((r) => r.action === 'self_referral.read')?.recordId).toBe(referralId);

    const stranger = new TestBrowser(app);
    await stranger.signIn(outside.user.email);
    expect((await stranger.get('/practice/self-referrals')).body).not.toContain('Jean');
    const refused = await stranger.get(`/practice/self-referrals/${referralId}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Jean');
    const [denied] = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, outside.user.id), eq(auditEvent.action, 'self_referral.read')));
    expect(denied).toMatchObject({ outcome: 'denied', recordId: referralId, organisationId: outside.org.id });

    const admin = new TestBrowser(app);
    await admin.signIn(homeAdmin.email);
    expect((await admin.get('/practice/self-referrals')).statusCode).toBe(403);
    expect((await stranger.get('/practice/self-referrals/not-a-uuid')).statusCode).toBe(404);
  });
});
