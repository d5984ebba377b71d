import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  auditEvent,
  directoryService,
  familyTeamMember,
  memberSupport,
  notification,
  referral,
  referralEvent,
  referralMember,
} from '../../db/schema.ts';
import { createOrganisation, createUser } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { deleteOldDrafts } from './referralCreate.ts';
import { referralScenario } from './referralTesting.ts';

describe('making a referral', () => {
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

  it('chooses an active service, shows its route and warns outside its criteria, then sends once however often it is submitted', async () => {
    const s = await referralScenario(database, app);
    const overview = await s.asHome.get(`/practice/families/${s.family.id}`);
    expect(overview.body).toContain(`href="/practice/families/${s.family.id}/referrals/new"`);
    const choose = await s.asHome.get(
      `/practice/families/${s.family.id}/referrals/new?q=${encodeURIComponent(s.service.name)}`,
    );
    expect(choose.body).toContain(s.service.name);
    // Other tests' services may share the database, and a list shows the first 50: each search names its service.
    const byKind = await s.asHome.get(
      `/practice/families/${s.family.id}/referrals/new?kind=young_carers&q=${encodeURIComponent(s.service.name)}`,
    );
    expect(byKind.body).toContain(s.service.name);
    const inactive = await s.asHome.get(
      `/practice/families/${s.family.id}/referrals/new?q=${encodeURIComponent(s.inactive.name)}`,
    );
    expect(inactive.body).not.toContain(s.inactive.id);
    expect(byKind.body).toContain(s.service.id);

    const member = await s.asHome.get(`/practice/families/${s.family.id}/members/${s.agnes.id}`);
    expect(member.body).toContain(`/referrals/new?personId=${s.agnes.id}`);
    const form = await s.asHome.get(`${s.formUrl(s.service.id)}?personId=${s.agnes.id}`);
    expect(form.body).toMatch(new RegExp(`value="${s.agnes.id}" checked`));
    expect(form.body).toContain('Young people aged 12 to 25 caring for someone');
    expect(form.body).toContain('Adults over 25');
    // Agnes is an adult: a warning, not a refusal.
    expect(form.body).toMatch(/is for people aged 25 and under|may not be who/);

    const { id, key } = await s.send();
    const row = await s.referralRow(id);
    expect(row).toMatchObject({
      status: 'new',
      origin: 'practitioner',
      organisationId: s.outsider.id,
      referringOrganisationId: s.home.id,
      referredBy: s.homeWorker.id,
      urgency: 'soon',
      sharingBasis: 'consent',
      consentPersonId: s.agnes.id,
      consentMethod: 'verbal',
      consentOn: '2026-01-10',
    });
    expect(row?.reference).toMatch(/^R-\d{6}$/);
    expect(row?.sentAt).toBeInstanceOf(Date);
    // The same form sent again (a double click, a retry) gives the same referral.
    const again = await s.asHome.post(s.formUrl(s.service.id), {
      idempotencyKey: key,
      memberIds: [s.callum.id],
      reason: 'Callum looks after his mum most evenings.',
      urgency: 'soon',
      ...s.consentFields(s.agnes.id, '2026-01-10'),
      action: 'send',
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toContain(id);
    const made = await database.db.select().from(referral).where(eq(referral.idempotencyKey, key));
    expect(made).toHaveLength(1);
    const members = await database.db.select().from(referralMember).where(eq(referralMember.referralId, id));
    expect(members.map((m) => m.personId)).toEqual([s.callum.id]);
    const events = await database.db.select().from(referralEvent).where(eq(referralEvent.referralId, id));
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, 'draft'],
      ['draft', 'new'],
    ]);
    // The receiving organisation as a whole is told, with no personal data.
    const notices = await database.db.select().from(notification).where(eq(notification.referralId, id));
    expect(notices).toEqual([
      expect.objectContaining({
        organisationId: s.outsider.id,
        userId: null,
        message: `Referral ${row?.reference} was received`,
      }),
    ]);
    const audit = await database.db
      .select({ action: auditEvent.action, detail: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, id), eq(auditEvent.actorUserId, s.homeWorker.id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['referral.create', 'referral.new']));
    expect(JSON.stringify(audit)).not.toContain('Callum');

    const afterOverview = await s.asHome.get(`/practice/families/${s.family.id}`);
    expect(afterOverview.body).toContain(row?.reference);
  });

  it('refuses without consent unless a recorded protection concern is linked, with an error summary', async () => {
    const s = await referralScenario(database, app);
    const key = await s.openForm(s.asHome, s.service.id);
    const base = { idempotencyKey: key, memberIds: [s.callum.id], reason: 'Needs support', action: 'send' };
    const none = await s.asHome.post(s.formUrl(s.service.id), base);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('There is a problem');
    expect(none.body).toContain('href="#sharingBasis"');
    const noConcern = await s.asHome.post(s.formUrl(s.service.id), {
      ...base,
      sharingBasis: 'protection_concern',
    });
    expect(noConcern.statusCode).toBe(400);
    expect(noConcern.body).toContain('There is no open protection concern recorded for this family');
    const future = await s.asHome.post(s.formUrl(s.service.id), {
      ...base,
      ...s.consentFields(s.agnes.id, '2099-01-01'),
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('href="#consentOn-day"');
    expect(await database.db.select().from(referral).where(eq(referral.idempotencyKey, key))).toHaveLength(0);

    const concernId = await s.addConcern();
    const withConcern = await s.asHome.post(s.formUrl(s.service.id), {
      ...base,
      sharingBasis: 'protection_concern',
      concernId,
    });
    expect(withConcern.statusCode, withConcern.body.slice(0, 1500)).toBe(303);
    const [row] = await database.db.select().from(referral).where(eq(referral.idempotencyKey, key));
    expect(row).toMatchObject({ sharingBasis: 'protection_concern', concernId, consentPersonId: null });
  });

  it('refuses a service that is inactive or no longer in the directory, with a clear message', async () => {
    const s = await referralScenario(database, app);
    const inactive = await s.asHome.get(s.formUrl(s.inactive.id));
    expect(inactive.statusCode).toBe(410);
    expect(inactive.body).toContain('is not taking referrals at the moment');
    const gone = await s.asHome.get(s.formUrl('00000000-0000-4000-8000-000000000000'));
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('This service is no longer in the directory');
    // Made inactive while the form was open: nothing is sent.
    const key = await s.openForm(s.asHome, s.service.id);
    await database.db
      .update(directoryService)
      .set({ status: 'inactive' })
      .where(eq(directoryService.id, s.service.id));
    const late = await s.asHome.post(s.formUrl(s.service.id), {
      idempotencyKey: key,
      memberIds: [s.callum.id],
      reason: 'Needs support',
      ...s.consentFields(s.agnes.id, '2026-01-10'),
    });
    expect(late.statusCode).toBe(410);
    expect(await database.db.select().from(referral).where(eq(referral.idempotencyKey, key))).toHaveLength(0);
  });

  it('saves a draft, which housekeeping deletes after 30 days unsent', async () => {
    const s = await referralScenario(database, app);
    const { id } = await s.send({ action: 'draft' });
    expect(await s.referralRow(id)).toMatchObject({ status: 'draft', sentAt: null });
    // The receiving side does not see a draft.
    expect((await s.asOutsider.get(`/practice/referrals/${id}`)).statusCode).toBe(404);
    const page = await s.asHome.get(`/practice/referrals/${id}`);
    expect(page.body).toContain('Send the referral');
    await deleteOldDrafts(database.db);
    expect(await s.referralRow(id)).toBeDefined();
    await database.db
      .update(referral)
      .set({ createdAt: sql`now() - interval '31 days'` })
      .where(eq(referral.id, id));
    expect(await deleteOldDrafts(database.db)).toBeGreaterThanOrEqual(1);
    expect(await s.referralRow(id)).toBeUndefined();
  });

  it('refuses someone outside the family and the referral: not found, and audited as denied', async () => {
    const s = await referralScenario(database, app);
    const { id } = await s.send();
    const stranger = await createOrganisation(database.db, s.area.id);
    const strangerWorker = await createUser(database.db, stranger.id, ['practitioner']);
    const asStranger = await s.signIn(strangerWorker.email);
    expect((await asStranger.get(s.formUrl(s.service.id))).statusCode).toBe(404);
    expect((await asStranger.get(`/practice/referrals/${id}`)).statusCode).toBe(404);
    expect((await asStranger.get(`/practice/referrals/${id}/accept`)).statusCode).toBe(404);
    // The receiving organisation is not on the family's team: it cannot open the referral form for it.
    expect((await s.asOutsider.get(s.formUrl(s.service.id))).statusCode).toBe(404);
    const denied = await database.db
      .select({ action: auditEvent.action, recordId: auditEvent.recordId })
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, strangerWorker.id), eq(auditEvent.outcome, 'denied')));
    expect(denied).toEqual(
      expect.arrayContaining([
        { action: 'referral.form', recordId: s.family.id },
        { action: 'referral.read', recordId: id },
      ]),
    );
  });
});

