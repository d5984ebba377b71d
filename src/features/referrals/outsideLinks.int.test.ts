import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, familyTeamMember, notification, referralEvent, referralLink } from '../../db/schema.ts';
import { createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { dateFields } from '../programmes/programmeTesting.ts';
import { goneWords, outsideScenario } from './outsideTesting.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('referrals to a service outside Hearth', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let s: Awaited<ReturnType<typeof outsideScenario>>;
  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    s = await outsideScenario(database, app);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const linkAudits = (linkId: string) =>
    database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.actorLinkId, linkId))
      .orderBy(asc(auditEvent.id));

  it('emails the service a notice with no personal data and a 14-day link whose secret is not stored', async () => {
    const form = await s.asHome.get(s.formUrl(s.outside.id));
    expect(form.body).toContain(`${s.outside.name} is not on Hearth`);
    const id = await s.sendOutside();
    const row = await s.referralRow(id);
    const [link, ...others] = await s.linksOf(id);
    expect(others).toEqual([]);
    const [email, ...more] = await s.emailsTo(s.referralEmail);
    expect(more).toEqual([]);
    const token = await s.latestToken();
    expect(token).toHaveLength(43);
    // Only the hash is kept; no column holds the secret.
    expect(link?.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(link)).not.toContain(token);
    expect(link).toMatchObject({
      purpose: 'decide',
      sentTo: s.referralEmail,
      emailId: email?.id,
      usedAt: null,
    });
    const days = ((link?.expiresAt.getTime() ?? 0) - (link?.createdAt.getTime() ?? 0)) / 86_400_000;
    expect(days).toBe(14);
    // The notice: the reference, who referred and how urgent; no names, no reasons.
    expect(email?.subject).toBe(`Referral ${row?.reference} from ${s.home.name}`);
    expect(email?.body).toContain(`urgency: soon`);
    expect(email?.body).toContain(`http://localhost:3000/referral-link/${token}`);
    const everything = `${email?.subject}\n${email?.body}`;
    for (const secret of ['Callum', 'Agnes', 'Testfamily', 'looks after', 'talk to'])
      expect(everything).not.toContain(secret);
    // The referrer sees the service is outside Hearth, and where the notice stands.
    const page = await s.asHome.get(`/practice/referrals/${id}`);
    expect(page.body).toContain('Not on Hearth');
    expect(page.body).toContain(`emailed to ${s.referralEmail}`);
    expect(page.body).toContain('Waiting in the email outbox');
    expect(page.body).toContain('Not yet');
    expect(page.body).toContain('Send a new link');
    // A service outside Hearth with no referral address cannot be sent one at all.
    const refused = await s.asHome.get(s.formUrl(s.noEmail.id));
    expect(refused.statusCode).toBe(410);
    expect(refused.body).toContain('has no referral email address in the directory');
  });

  it('opens the referral without signing in, showing the members, needs and consent; audits every view', async () => {
    const id = await s.sendOutside();
    const token = await s.latestToken();
    const [link] = await s.linksOf(id);
    const visitor = new TestBrowser(app);
    const page = await visitor.get(`/referral-link/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain(s.callum.givenName);
    expect(page.body).toContain('Callum looks after his mum most evenings.');
    expect(page.body).toContain('Someone to talk to, and time with other young carers.');
    expect(page.body).toMatch(/agreed to this referral being shared with/);
    expect(page.body).toContain(s.homeWorker.email);
    expect(page.body).not.toContain('Sign out');
    // Reading does not use the link up.
    expect((await visitor.get(`/referral-link/${token}`)).statusCode).toBe(200);
    const audits = await linkAudits(link?.id as string);
    expect(audits.map((a) => [a.action, a.outcome, a.recordId])).toEqual([
      ['referral_link.view', 'success', id],
      ['referral_link.view', 'success', id],
    ]);
    expect(audits.every((a) => a.actorUserId === null && a.organisationId === s.elsewhere.id)).toBe(true);
    expect(JSON.stringify(audits.map((a) => a.detail))).not.toContain(s.callum.givenName);
    const [seen] = await s.linksOf(id);
    expect(seen?.firstViewedAt).toBeInstanceOf(Date);
    // Someone signed in to Hearth gets the same plain page, without their own header.
    const signedIn = await s.asOutsider.get(`/referral-link/${token}`);
    expect(signedIn.body).not.toContain('Sign out');
    expect((await s.asHome.get(`/practice/referrals/${id}`)).body).not.toContain('Not yet');
  });

  it('declining needs a reason, then uses the link up through the kernel; the referrer is told; the used link shows the plain page', async () => {
    const id = await s.sendOutside();
    const token = await s.latestToken();
    const [link] = await s.linksOf(id);
    const visitor = new TestBrowser(app);
    const form = await visitor.get(`/referral-link/${token}/decline`);
    expect(form.statusCode).toBe(200);
    expect(visitor.hasCookie('hearth_csrf')).toBe(true);
    expect(visitor.hasCookie('hearth_session')).toBe(false);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] as string;
    const empty = await visitor.post(`/referral-link/${token}/decline`, { version, reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('There is a problem');
    expect(empty.body).toContain('href="#reason"');
    expect((await s.referralRow(id))?.status).toBe('new');
    const done = await visitor.post(`/referral-link/${token}/decline`, {
      version,
      reason: 'Our counsellors see adults only.',
      suggestion: 'Glenmuir Young Carers',
    });
    expect(done.statusCode, done.body.slice(0, 1000)).toBe(200);
    expect(done.body).toContain('declined');
    const row = await s.referralRow(id);
    expect(row).toMatchObject({
      status: 'declined',
      declineReason: 'Our counsellors see adults only.',
      suggestion: 'Glenmuir Young Carers',
      decidedBy: null,
    });
    const events = await database.db.select().from(referralEvent).where(eq(referralEvent.referralId, id));
    expect(events.at(-1)).toMatchObject({ toStatus: 'declined', actorLinkId: link?.id, actorUserId: null });
    const [used] = await s.linksOf(id);
    expect(used).toMatchObject({ usedFor: 'declined' });
    expect(used?.usedAt).toBeInstanceOf(Date);
    // The referrer hears in the app and by email (reference and status only).
    const notices = await database.db.select().from(notification).where(eq(notification.referralId, id));
    expect(notices.map((n) => n.kind)).toContain('referral.declined');
    const [update] = await s.emailsTo(s.homeWorker.email);
    expect(update?.subject).toBe(`Referral ${row?.reference}: Declined`);
    expect(update?.body).not.toContain('adults only');
    // Now the link shows the page that gives nothing away, as a wrong token does.
    const again = await visitor.get(`/referral-link/${token}`);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain(goneWords);
    expect(again.body).not.toContain(row?.reference as string);
    const post = await visitor.post(`/referral-link/${token}/accept`, { version: String(row?.version) });
    expect(post.statusCode).toBe(410);
    const audits = await linkAudits(link?.id as string);
    expect(audits.map((a) => `${a.action}:${a.outcome}`)).toEqual([
      'referral_link.view:success',
      'referral_link.answer:failure',
      'referral.declined:success',
      'referral_link.view:denied',
      'referral_link.answer:denied',
    ]);
    expect(audits.at(-1)?.detail).toEqual({ state: 'used' });
    // The referral's page says who declined it.
    const page = await s.asHome.get(`/practice/referrals/${id}`);
    expect(page.body).toContain('The service, through its secure link');
    expect(page.body).toContain('Used: Declined');
  });

  it('accepting sends a fresh 6-week link for saying when support started, which records the first support', async () => {
    const id = await s.sendOutside();
    const first = await s.latestToken();
    const visitor = new TestBrowser(app);
    const form = await visitor.get(`/referral-link/${first}/accept`);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] as string;
    const done = await visitor.post(`/referral-link/${first}/accept`, {
      version,
      note: 'We will phone next week.',
    });
    expect(done.statusCode, done.body.slice(0, 800)).toBe(200);
    expect(done.body).toContain(`emailed a new link to ${s.referralEmail}`);
    expect((await s.referralRow(id))?.status).toBe('accepted');
    // Accepting through a link does not put the organisation on the family's team.
    const team = await database.db
      .select()
      .from(familyTeamMember)
      .where(
        and(eq(familyTeamMember.familyId, s.family.id), eq(familyTeamMember.organisationId, s.elsewhere.id)),
      );
    expect(team).toEqual([]);
    const [followUp, used] = await s.linksOf(id);
    expect(used?.usedFor).toBe('accepted');
    expect(followUp).toMatchObject({ purpose: 'started', usedAt: null, revokedAt: null });
    const days = ((followUp?.expiresAt.getTime() ?? 0) - (followUp?.createdAt.getTime() ?? 0)) / 86_400_000;
    expect(days).toBe(42);
    const [notice] = await s.emailsTo(s.referralEmail);
    expect(notice?.subject).toMatch(/: tell us when support starts$/);
    const second = await s.latestToken();
    expect(second).not.toBe(first);
    // The new link cannot decide again; it can say when support started.
    expect((await visitor.get(`/referral-link/${second}/decline`)).statusCode).toBe(303);
    const started = await visitor.get(`/referral-link/${second}/started`);
    expect(started.body).toContain('When was the first support contact?');
    const v = /name="version" value="(\d+)"/.exec(started.body)?.[1] as string;
    const today = new Date().toISOString().slice(0, 10);
    const saved = await visitor.post(`/referral-link/${second}/started`, {
      version: v,
      ...dateFields('firstSupportOn', today),
    });
    expect(saved.statusCode, saved.body.slice(0, 800)).toBe(200);
    expect(await s.referralRow(id)).toMatchObject({ status: 'started', firstSupportOn: today });
    expect((await s.linksOf(id)).every((l) => l.usedAt !== null)).toBe(true);
  });

  it('refuses an expired link, and a wrong token with a 404 audited without an actor; too many wrong tokens get a 429', async () => {
    const id = await s.sendOutside();
    const token = await s.latestToken();
    const [link] = await s.linksOf(id);
    await database.db
      .update(referralLink)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(referralLink.id, link?.id as string));
    const visitor = new TestBrowser(app, '10.20.30.40');
    const expired = await visitor.get(`/referral-link/${token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain(goneWords);
    const [denied] = await linkAudits(link?.id as string);
    expect(denied).toMatchObject({
      action: 'referral_link.view',
      outcome: 'denied',
      detail: { state: 'expired' },
    });
    expect((await s.referralRow(id))?.status).toBe('new');

    const before = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'referral_link.unknown'), eq(auditEvent.ip, '10.20.30.40')));
    const guesser = new TestBrowser(app, '10.20.30.40');
    const wrong = await guesser.get(`/referral-link/${randomBytes(32).toString('base64url')}`);
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain(goneWords);
    expect(wrong.body.replace(/\s+/g, ' ')).toBe(expired.body.replace(/\s+/g, ' '));
    const after = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'referral_link.unknown'), eq(auditEvent.ip, '10.20.30.40')));
    expect(after.length).toBe((before[0]?.n ?? 0) + 1);
    expect(after.at(-1)).toMatchObject({
      outcome: 'denied',
      actorUserId: null,
      actorLinkId: null,
      recordId: null,
    });
    for (let i = 0; i < 9; i++) await guesser.get(`/referral-link/${i}-not-a-token`);
    // Blocked now, even with a good token, until the window ends.
    const fresh = await s.sendOutside();
    const good = await s.latestToken();
    const blocked = await guesser.get(`/referral-link/${good}`);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect((await new TestBrowser(app, '10.20.30.41').get(`/referral-link/${good}`)).statusCode).toBe(200);
    expect(fresh).toBeTruthy();
  });

  it('two answers at once: one wins, the other is refused and audited', async () => {
    const id = await s.sendOutside();
    const token = await s.latestToken();
    const [link] = await s.linksOf(id);
    const one = new TestBrowser(app);
    const two = new TestBrowser(app);
    const form = await one.get(`/referral-link/${token}/accept`);
    await two.get(`/referral-link/${token}/decline`);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] as string;
    const [a, b] = await Promise.all([
      one.post(`/referral-link/${token}/accept`, { version }),
      two.post(`/referral-link/${token}/decline`, { version, reason: 'Full this month.' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 410]);
    const row = await s.referralRow(id);
    expect(['accepted', 'declined']).toContain(row?.status);
    const events = await database.db
      .select()
      .from(referralEvent)
      .where(and(eq(referralEvent.referralId, id), eq(referralEvent.actorLinkId, link?.id as string)));
    expect(events).toHaveLength(1);
    const audits = await linkAudits(link?.id as string);
    expect(audits.filter((x) => x.outcome === 'denied').length).toBe(1);
  });

  it('an answer on a referral changed since it was opened is refused and writes nothing; the link still works', async () => {
    const id = await s.sendOutside();
    const token = await s.latestToken();
    const [link] = await s.linksOf(id);
    const visitor = new TestBrowser(app);
    const form = await visitor.get(`/referral-link/${token}/accept`);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] as string;
    await database.db.execute(sql`update referral set version = version + 1 where id = ${id}`);
    const stale = await visitor.post(`/referral-link/${token}/accept`, { version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('This referral has changed since you opened it');
    expect(await s.referralRow(id)).toMatchObject({ status: 'new' });
    const [still] = await s.linksOf(id);
    expect(still?.usedAt).toBeNull();
    expect((await linkAudits(link?.id as string)).at(-1)).toMatchObject({
      action: 'referral.accepted',
      outcome: 'denied',
      detail: { linkId: link?.id, why: 'conflict' },
    });
    expect(
      (await visitor.post(`/referral-link/${token}/accept`, { version: String(Number(version) + 1) }))
        .statusCode,
    ).toBe(200);
  });

  it('two sends of a new link at once both succeed, one after the other: one link is left open', async () => {
    const id = await s.sendOutside();
    const responses = await Promise.all([
      s.asHome.post(`/practice/referrals/${id}/link`, {}),
      s.asHome.post(`/practice/referrals/${id}/link`, {}),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([303, 303]);
    const links = await s.linksOf(id);
    expect(links).toHaveLength(3);
    expect(links.filter((l) => l.revokedAt === null)).toHaveLength(1);
  });

  it('the referrer sends a new link, which revokes the old; withdrawing revokes it too; nobody else may', async () => {
    const id = await s.sendOutside();
    const old = await s.latestToken();
    const page = await s.asHome.get(`/practice/referrals/${id}`);
    expect(page.statusCode).toBe(200);
    const resent = await s.asHome.post(`/practice/referrals/${id}/link`, {});
    expect(resent.statusCode).toBe(303);
    expect(resent.headers.location).toBe(`/practice/referrals/${id}?linkSent=1`);
    const fresh = await s.latestToken();
    expect(fresh).not.toBe(old);
    const [now, before] = await s.linksOf(id);
    expect(before?.revokedAt).toBeInstanceOf(Date);
    expect(before?.revokedBy).toBe(s.homeWorker.id);
    expect(now?.revokedAt).toBeNull();
    expect((await new TestBrowser(app).get(`/referral-link/${old}`)).statusCode).toBe(410);
    expect((await new TestBrowser(app).get(`/referral-link/${fresh}`)).statusCode).toBe(200);
    // Nobody else may send one: not another organisation's worker, not a worker on the family's team.
    const stranger = await s.signIn((await createUser(database.db, s.partner.id, ['practitioner'])).email);
    await stranger.get('/practice/referrals');
    expect((await stranger.post(`/practice/referrals/${id}/link`, {})).statusCode).toBe(404);
    const refusals = await database.db
      .select()
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.action, 'referral_link.resend'),
          eq(auditEvent.outcome, 'denied'),
          eq(auditEvent.recordId, id),
        ),
      );
    expect(refusals).toHaveLength(1);
    expect(await s.linksOf(id)).toHaveLength(2);
    // Withdrawn: the link stops working and the service is told, with no personal data.
    await s.asHome.get(`/practice/referrals/${id}/withdraw`);
    const row = await s.referralRow(id);
    const withdrawn = await s.asHome.post(`/practice/referrals/${id}/withdraw`, {
      version: String(row?.version),
    });
    expect(withdrawn.statusCode).toBe(303);
    const open = await database.db
      .select()
      .from(referralLink)
      .where(
        and(eq(referralLink.referralId, id), isNull(referralLink.revokedAt), isNull(referralLink.usedAt)),
      );
    expect(open).toEqual([]);
    const [word] = await s.emailsTo(s.referralEmail);
    expect(word?.subject).toBe(`Referral ${row?.reference} was withdrawn`);
    expect(word?.body).not.toContain(s.callum.givenName);
    expect((await new TestBrowser(app).get(`/referral-link/${fresh}`)).statusCode).toBe(410);
  });
});
