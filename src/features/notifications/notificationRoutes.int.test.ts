import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, emailOutbox, notification } from '../../db/schema.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { queueEmail } from './mailer.ts';
import { notify } from './notify.ts';

const template = { kind: 'new_referral' as const, reference: 'R-000555', serviceName: 'Kinship care' };

describe('notification and outbox pages', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let ip = 10;
  const signedIn = async (email: string) => {
    const browser = new TestBrowser(app, `10.8.0.${ip++}`);
    await browser.signIn(email);
    return browser;
  };
  let orgId: string;
  let otherOrgId: string;
  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    const area = await createArea(database.db);
    orgId = (await createOrganisation(database.db, area.id)).id;
    otherOrgId = (await createOrganisation(database.db, area.id)).id;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('lists a worker’s own and their organisation’s notifications, newest first, and marks them read', async () => {
    const worker = await createUser(database.db, orgId, ['practitioner']);
    const colleague = await createUser(database.db, orgId, ['practitioner']);
    await notify(database.db, {
      organisationId: orgId,
      kind: 'referral_new',
      message: 'A new referral R-000001 has arrived',
    });
    await notify(database.db, {
      organisationId: orgId,
      userId: worker.id,
      kind: 'referral_status',
      message: 'Your referral R-000002 was accepted',
    });
    await notify(database.db, {
      organisationId: orgId,
      userId: colleague.id,
      kind: 'referral_status',
      message: 'Not for this worker',
    });
    await notify(database.db, {
      organisationId: otherOrgId,
      kind: 'referral_new',
      message: 'Another organisation’s news',
    });

    const browser = await signedIn(worker.email);
    const page = await browser.get('/notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Notifications (2<span class="govuk-visually-hidden"> unread</span>)');
    expect(page.body).not.toContain('Not for this worker');
    expect(page.body).not.toContain('Another organisation');
    expect(page.body.indexOf('R-000002')).toBeLessThan(page.body.indexOf('R-000001'));
    expect(page.body.match(/>Unread</g)).toHaveLength(2);

    const done = await browser.post('/notifications/read', {});
    expect(done.statusCode).toBe(303);
    const after = await browser.get('/notifications?done=read');
    expect(after.body).not.toMatch(/>Unread</);
    expect(after.body).toContain('>Notifications</a>');
    // The colleague's own notification is still unread; the shared one is read for them too.
    const theirs = await database.db.select().from(notification).where(eq(notification.userId, colleague.id));
    expect(theirs[0]?.readAt).toBeNull();
  });

  it('keeps the notifications page to practice users, and refuses a missing CSRF token', async () => {
    const admin = await createUser(database.db, orgId, ['org_admin']);
    const browser = await signedIn(admin.email);
    expect((await browser.get('/notifications')).statusCode).toBe(403);
    const worker = await signedIn((await createUser(database.db, orgId, ['volunteer'])).email);
    await worker.get('/notifications');
    expect((await worker.post('/notifications/read', { _csrf: 'wrong' })).statusCode).toBe(403);
  });

  it('shows an organisation admin their organisation’s emails only; a system admin sees all', async () => {
    const ours = await queueEmail(database.db, {
      organisationId: orgId,
      to: 'ours@service.example',
      template,
      baseUrl: 'https://h.example',
    });
    const theirs = await queueEmail(database.db, {
      organisationId: otherOrgId,
      to: 'theirs@service.example',
      template,
      baseUrl: 'https://h.example',
    });
    await database.db
      .update(emailOutbox)
      .set({ failedAt: new Date(), failure: '550 No such mailbox' })
      .where(eq(emailOutbox.id, ours));

    const practitioner = await signedIn((await createUser(database.db, orgId, ['practitioner'])).email);
    expect((await practitioner.get('/admin/outbox')).statusCode).toBe(403);
    expect((await practitioner.get(`/admin/outbox/${ours}`)).statusCode).toBe(403);

    const orgAdmin = await createUser(database.db, orgId, ['org_admin']);
    const admin = await signedIn(orgAdmin.email);
    const list = await admin.get('/admin/outbox');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('ours@service.example');
    expect(list.body).toContain('550 No such mailbox');
    expect(list.body).not.toContain('theirs@service.example');
    const one = await admin.get(`/admin/outbox/${ours}`);
    expect(one.body).toContain('A new referral (R-000555) has arrived for Kinship care.');
    expect((await admin.get(`/admin/outbox/${theirs}`)).statusCode).toBe(404);
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.recordId, theirs),
          eq(auditEvent.outcome, 'denied'),
          eq(auditEvent.actorUserId, orgAdmin.id),
        ),
      );
    expect(denied).toHaveLength(1);
    expect((await admin.post(`/admin/outbox/${theirs}/retry`, {})).statusCode).toBe(404);

    await admin.get(`/admin/outbox/${ours}`);
    expect((await admin.post(`/admin/outbox/${ours}/retry`, {})).statusCode).toBe(303);
    const [retried] = await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, ours));
    expect(retried).toMatchObject({ failedAt: null, failure: null, sentAt: null });

    const system = await signedIn((await createUser(database.db, orgId, ['system_admin'])).email);
    const all = await system.get('/admin/outbox?status=waiting');
    expect(all.body).toContain('theirs@service.example');
    expect(all.body).toContain('ours@service.example');
    expect((await system.get(`/admin/outbox/${theirs}`)).statusCode).toBe(200);
  });
});
