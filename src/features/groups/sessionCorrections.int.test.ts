import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, recordChange } from '../../db/schema.ts';
import { groupAttendance, groupSession, programme, programmeEnrolment } from '../../db/schemaSupport.ts';
import { createFamily } from '../../testing/fixtures.ts';
import type { TestBrowser } from '../../testing/testApp.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { accessOf } from '../consent/consentTeamTesting.ts';
import { addDays } from '../plan/planSchedule.ts';
import { EnrolmentRepository } from '../programmes/enrolmentRepository.ts';
import { dateFields, groupScenario } from './groupTesting.ts';

/** The hidden version fields of a form page. */
function tokenOf(body: string): { _version: string; _base: string } {
  const version = /name="_version" value="(\d+)"/.exec(body)?.[1] as string;
  const base = (/name="_base" value="([^"]*)"/.exec(body)?.[1] ?? '')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
  return { _version: version, _base: base };
}

describe('correcting group sessions and marking them recorded in error', () => {
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

  /** A group for at most 3 and a session yesterday with Agnes, Sandra and Bill: over capacity. */
  async function withSession() {
    const s = await groupScenario(database, app);
    const groupId = await s.addGroup(s.asHome);
    const url = `/practice/groups/${groupId}/sessions/new`;
    await s.asHome.get(url);
    const response = await s.asHome.post(url, {
      ...dateFields('heldOn', s.yesterday),
      topic: 'Looking after yourself',
      attendees: `${s.family.id}:${s.agnes.id}`,
      firstNames: 'Sandra\nBill\nJean',
    });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    const sessionId = /sessions\/([0-9a-f-]{36})/.exec(response.headers.location as string)?.[1] as string;
    const href = `/practice/groups/${groupId}/sessions/${sessionId}`;
    return { ...s, groupId, sessionId, href };
  }

  async function openEdit(browser: TestBrowser, href: string) {
    const page = await browser.get(`${href}/edit`);
    expect(page.statusCode).toBe(200);
    return tokenOf(page.body);
  }

  it('corrects the session and its register, keeping old and new values in its history and the members’ history', async () => {
    const s = await withSession();
    const [before] = await database.db.select().from(groupSession).where(eq(groupSession.id, s.sessionId));
    expect(before?.overCapacity).toBe(true);
    const token = await openEdit(s.asHome, s.href);
    const saved = await s.asHome.post(`${s.href}/edit`, {
      ...token,
      ...dateFields('heldOn', s.yesterday),
      startsAt: '19:00',
      topic: 'Setting boundaries',
      attendees: `${s.family.id}:${s.callum.id}`,
      firstNames: 'Sandra',
    });
    expect(saved.statusCode, saved.body.slice(0, 2000)).toBe(303);
    expect(saved.headers.location).toBe(`${s.href}?saved=corrected`);
    const [after] = await database.db.select().from(groupSession).where(eq(groupSession.id, s.sessionId));
    expect(after).toMatchObject({ topic: 'Setting boundaries', overCapacity: false, version: 2 });
    expect(after?.updatedBy).toBe(s.homeWorker.id);
    const register = await database.db
      .select()
      .from(groupAttendance)
      .where(eq(groupAttendance.sessionId, s.sessionId));
    expect(register.map((r) => r.personId ?? r.firstName).sort()).toEqual([s.callum.id, 'Sandra'].sort());

    const page = await s.asHome.get(`${s.href}?saved=corrected`);
    expect(page.body).toContain('Correction saved');
    expect(page.body).toContain('History of this session’s record');
    expect(page.body).toContain('Topic: Looking after yourself → Setting boundaries');
    expect(page.body).toContain('Members who came: Agnes Testfamily → Callum Testfamily');
    expect(page.body).toContain('Over capacity: Yes → No');

    const changes = await database.db
      .select()
      .from(recordChange)
      .where(eq(recordChange.recordId, s.sessionId));
    const session = changes.find((c) => c.recordType === 'group_session');
    expect(session).toMatchObject({ familyId: null, action: 'amended' });
    const members = changes.filter((c) => c.recordType === 'group_attendance');
    expect(members.map((c) => [c.personId, c.familyId, c.action]).sort()).toEqual(
      [
        [s.agnes.id, s.family.id, 'ended'],
        [s.callum.id, s.family.id, 'created'],
      ].sort(),
    );
    const history = await s.asHome.get(`/practice/families/${s.family.id}/members/${s.callum.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain('Group register');

    const [event] = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'group.session.edit'), eq(auditEvent.recordId, s.sessionId)));
    expect(event?.detail).toMatchObject({
      added: 1,
      removed: 1,
      firstNames: 1,
      total: 2,
      overCapacity: false,
    });
    expect(JSON.stringify(event)).not.toMatch(/Sandra|Agnes|Callum|boundaries/);
  });

  it('tells the second of two people correcting at once what changed, and saves nothing of theirs', async () => {
    const s = await withSession();
    const token = await openEdit(s.asHome, s.href);
    const fields = {
      ...token,
      ...dateFields('heldOn', s.yesterday),
      attendees: `${s.family.id}:${s.agnes.id}`,
    };
    const first = await s.asHome.post(`${s.href}/edit`, { ...fields, topic: 'First change' });
    expect(first.statusCode).toBe(303);
    const second = await s.asHome.post(`${s.href}/edit`, { ...fields, topic: 'Second change' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else saved this while you were editing');
    expect(second.body).toContain('value="Second change"');
    const [row] = await database.db.select().from(groupSession).where(eq(groupSession.id, s.sessionId));
    expect(row).toMatchObject({ topic: 'First change', version: 2 });
  });

  it('refuses a date in the future and someone the user may not see, changing nothing', async () => {
    const s = await withSession();
    const token = await openEdit(s.asHome, s.href);
    const future = await s.asHome.post(`${s.href}/edit`, {
      ...token,
      ...dateFields('heldOn', addDays(s.today, 3)),
      topic: 'Moved',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('The date of the session must be today or in the past');
    // "Find" on the correction form adds people to the list, keeps what was typed and the version, and saves nothing.
    const find = await s.asHome.post(`${s.href}/edit`, {
      ...token,
      topic: 'Typed',
      find: 'callum',
      intent: 'find',
    });
    expect(find.statusCode).toBe(200);
    expect(find.body).toContain(`value="${s.family.id}:${s.callum.id}"`);
    expect(find.body).toContain('value="Typed"');
    expect(tokenOf(find.body)._version).toBe('1');
    const hidden = await createFamily(database.db, s.area.id, [s.outsider.id]);
    const invisible = await s.asHome.post(`${s.href}/edit`, {
      ...token,
      ...dateFields('heldOn', s.yesterday),
      attendees: [`${s.family.id}:${s.agnes.id}`, `${hidden.id}:${hidden.people[0]?.id}`],
    });
    expect(invisible.statusCode).toBe(404);
    const [row] = await database.db.select().from(groupSession).where(eq(groupSession.id, s.sessionId));
    expect(row).toMatchObject({ topic: 'Looking after yourself', version: 1 });
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'group.session.edit'), eq(auditEvent.recordId, s.sessionId)));
    expect(denied.map((e) => e.outcome)).toEqual(['denied']);
  });

  it('marks a session recorded in error: kept, hidden, and no longer counted as attendance or programme progress', async () => {
    const s = await withSession();
    const [catalogue] = await database.db.select().from(programme).where(isNull(programme.organisationId));
    await database.db.insert(programmeEnrolment).values({
      programmeId: catalogue?.id as string,
      familyId: s.family.id,
      personId: s.agnes.id,
      organisationId: s.homeWorker.organisationId,
      groupId: s.groupId,
      enrolledOn: addDays(s.today, -30),
    });
    const access = accessOf(s.homeWorker, s.area.id);
    const progress = async () =>
      (await new EnrolmentRepository(database.db, access).forFamily(s.family.id))?.[0]?.groupSessions;
    expect(await progress()).toBe(1);
    expect((await s.asHome.get(`/practice/families/${s.family.id}/groups`)).body).toContain('1 session');

    const form = await s.asHome.get(`${s.href}/in-error`);
    expect(form.statusCode).toBe(200);
    const token = tokenOf(form.body);
    const empty = await s.asHome.post(`${s.href}/in-error`, { ...token, reason: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter why this session was recorded in error');
    const tooLong = await s.asHome.post(`${s.href}/in-error`, { ...token, reason: 'x'.repeat(501) });
    expect(tooLong.statusCode).toBe(400);
    const marked = await s.asHome.post(`${s.href}/in-error`, { ...token, reason: 'Recorded twice' });
    expect(marked.statusCode, marked.body.slice(0, 2000)).toBe(303);

    const [row] = await database.db.select().from(groupSession).where(eq(groupSession.id, s.sessionId));
    expect(row).toMatchObject({ inErrorReason: 'Recorded twice', inErrorBy: s.homeWorker.id });
    const group = await s.asHome.get(`/practice/groups/${s.groupId}`);
    expect(group.body).not.toContain(s.sessionId);
    expect(group.body).toContain('Show 1 session recorded in error');
    const shown = await s.asHome.get(`/practice/groups/${s.groupId}?show=in-error`);
    expect(shown.body).toContain(s.sessionId);
    expect(shown.body).toContain('Recorded in error');
    const page = await s.asHome.get(s.href);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Recorded twice');
    expect(page.body).not.toContain('Correct this session');
    expect((await s.asHome.get(`${s.href}/edit`)).statusCode).toBe(404);

    expect(await progress()).toBe(0);
    const attended = await s.asHome.get(`/practice/families/${s.family.id}/groups`);
    expect(attended.body).not.toContain('Carse family support group');
    const changes = await database.db
      .select()
      .from(recordChange)
      .where(and(eq(recordChange.recordId, s.sessionId), eq(recordChange.action, 'ended')));
    expect(changes.map((c) => [c.recordType, c.familyId]).sort()).toEqual(
      [
        ['group_attendance', s.family.id],
        ['group_session', null],
      ].sort(),
    );
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'group.session.in_error'), eq(auditEvent.recordId, s.sessionId)));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain('Recorded twice');
  });

  it('gives users of another organisation 404 for correcting or marking a session', async () => {
    const s = await withSession();
    const token = await openEdit(s.asHome, s.href);
    for (const browser of [s.asPartner, s.asOutsider]) {
      expect((await browser.get(`${s.href}/edit`)).statusCode).toBe(404);
      expect((await browser.get(`${s.href}/in-error`)).statusCode).toBe(404);
      await browser.get('/practice/groups');
      const edit = await browser.post(`${s.href}/edit`, {
        ...token,
        ...dateFields('heldOn', s.yesterday),
        topic: 'Not theirs',
      });
      expect(edit.statusCode).toBe(404);
      const inError = await browser.post(`${s.href}/in-error`, { ...token, reason: 'Not theirs' });
      expect(inError.statusCode).toBe(404);
    }
    const [row] = await database.db.select().from(groupSession).where(eq(groupSession.id, s.sessionId));
    expect(row).toMatchObject({ topic: 'Looking after yourself', version: 1, inErrorAt: null });
  });

  it('keeps the old and new values of a group in its history, shown on the group page', async () => {
    const s = await withSession();
    const edit = `/practice/groups/${s.groupId}/edit`;
    const token = tokenOf((await s.asHome.get(edit)).body);
    const saved = await s.asHome.post(edit, {
      ...token,
      name: 'Carse family support group',
      kind: 'family_support',
      forWhom: 'Adults affected by a loved one’s drinking or drug use',
      location: 'Carse Library',
      meets: 'Weekly, 7pm to 8.30pm',
      capacity: '12',
      attendance: 'anonymous',
      'facilitator-1-who': 'other',
      'facilitator-1-name': 'Margaret Hunter',
      'facilitator-1-kind': 'peer',
    });
    expect(saved.statusCode, saved.body.slice(0, 2000)).toBe(303);
    const [change] = await database.db
      .select()
      .from(recordChange)
      .where(and(eq(recordChange.recordId, s.groupId), eq(recordChange.recordType, 'support_group')));
    expect(change).toMatchObject({ familyId: null, action: 'amended' });
    expect(change?.changes).toMatchObject({
      location: { from: 'Carse Community Centre', to: 'Carse Library' },
      capacity: { from: '3', to: '12' },
    });
    const page = await s.asHome.get(`/practice/groups/${s.groupId}`);
    expect(page.body).toContain('History of this group’s record');
    expect(page.body).toContain('Where it meets: Carse Community Centre → Carse Library');
    expect(page.body).toContain('Most people at a session: 3 → 12');
  });
});
