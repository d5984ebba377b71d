import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  apiToken,
  appUser,
  auditEvent,
  directoryService,
  emailOutbox,
  notification,
  selfReferral,
} from '../../db/schema.ts';
import { anonymousAccess } from '../../platform/access/accessContext.ts';
import { createOrganisation, createUser } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { accessOf, tokenFor } from '../consent/consentTeamTesting.ts';
import { createReferral, receiveSelfReferral } from './referralCreate.ts';
import { moveReferral } from './referralService.ts';
import { referralScenario, testMail } from './referralTesting.ts';

class Undo extends Error {}

describe('emails about referrals', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let s: Awaited<ReturnType<typeof referralScenario>>;
  let quietLead: Awaited<ReturnType<typeof createUser>>;
  let goneLead: Awaited<ReturnType<typeof createUser>>;
  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    s = await referralScenario(database, app);
    // A second team lead who turned referral emails off, and a third who has left.
    quietLead = await createUser(database.db, s.outsider.id, ['team_lead']);
    await database.db.update(appUser).set({ emailReferrals: false }).where(eq(appUser.id, quietLead.id));
    goneLead = await createUser(database.db, s.outsider.id, ['team_lead'], { status: 'deactivated' });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const emailsSince = (since: Date) =>
    database.db
      .select()
      .from(emailOutbox)
      .where(
        and(
          gte(emailOutbox.createdAt, since),
          // Other test files share a PostgreSQL database: only this scenario's organisations' emails.
          inArray(emailOutbox.organisationId, [s.home.id, s.outsider.id, s.partner.id]),
        ),
      )
      .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id));

  /** No member's name, and none of the referral's own words. */
  function expectNoPersonalData(emails: { subject: string; body: string }[]) {
    for (const email of emails)
      expect(`${email.subject}\n${email.body}`).not.toMatch(
        /Agnes|Callum|Testfamily|looks after|talk to|Full/,
      );
  }

  it('a new referral emails the receiving team leads who want it; each change the referrer did not make emails the referrer', async () => {
    const since = new Date();
    const { id } = await s.send();
    const row = await s.referralRow(id);
    const arrived = await emailsSince(since);
    // The outsider's team lead, not its practitioners, not the lead who turned emails off or has left.
    expect(arrived.map((e) => e.toAddress)).toEqual([s.outsiderLead.email]);
    expect(arrived[0]).toMatchObject({
      organisationId: s.outsider.id,
      subject: `New referral ${row?.reference}`,
    });
    expect(arrived[0]?.body).toContain('http://localhost:3000/practice/referrals');
    expect(arrived.map((e) => e.toAddress)).not.toContain(quietLead.email);
    expect(arrived.map((e) => e.toAddress)).not.toContain(goneLead.email);

    const declineAt = new Date();
    await s.asOutsider.get(`/practice/referrals/${id}/decline`);
    const declined = await s.asOutsider.post(`/practice/referrals/${id}/decline`, {
      version: String(row?.version),
      reason: 'Full until the summer.',
      suggestion: '',
    });
    expect(declined.statusCode).toBe(303);
    const told = await emailsSince(declineAt);
    expect(told.map((e) => [e.toAddress, e.subject, e.organisationId])).toEqual([
      [s.homeWorker.email, `Referral ${row?.reference}: Declined`, s.home.id],
    ]);
    expect(told[0]?.body).toContain(`The referral ${row?.reference} to ${s.service.name} is now: Declined.`);
    expectNoPersonalData([...arrived, ...told]);
  });

  it('nobody is emailed about their own move, and a move that is not made writes no email', async () => {
    const { id } = await s.send({ action: 'draft' });
    const row = await s.referralRow(id);
    expect(row?.status).toBe('draft');
    const since = new Date();
    // Sent by the referrer: the receiving leads hear, the referrer does not.
    const sent = await database.db.transaction((tx) =>
      moveReferral(
        tx,
        accessOf(s.homeWorker, s.area.id),
        { referralId: id, version: 1, to: 'new', side: 'referrer' },
        testMail,
      ),
    );
    expect(sent.kind).toBe('moved');
    expect((await emailsSince(since)).map((e) => e.toAddress)).toEqual([s.outsiderLead.email]);
    // A move rolled back with its transaction leaves no email behind; a refused one writes none.
    const before = new Date();
    await database.db
      .transaction(async (tx) => {
        const moved = await moveReferral(
          tx,
          accessOf(s.outsiderWorker, s.area.id),
          { referralId: id, version: 2, to: 'accepted', side: 'receiver' },
          testMail,
        );
        expect(moved.kind).toBe('moved');
        throw new Undo();
      })
      .catch((e) => {
        if (!(e instanceof Undo)) throw e;
      });
    const refused = await database.db.transaction((tx) =>
      moveReferral(
        tx,
        accessOf(s.outsiderWorker, s.area.id),
        { referralId: id, version: 2, to: 'started', side: 'receiver' },
        testMail,
      ),
    );
    expect(refused.kind).toBe('refused');
    expect(await emailsSince(before)).toEqual([]);
  });

  it('the account page turns referral emails off (audited): the in-app notice still comes, the email does not', async () => {
    const account = await s.asHome.get('/account');
    expect(account.body).toContain('Email me about referrals');
    expect(account.body).toMatch(/name="referralEmails" type="checkbox" value="yes" checked/);
    const off = await s.asHome.post('/account/emails', {});
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe('/account?emails=saved');
    const saved = await s.asHome.get('/account?emails=saved');
    expect(saved.body).toContain('You will not get emails about referrals');
    expect(saved.body).not.toMatch(/value="yes" checked/);
    const [audit] = await database.db
      .select()
      .from(auditEvent)
      .where(
        and(eq(auditEvent.action, 'account.referral_emails'), eq(auditEvent.actorUserId, s.homeWorker.id)),
      );
    expect(audit?.detail).toEqual({ on: false });

    const { id } = await s.send();
    const row = await s.referralRow(id);
    const since = new Date();
    await s.asOutsider.get(`/practice/referrals/${id}/accept`);
    const accepted = await s.asOutsider.post(`/practice/referrals/${id}/accept`, {
      version: String(row?.version),
    });
    expect(accepted.statusCode).toBe(303);
    expect(await emailsSince(since)).toEqual([]);
    const notices = await database.db.select().from(notification).where(eq(notification.referralId, id));
    expect(notices.map((n) => [n.userId, n.kind])).toContainEqual([s.homeWorker.id, 'referral.accepted']);

    // On again; and an admin, who gets no referral emails, has no such setting.
    await s.asHome.get('/account');
    await s.asHome.post('/account/emails', { referralEmails: 'yes' });
    expect((await s.asHome.get('/account')).body).toMatch(/value="yes" checked/);
    const admin = await s.signIn((await createUser(database.db, s.home.id, ['org_admin'])).email);
    const adminAccount = await admin.get('/account');
    expect(adminAccount.body).not.toContain('Email me about referrals');
    const adminId = (
      await database.db.select().from(appUser).where(eq(appUser.organisationId, s.home.id))
    ).find((u) => u.roles.includes('org_admin'))?.id as string;
    await admin.post('/account/emails', { referralEmails: 'yes' });
    const adminAudits = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'account.referral_emails'), eq(auditEvent.actorUserId, adminId)));
    expect(adminAudits).toEqual([]);
  });

  it('a self-referral from the finder emails the team leads too, and gives a service outside Hearth its link', async () => {
    const since = new Date();
    const self = async (serviceId: string, organisationId: string) => {
      const [row] = await database.db
        .insert(selfReferral)
        .values({
          serviceId,
          organisationId,
          name: 'Morag',
          audience: 'parent',
          contactMethod: 'text',
          phone: '07700 900123',
          leaveMessage: false,
          helpWith: 'My son drinks and I do not know what to do.',
        })
        .returning();
      return database.db.transaction((tx) =>
        receiveSelfReferral(tx, row?.id as string, testMail, anonymousAccess('::1', 'finder')),
      );
    };
    const inside = await self(s.service.id, s.outsider.id);
    const emails = await emailsSince(since);
    expect(emails.map((e) => [e.toAddress, e.subject])).toEqual([
      [s.outsiderLead.email, `New referral ${inside.reference}`],
    ]);
    // A service whose organisation has nobody in Hearth: its referral address gets a notice with a link.
    const elsewhere = await createOrganisation(database.db, s.area.id);
    const [service] = await database.db
      .insert(directoryService)
      .values({
        organisationId: elsewhere.id,
        name: 'Drop-in',
        summary: 'A drop-in',
        description: 'A drop-in',
        referralEmail: `drop-in-${elsewhere.id.slice(0, 8)}@outside.example`,
      })
      .returning();
    const outside = await self(service?.id as string, elsewhere.id);
    const [notice] = await database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, service?.referralEmail as string));
    expect(notice?.subject).toBe(`Referral ${outside.reference} from Hearth’s Find support service`);
    expect(notice?.body).toMatch(/\/referral-link\/[A-Za-z0-9_-]{43}/);
    expect(notice?.body).not.toMatch(/Morag|son drinks/);
  });

  it('for a referral a connected system made, the referring organisation’s team leads hear by email', async () => {
    await tokenFor(database, s.home);
    const [token] = await database.db.select().from(apiToken).where(eq(apiToken.organisationId, s.home.id));
    const system = { ...accessOf(s.homeWorker, s.area.id), userId: undefined, tokenId: token?.id };
    const made = await createReferral(
      database.db,
      system,
      s.family.id,
      s.service.id,
      {
        memberIds: [s.callum.id],
        reason: 'Callum looks after his mum.',
        wishes: null,
        urgency: 'routine',
        sharingBasis: 'consent',
        consentPersonId: s.agnes.id,
        consentMethod: 'digital',
        consentOn: '2026-01-10',
        concernId: null,
        idempotencyKey: `system-${token?.id}`,
        send: true,
      },
      testMail,
    );
    if (made.kind !== 'created') throw new Error(made.kind);
    const since = new Date();
    const moved = await database.db.transaction((tx) =>
      moveReferral(
        tx,
        accessOf(s.outsiderWorker, s.area.id),
        { referralId: made.id, version: 2, to: 'waiting', side: 'receiver' },
        testMail,
      ),
    );
    expect(moved.kind).toBe('moved');
    const emails = await emailsSince(since);
    expect(emails.map((e) => [e.toAddress, e.subject])).toEqual([
      [s.homeLead.email, `Referral ${made.reference}: Waiting`],
    ]);
    expectNoPersonalData(emails);
  });
});
