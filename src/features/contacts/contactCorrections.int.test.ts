import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  auditEvent,
  chronologyEntry,
  contact,
  memberSupport,
  programme,
  programmeEnrolment,
  recordChange,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { tokenFor } from '../consent/consentTeamTesting.ts';
import { planScenario } from '../plan/planTesting.ts';
import { EnrolmentRepository } from '../programmes/enrolmentRepository.ts';
import { contactFields, recordContact } from './contactTesting.ts';
import { ukDateAndTime } from './contactTime.ts';

describe('correcting a contact, and marking one as recorded in error', () => {
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

  it('keeps it, hides it from the list, and takes it out of last contact and programme progress', async () => {
    const s = await planScenario(database, app);
    const [craft] = await database.db.select().from(programme).where(eq(programme.code, 'craft'));
    const [enrolment] = await database.db
      .insert(programmeEnrolment)
      .values({
        programmeId: craft?.id as string,
        familyId: s.family.id,
        personId: s.agnes.id,
        organisationId: s.home.id,
        workerId: s.homeWorker.id,
        enrolledOn: '2026-09-01',
      })
      .returning();
    const at = new Date(Date.now() - 2 * 86_400_000);
    expect(
      (
        await recordContact(
          s.asHome,
          s.family.id,
          contactFields(
            [s.agnes.id],
            { enrolmentId: enrolment?.id as string, notes: 'Talked about CRAFT', significant: 'yes' },
            at,
          ),
        )
      ).statusCode,
    ).toBe(303);
    const [row] = await database.db.select().from(contact).where(eq(contact.familyId, s.family.id));
    if (!row) throw new Error('no contact');
    const lastContact = async () =>
      (
        await database.db
          .select({ on: memberSupport.lastContactOn })
          .from(memberSupport)
          .where(
            and(
              eq(memberSupport.familyId, s.family.id),
              eq(memberSupport.personId, s.agnes.id),
              eq(memberSupport.organisationId, s.home.id),
            ),
          )
      )[0]?.on;
    const access: AccessContext = {
      userId: s.homeWorker.id,
      tokenId: undefined,
      organisationId: s.home.id,
      partnershipAreaId: s.area.id,
      roles: ['practitioner'],
      ip: '127.0.0.1',
      requestId: 'test',
    };
    const sessions = async () =>
      (await new EnrolmentRepository(database.db, access).forFamily(s.family.id, { audit: false }))?.find(
        (e) => e.id === enrolment?.id,
      )?.contactSessions;
    expect(await lastContact()).toBe(ukDateAndTime(at).date);
    expect(await sessions()).toBe(1);

    const base = `/practice/families/${s.family.id}/contacts`;
    const url = `${base}/${row.id}`;
    expect((await s.asHome.get(base)).body).toContain(`href="${url}"`);
    const page = await s.asHome.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Talked about CRAFT');
    expect(page.body).toContain(`href="${url}/in-error"`);

    // Another organisation on the team may see the contact but not mark it; one off the team sees nothing.
    expect((await s.asPartner.get(`${url}/in-error`)).statusCode).toBe(404);
    expect(
      (await s.asPartner.post(`${url}/in-error`, { _version: '1', _base: '{}', reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await s.asOutsider.get(url)).statusCode).toBe(404);
    expect((await s.asOutsider.get(`${url}/in-error`)).statusCode).toBe(404);

    const form = await s.asHome.get(`${url}/in-error`);
    expect(form.statusCode).toBe(200);
    const empty = await s.asHome.post(`${url}/in-error`, { _version: '1', _base: '{}', reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter why this contact was recorded in error');
    expect(
      (await s.asHome.post(`${url}/in-error`, { _version: '1', _base: '{}', reason: 'x'.repeat(501) }))
        .statusCode,
    ).toBe(400);
    const stale = await s.asHome.post(`${url}/in-error`, {
      _version: '7',
      _base: '{}',
      reason: 'Wrong family',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone changed this contact after you opened this page');
    const [untouched] = await database.db.select().from(contact).where(eq(contact.id, row.id));
    expect(untouched?.inErrorAt).toBeNull();

    const done = await s.asHome.post(`${url}/in-error`, {
      _version: '1',
      _base: '{}',
      reason: 'Recorded on the wrong family',
    });
    expect(done.statusCode).toBe(303);
    const [kept] = await database.db.select().from(contact).where(eq(contact.id, row.id));
    expect(kept?.inErrorReason).toBe('Recorded on the wrong family');
    expect(kept?.inErrorBy).toBe(s.homeWorker.id);
    expect(kept?.version).toBe(2);
    expect(await lastContact()).toBeNull();
    expect(await sessions()).toBe(0);

    const list = await s.asHome.get(base);
    expect(list.body).not.toContain(`href="${url}"`);
    expect(list.body).toContain('Show 1 contact recorded in error');
    expect((await s.asHome.get(`${base}?show=in-error`)).body).toContain(`href="${url}"`);
    const marked = await s.asHome.get(url);
    expect(marked.body).toContain('Recorded in error: Recorded on the wrong family');
    expect(marked.body).not.toContain(`href="${url}/in-error"`);
    expect((await s.asHome.get(`${url}/in-error`)).statusCode).toBe(404);
    expect((await s.asHome.get(`/practice/families/${s.family.id}`)).body).toContain('none attended yet');
    const api = await app.inject({
      url: `/api/v1/families/${s.family.id}/contacts`,
      headers: await tokenFor(database, s.home),
    });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ contacts: [], lastContactAt: null });
    // It had a chronology entry: that stays, with a note that the contact was recorded in error.
    const entries = await database.db
      .select({ what: chronologyEntry.what })
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(entries.map((e) => e.what)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^One-to-one contact/),
        expect.stringMatching(/was marked as recorded in error\. It is kept in the record\.$/),
      ]),
    );

    const history = await database.db.select().from(recordChange).where(eq(recordChange.recordId, row.id));
    expect(history.map((h) => h.action).sort()).toEqual(['created', 'ended']);
    const audits = await database.db
      .select({ action: auditEvent.action, outcome: auditEvent.outcome })
      .from(auditEvent)
      .where(and(eq(auditEvent.familyId, s.family.id), eq(auditEvent.recordId, row.id)));
    expect(audits).toEqual(
      expect.arrayContaining([
        { action: 'contact.in_error', outcome: 'success' },
        { action: 'contact.in_error', outcome: 'denied' },
      ]),
    );
  });

  it('corrects a contact with history and audit, keeps last contact right, and refuses a stale version or bad input', async () => {
    const s = await planScenario(database, app);
    const at = new Date(Date.now() - 3 * 86_400_000);
    await recordContact(s.asHome, s.family.id, contactFields([s.agnes.id], { notes: 'First notes' }, at));
    const [row] = await database.db.select().from(contact).where(eq(contact.familyId, s.family.id));
    if (!row) throw new Error('no contact');
    const url = `/practice/families/${s.family.id}/contacts/${row.id}`;
    const lastContacts = async () =>
      Object.fromEntries(
        (
          await database.db
            .select()
            .from(memberSupport)
            .where(and(eq(memberSupport.familyId, s.family.id), eq(memberSupport.organisationId, s.home.id)))
        ).map((m) => [m.personId, m.lastContactOn]),
      );
    expect((await lastContacts())[s.agnes.id]).toBe(ukDateAndTime(at).date);

    expect((await s.asOutsider.get(`${url}/edit`)).statusCode).toBe(404);
    expect((await s.asPartner.get(`${url}/edit`)).statusCode).toBe(404);
    expect(
      (
        await s.asPartner.post(`${url}/edit`, {
          ...contactFields([s.agnes.id], {}, at),
          _version: '1',
          _base: '{}',
        })
      ).statusCode,
    ).toBe(404);

    const form = await s.asHome.get(`${url}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Correct the record of a contact');
    expect(form.body).toContain('First notes');
    const base = (/name="_base" value="([^"]*)"/.exec(form.body)?.[1] ?? '').replaceAll('&quot;', '"');

    // Bad input: the same rules as recording, nothing saved.
    const bad = await s.asHome.post(`${url}/edit`, {
      ...contactFields([], { durationMinutes: '9999' }, at),
      _version: '1',
      _base: base,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Select who the contact was with');
    expect(bad.body).toContain('The length must be a whole number of minutes');

    // Now with Callum, and not attended: Agnes no longer has a last contact, Callum neither.
    const saved = await s.asHome.post(`${url}/edit`, {
      ...contactFields(
        [s.callum.id],
        { outcome: 'did_not_attend', notes: 'Corrected notes', significant: 'yes' },
        at,
      ),
      _version: '1',
      _base: base,
    });
    expect(saved.statusCode).toBe(303);
    const [after] = await database.db.select().from(contact).where(eq(contact.id, row.id));
    expect(after).toMatchObject({
      version: 2,
      outcome: 'did_not_attend',
      notes: 'Corrected notes',
      significant: true,
    });
    // Turned significant: the chronology entry is written now.
    const [entry] = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.id, after?.chronologyEntryId as string));
    expect(entry?.what).toBe('One-to-one contact (in person): did not attend.');
    expect(await lastContacts()).toEqual({ [s.agnes.id]: null, [s.callum.id]: null });
    expect(saved.headers.location).toBe(`${url}?saved=corrected`);
    const page = await s.asHome.get(`${url}?saved=corrected`);
    expect(page.body).toContain('Correction saved');
    expect(page.body).toContain('What happened: Attended → Did not attend');
    expect(page.body).toContain('Notes changed');

    // A stale version: the conflict page, the typed values kept, nothing saved.
    const stale = await s.asHome.post(`${url}/edit`, {
      ...contactFields([s.callum.id], { channel: 'phone' }, at),
      _version: '1',
      _base: base,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone else saved this while you were editing');
    const [still] = await database.db.select().from(contact).where(eq(contact.id, row.id));
    expect(still?.channel).toBe('in_person');

    const history = await database.db.select().from(recordChange).where(eq(recordChange.recordId, row.id));
    const amended = history.find((h) => h.action === 'amended');
    expect(amended?.changes).toMatchObject({
      outcome: { from: 'attended', to: 'did_not_attend' },
      notes: { from: null, to: 'changed' },
    });
    expect(JSON.stringify(amended?.changes)).not.toContain('Corrected notes');
    const audits = await database.db
      .select({ action: auditEvent.action, outcome: auditEvent.outcome })
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, row.id), eq(auditEvent.action, 'contact.edit')));
    expect(audits).toEqual(
      expect.arrayContaining([
        { action: 'contact.edit', outcome: 'success' },
        { action: 'contact.edit', outcome: 'denied' },
      ]),
    );
  });
});