describe('receiving a referral', () => {
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

  it('shows the inbox with counts and filters, and the referrer sees their referrals', async () => {
    const s = await referralScenario(database, app);
    const { id } = await s.send();
    const row = await s.referralRow(id);
    const inbox = await s.asOutsider.get('/practice/referrals');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain(row?.reference);
    expect(inbox.body).toContain('New (1)');
    expect(inbox.body).toContain(s.home.name);
    // The service filter offers only the services referrals were sent to: not the closed drop-in.
    expect(inbox.body).toContain(`<option value="${s.service.id}">${s.service.name}</option>`);
    expect(inbox.body).not.toContain(s.inactive.name);
    const urgent = await s.asOutsider.get('/practice/referrals?status=new&urgency=urgent');
    expect(urgent.body).not.toContain(row?.reference);
    expect(urgent.body).toContain('New (0)');
    const waiting = await s.asOutsider.get('/practice/referrals?status=waiting');
    expect(waiting.body).not.toContain(row?.reference);
    // Three weeks and a day later it is flagged.
    await database.db
      .update(referral)
      .set({ sentAt: sql`now() - interval '22 days'` })
      .where(eq(referral.id, id));
    expect((await s.asOutsider.get('/practice/referrals')).body).toContain('Over 3 weeks');
    const made = await s.asHome.get('/practice/referrals/made');
    expect(made.body).toContain(row?.reference);
    expect(made.body).toContain(s.outsider.name);
    // Another organisation's inbox does not hold it.
    expect((await s.asPartner.get('/practice/referrals')).body).not.toContain(row?.reference);
  });

  it('accepts: the receiving organisation joins the team and supports the referred members; the referrer is told', async () => {
    const s = await referralScenario(database, app);
    const { id } = await s.send();
    const page = await s.asOutsider.get(`/practice/referrals/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(s.callum.givenName);
    expect(page.body).toContain('Callum looks after his mum most evenings.');
    expect(page.body).toContain('Accept');
    const form = await s.asOutsider.get(`/practice/referrals/${id}/accept`);
    expect(form.statusCode).toBe(200);
    const accepted = await s.asOutsider.post(`/practice/referrals/${id}/accept`, { version: '2' });
    expect(accepted.statusCode, accepted.body.slice(0, 1500)).toBe(303);
    expect(await s.referralRow(id)).toMatchObject({
      status: 'accepted',
      receivingFamilyId: s.family.id,
      decidedBy: s.outsiderWorker.id,
    });
    const [spell] = await database.db
      .select()
      .from(familyTeamMember)
      .where(
        and(eq(familyTeamMember.familyId, s.family.id), eq(familyTeamMember.organisationId, s.outsider.id)),
      );
    expect(spell?.leftOn).toBeNull();
    const support = await database.db
      .select({ personId: memberSupport.personId })
      .from(memberSupport)
      .where(and(eq(memberSupport.familyId, s.family.id), eq(memberSupport.organisationId, s.outsider.id)));
    expect(support.map((r) => r.personId)).toEqual([s.callum.id]);
    // The receiving organisation now sees the family, with Callum.
    const overview = await s.asOutsider.get(`/practice/families/${s.family.id}`);
    expect(overview.statusCode).toBe(200);
    const notices = await database.db
      .select()
      .from(notification)
      .where(and(eq(notification.referralId, id), eq(notification.userId, s.homeWorker.id)));
    expect(notices.map((n) => n.message)).toEqual([expect.stringMatching(/^Referral R-\d{6} was accepted$/)]);
    // Support started, with the date of the first contact.
    await s.asOutsider.get(`/practice/referrals/${id}/started`);
    const started = await s.asOutsider.post(`/practice/referrals/${id}/started`, {
      version: '3',
      'firstSupportOn-day': '1',
      'firstSupportOn-month': '1',
      'firstSupportOn-year': '2020',
    });
    expect(started.statusCode).toBe(400);
    expect(started.body).toContain('on or after the day the referral was received');
    const today = new Date().toISOString().slice(0, 10);
    const [y, m, d] = today.split('-');
    const ok = await s.asOutsider.post(`/practice/referrals/${id}/started`, {
      version: '3',
      'firstSupportOn-day': String(Number(d)),
      'firstSupportOn-month': String(Number(m)),
      'firstSupportOn-year': y as string,
    });
    expect(ok.statusCode, ok.body.slice(0, 1500)).toBe(303);
    expect(await s.referralRow(id)).toMatchObject({ status: 'started', firstSupportOn: today });
  });

  it('two workers accept at once: one wins, the other is told what happened and keeps what they wrote', async () => {
    const s = await referralScenario(database, app);
    const { id } = await s.send();
    await s.asOutsider.get(`/practice/referrals/${id}/accept`);
    await s.asOutsider2.get(`/practice/referrals/${id}/decline`);
    const first = await s.asOutsider.post(`/practice/referrals/${id}/accept`, {
      version: '2',
      note: 'Seen first',
    });
    expect(first.statusCode).toBe(303);
    const second = await s.asOutsider2.post(`/practice/referrals/${id}/decline`, {
      version: '2',
      reason: 'We are full until spring',
      suggestion: 'Try the family support circle',
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain(
      `Someone else changed this referral: it is now Accepted by ${s.outsiderWorker.displayName}, ${s.outsider.name}`,
    );
    expect(second.body).toContain('We are full until spring');
    expect(await s.referralRow(id)).toMatchObject({ status: 'accepted', version: 3, declineReason: null });
    // The same move again with the version they saw is a conflict too.
    await s.asOutsider2.get(`/practice/referrals/${id}`);
    const stale = await s.asOutsider2.post(`/practice/referrals/${id}/accept`, { version: '2' });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses moves not open to a side, and declining without a reason', async () => {
    const s = await referralScenario(database, app);
    const { id } = await s.send();
    const notTheirs = await s.asHome.post(`/practice/referrals/${id}/accept`, { version: '2' });
    expect(notTheirs.statusCode).toBe(409);
    expect(notTheirs.body).toContain(
      'This referral is New: your organisation cannot make this change to it now',
    );
    expect((await s.asOutsider.post(`/practice/referrals/${id}/withdraw`, { version: '2' })).statusCode).toBe(
      409,
    );
    // A move the side cannot make is not offered: the page sends them back to the referral.
    expect((await s.asHome.get(`/practice/referrals/${id}/accept`)).statusCode).toBe(303);
    const noReason = await s.asOutsider.post(`/practice/referrals/${id}/decline`, {
      version: '2',
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason">Enter why you are declining the referral');
    expect(await s.referralRow(id)).toMatchObject({ status: 'new', version: 2 });
    const withdrawn = await s.asHome.post(`/practice/referrals/${id}/withdraw`, { version: '2' });
    expect(withdrawn.statusCode).toBe(303);
    expect(await s.referralRow(id)).toMatchObject({ status: 'withdrawn' });
    const notices = await database.db.select().from(notification).where(eq(notification.referralId, id));
    expect(notices.map((n) => n.message)).toContain(
      `Referral ${(await s.referralRow(id))?.reference} was withdrawn`,
    );
  });

  it('redirects: a new referral to the other service with the same members, basis and history', async () => {
    const s = await referralScenario(database, app);
    const { id } = await s.send();
    const form = await s.asOutsider.get(`/practice/referrals/${id}/redirect`);
    expect(form.body).toContain('Choose a service');
    // A search narrows the services offered; one that matches nothing offers none.
    const searched = await s.asOutsider.get(
      `/practice/referrals/${id}/redirect?q=${encodeURIComponent(s.other.name)}`,
    );
    expect(searched.body).toContain(`value="${s.other.id}"`);
    expect(searched.body.match(/<option value="[0-9a-f-]{36}"/g)).toHaveLength(1);
    const nothing = await s.asOutsider.get(`/practice/referrals/${id}/redirect?q=no-such-service-anywhere`);
    expect(nothing.body).not.toContain(`value="${s.other.id}"`);
    expect(nothing.body).toContain('No service found: search again');
    const moved = await s.asOutsider.post(`/practice/referrals/${id}/redirect`, {
      version: '2',
      reason: 'Callum is 9: our service starts at 12',
      serviceId: s.other.id,
    });
    expect(moved.statusCode, moved.body.slice(0, 1500)).toBe(303);
    const [next] = await database.db.select().from(referral).where(eq(referral.redirectedFromId, id));
    expect(next).toMatchObject({
      origin: 'redirect',
      status: 'new',
      serviceId: s.other.id,
      organisationId: s.partner.id,
      referringOrganisationId: s.home.id,
      sharingBasis: 'consent',
      consentPersonId: s.agnes.id,
    });
    expect(await s.referralRow(id)).toMatchObject({ status: 'redirected' });
    const members = await database.db
      .select()
      .from(referralMember)
      .where(eq(referralMember.referralId, next?.id as string));
    expect(members.map((m) => m.personId)).toEqual([s.callum.id]);
    const page = await s.asPartner.get(`/practice/referrals/${next?.id}`);
    expect(page.statusCode).toBe(200);
    // The history travels: the first referral's events show on the new one.
    expect(page.body).toContain('Draft to New');
    expect(page.body).toContain('Callum is 9: our service starts at 12');
    expect(page.body).toContain((await s.referralRow(id))?.reference);
    const referrerPage = await s.asHome.get(`/practice/referrals/${id}`);
    expect(referrerPage.body).toContain(next?.reference);
  });
});
