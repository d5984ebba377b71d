import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  auditEvent,
  memberSupport,
  notification,
  referral,
  referralEvent,
  referralMember,
  referralMemberOutcome,
} from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { accessOf } from '../consent/consentTeamTesting.ts';
import { applyMove } from './referralMoves.ts';
import { splitReferral } from './referralSplit.ts';
import { referralScenario, testMail } from './referralTesting.ts';

describe('deciding a referral member by member', () => {
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

  const membersOf = async (id: string) =>
    (await database.db.select().from(referralMember).where(eq(referralMember.referralId, id)))
      .map((m) => m.personId)
      .sort();

  it('passes the son on with the history and a reason, accepts his mother, and the referrer sees both outcomes', async () => {
    const s = await referralScenario(database, app);
    const { id } = await s.send({ memberIds: [s.agnes.id, s.callum.id] });
    const reference = (await s.referralRow(id))?.reference as string;
    const page = await s.asOutsider.get(`/practice/referrals/${id}`);
    expect(page.body).toContain(`href="/practice/referrals/${id}/split"`);
    const url = `/practice/referrals/${id}/split`;
    const form = await s.asOutsider.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${s.agnes.id}"`);
    expect(form.body).toContain(`value="${s.callum.id}"`);
    // A search narrows the services to pass them on to; the referral's own service is never offered.
    const searched = await s.asOutsider.get(`${url}?q=${encodeURIComponent(s.other.name)}`);
    expect(searched.body).toContain(`value="${s.other.id}"`);
    expect(searched.body.match(/<option value="[0-9a-f-]{36}"/g)).toHaveLength(1);
    const nothing = await s.asOutsider.get(`${url}?q=no-such-service-anywhere`);
    expect(nothing.body).not.toContain(`value="${s.other.id}"`);
    expect(nothing.body).toContain('No service found: search again');
    const own = await s.asOutsider.get(`${url}?q=${encodeURIComponent(s.service.name)}`);
    expect(own.body).not.toContain(`value="${s.service.id}"`);

    // Who, what, where and why are needed; choosing everyone is not a split.
    const empty = await s.asOutsider.post(url, { version: '2', reason: '' });
    expect(empty.statusCode).toBe(400);
    for (const field of ['personIds', 'outcome', 'reason']) expect(empty.body).toContain(`href="#${field}"`);
    const everyone = await s.asOutsider.post(url, {
      version: '2',
      personIds: [s.agnes.id, s.callum.id],
      outcome: 'declined',
      reason: 'Not for us',
    });
    expect(everyone.statusCode).toBe(400);
    expect(everyone.body).toContain('You chose everyone');
    expect(await membersOf(id)).toEqual([s.agnes.id, s.callum.id].sort());

    const split = await s.asOutsider.post(url, {
      version: '2',
      personIds: [s.callum.id],
      outcome: 'passed_on',
      serviceId: s.other.id,
      reason: 'Callum would get more from a group for young people.',
      suggestion: 'The circle meets on Thursdays.',
    });
    expect(split.statusCode, split.body.slice(0, 1500)).toBe(303);
    expect(split.headers.location).toBe(`/practice/referrals/${id}?decided=passed_on`);
    const [next] = await database.db.select().from(referral).where(eq(referral.redirectedFromId, id));
    expect(next).toMatchObject({
      origin: 'redirect',
      status: 'new',
      serviceId: s.other.id,
      organisationId: s.partner.id,
      referringOrganisationId: s.home.id,
      referredBy: s.homeWorker.id,
      sharingBasis: 'consent',
      consentPersonId: s.agnes.id,
    });
    expect(await membersOf(id)).toEqual([s.agnes.id]);
    expect(await membersOf(next?.id as string)).toEqual([s.callum.id]);
    expect(await s.referralRow(id)).toMatchObject({ status: 'new', version: 3 });
    const outcomes = await database.db
      .select()
      .from(referralMemberOutcome)
      .where(eq(referralMemberOutcome.referralId, id));
    expect(outcomes).toEqual([
      expect.objectContaining({
        personId: s.callum.id,
        outcome: 'passed_on',
        passedToId: next?.id,
        decidedBy: s.outsiderWorker.id,
      }),
    ]);
    const events = await database.db.select().from(referralEvent).where(eq(referralEvent.referralId, id));
    expect(events.at(-1)).toMatchObject({
      fromStatus: 'new',
      toStatus: 'new',
      note: `1 member passed on to ${s.other.name} in ${next?.reference}: Callum would get more from a group for young people.`,
    });
    // The referrer is told, by reference only; the new service is told of its new referral.
    const notices = await database.db
      .select({ organisationId: notification.organisationId, message: notification.message })
      .from(notification)
      .where(eq(notification.kind, 'referral.split'));
    expect(notices).toContainEqual({
      organisationId: s.home.id,
      message: `Referral ${reference}: some members were passed on to another service in ${next?.reference}`,
    });
    const [arrived] = await database.db
      .select()
      .from(notification)
      .where(
        and(eq(notification.referralId, next?.id as string), eq(notification.organisationId, s.partner.id)),
      );
    expect(arrived?.message).toBe(`Referral ${next?.reference} was received`);
    const audit = await database.db
      .select({ detail: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'referral.split'), eq(auditEvent.recordId, id)));
    expect(audit).toEqual([{ detail: { outcome: 'passed_on', members: 1, passedToId: next?.id } }]);

    // The receiver accepts the rest: support for the mother only.
    const accepted = await s.asOutsider.post(`/practice/referrals/${id}/accept`, { version: '3' });
    expect(accepted.statusCode, accepted.body.slice(0, 1500)).toBe(303);
    const support = await database.db
      .select({ personId: memberSupport.personId })
      .from(memberSupport)
      .where(and(eq(memberSupport.familyId, s.family.id), eq(memberSupport.organisationId, s.outsider.id)));
    expect(support.map((r) => r.personId)).toEqual([s.agnes.id]);

    // The new service sees the history up to the split, not what happened to the mother afterwards.
    const passedPage = await s.asPartner.get(`/practice/referrals/${next?.id}`);
    expect(passedPage.statusCode).toBe(200);
    expect(passedPage.body).toContain('Draft to New');
    expect(passedPage.body).toContain('Decided for some members');
    expect(passedPage.body).not.toContain('New to Accepted');
    expect(passedPage.body).toContain(`Passed on from ${reference}`);

    // The referrer sees both outcomes: the list, and the referral's page.
    const made = await s.asHome.get('/practice/referrals/made');
    expect(made.body).toContain('1 member passed on');
    expect(made.body).toContain(`Passed on from ${reference}`);
    const referrerPage = await s.asHome.get(`/practice/referrals/${id}`);
    expect(referrerPage.body).toContain('Members decided apart from the rest');
    expect(referrerPage.body).toContain(`Passed on to ${s.other.name}`);
    expect(referrerPage.body).toContain(`href="/practice/referrals/${next?.id}"`);
    expect(referrerPage.body).toContain('The circle meets on Thursdays.');
  });

  it('declines for some members with a reason and a suggestion, and the referrer is told', async () => {
    const s = await referralScenario(database, app);
    const { id } = await s.send({ memberIds: [s.agnes.id, s.callum.id] });
    await s.asOutsider.get(`/practice/referrals/${id}/split`);
    const noService = await s.asOutsider.post(`/practice/referrals/${id}/split`, {
      version: '2',
      personIds: [s.agnes.id],
      outcome: 'passed_on',
      reason: 'Agnes is over our age range',
    });
    expect(noService.statusCode).toBe(400);
    expect(noService.body).toContain('href="#serviceId">Select the service to pass them on to');
    const notAService = await s.asOutsider.post(`/practice/referrals/${id}/split`, {
      version: '2',
      personIds: [s.agnes.id],
      outcome: 'passed_on',
      serviceId: 'not-a-service',
      reason: 'Agnes is over our age range',
    });
    expect(notAService.statusCode).toBe(400);
    const declined = await s.asOutsider.post(`/practice/referrals/${id}/split`, {
      version: '2',
      personIds: [s.agnes.id],
      outcome: 'declined',
      reason: 'Agnes is over our age range',
      suggestion: 'The family support circle takes adults.',
    });
    expect(declined.statusCode, declined.body.slice(0, 1500)).toBe(303);
    expect(await membersOf(id)).toEqual([s.callum.id]);
    const [outcome] = await database.db
      .select()
      .from(referralMemberOutcome)
      .where(eq(referralMemberOutcome.referralId, id));
    expect(outcome).toMatchObject({
      personId: s.agnes.id,
      outcome: 'declined',
      passedToId: null,
      suggestion: 'The family support circle takes adults.',
    });
    expect(await database.db.select().from(referral).where(eq(referral.redirectedFromId, id))).toEqual([]);
    const [notice] = await database.db
      .select()
      .from(notification)
      .where(and(eq(notification.referralId, id), eq(notification.kind, 'referral.split')));
    expect(notice?.message).toMatch(/^Referral R-\d{6} was declined for some members$/);
    const made = await s.asHome.get('/practice/referrals/made');
    expect(made.body).toContain('Declined for 1 member');
  });

  it('a split and another decision at once: one wins, the other is told what happened and keeps what they wrote', async () => {
    const s = await referralScenario(database, app);
    const receiver = accessOf(s.outsiderWorker, s.area.id);
    const receiver2 = accessOf(s.outsiderWorker2, s.area.id);
    // At the same moment, through the services.
    const { id: raced } = await s.send({ memberIds: [s.agnes.id, s.callum.id] });
    const [split, accept] = await Promise.all([
      splitReferral(
        database.db,
        receiver,
        raced,
        {
          version: 2,
          personIds: [s.callum.id],
          outcome: 'declined',
          serviceId: null,
          reason: 'Too young for us',
          suggestion: null,
        },
        testMail,
      ),
      applyMove(
        database.db,
        receiver2,
        raced,
        'accepted',
        'receiver',
        {
          version: 2,
          reason: null,
          suggestion: null,
          serviceId: null,
          firstSupportOn: null,
          note: null,
        },
        testMail,
      ),
    ]);
    const kinds = [split.kind, accept.kind].sort();
    expect(kinds).toEqual(split.kind === 'split' ? ['conflict', 'split'] : ['conflict', 'moved']);
    const row = await s.referralRow(raced);
    expect(row?.version).toBe(3);
    const outcomes = await database.db
      .select()
      .from(referralMemberOutcome)
      .where(eq(referralMemberOutcome.referralId, raced));
    expect(outcomes).toHaveLength(split.kind === 'split' ? 1 : 0);
    expect(row?.status).toBe(split.kind === 'split' ? 'new' : 'accepted');

    // Through the pages: another worker accepts first; the split is not made and its words are kept.
    const { id } = await s.send({ memberIds: [s.agnes.id, s.callum.id] });
    await s.asOutsider.get(`/practice/referrals/${id}/split`);
    await s.asOutsider2.get(`/practice/referrals/${id}/accept`);
    expect((await s.asOutsider2.post(`/practice/referrals/${id}/accept`, { version: '2' })).statusCode).toBe(
      303,
    );
    const late = await s.asOutsider.post(`/practice/referrals/${id}/split`, {
      version: '2',
      personIds: [s.callum.id],
      outcome: 'declined',
      reason: 'Callum is too young for our groups',
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain(
      `Someone else changed this referral: it is now Accepted by ${s.outsiderWorker2.displayName}, ${s.outsider.name}`,
    );
    expect(late.body).toContain('Callum is too young for our groups');
    expect(await membersOf(id)).toEqual([s.agnes.id, s.callum.id].sort());

    // And the other way round: a split first, then an accept from the page opened before it.
    const { id: second } = await s.send({ memberIds: [s.agnes.id, s.callum.id] });
    await s.asOutsider2.get(`/practice/referrals/${second}/accept`);
    await s.asOutsider.get(`/practice/referrals/${second}/split`);
    const first = await s.asOutsider.post(`/practice/referrals/${second}/split`, {
      version: '2',
      personIds: [s.callum.id],
      outcome: 'declined',
      reason: 'Callum is too young for our groups',
    });
    expect(first.statusCode).toBe(303);
    const stale = await s.asOutsider2.post(`/practice/referrals/${second}/accept`, {
      version: '2',
      note: 'Seen on Monday',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain(
      `Someone else changed this referral: it is now New by ${s.outsiderWorker.displayName}, ${s.outsider.name}`,
    );
    expect(stale.body).toContain('Seen on Monday');
    expect(await s.referralRow(second)).toMatchObject({ status: 'new', version: 3 });

    // The referrer cannot split, and nobody else can even see the page.
    expect((await s.asHome.get(`/practice/referrals/${second}/split`)).statusCode).toBe(303);
    expect((await s.asPartner.get(`/practice/referrals/${second}/split`)).statusCode).toBe(404);
  });
});
