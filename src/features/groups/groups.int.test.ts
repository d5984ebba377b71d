import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent } from '../../db/schema.ts';
import { groupAttendance, groupFacilitator, groupSession, supportGroup } from '../../db/schemaSupport.ts';
import { createFamily } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { accessOf } from '../consent/consentTeamTesting.ts';
import { addDays } from '../plan/planSchedule.ts';
import { isoWeekday, todaysGroups } from './groupRepository.ts';
import { dateFields, groupScenario } from './groupTesting.ts';

describe('groups and their registers', () => {
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

  it('adds a group with a worker and a peer facilitating, listed for its organisation only', async () => {
    const s = await groupScenario(database, app);
    const groupId = await s.addGroup(s.asHome);
    const page = await s.asHome.get(`/practice/groups/${groupId}?added=1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The group was added');
    expect(page.body).toContain('Margaret Hunter (peer)');
    expect(page.body).toContain(`${s.homeWorker.displayName} (paid worker)`);
    const list = await s.asHome.get('/practice/groups');
    expect(list.body).toContain('Carse family support group');
    const partnerList = await s.asPartner.get('/practice/groups');
    expect(partnerList.body).not.toContain(groupId);
    expect((await s.asPartner.get(`/practice/groups/${groupId}`)).statusCode).toBe(404);
    expect((await s.asOutsider.get(`/practice/groups/${groupId}/edit`)).statusCode).toBe(404);
    const facilitators = await database.db
      .select()
      .from(groupFacilitator)
      .where(eq(groupFacilitator.groupId, groupId));
    expect(facilitators.map((f) => f.kind).sort()).toEqual(['paid', 'peer']);
  });

  it('records a register over capacity with a warning, counting members, first names and the anonymous count', async () => {
    const s = await groupScenario(database, app);
    const groupId = await s.addGroup(s.asHome);
    const url = `/practice/groups/${groupId}/sessions/new`;
    const form = await s.asHome.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain(`${s.family.id}:${s.agnes.id}`);
    // "Find" adds the people found to the list and keeps what was typed, saving nothing.
    const found = await s.asHome.post(url, {
      topic: 'Looking after yourself',
      find: 'agnes testfamly',
      intent: 'find',
    });
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`value="${s.family.id}:${s.agnes.id}"`);
    expect(found.body).toContain('value="Looking after yourself"');
    expect(found.body).toContain('1 person found and added to the list.');
    const response = await s.asHome.post(url, {
      ...dateFields('heldOn', s.yesterday),
      startsAt: '19:00',
      topic: 'Looking after yourself',
      attendees: [`${s.family.id}:${s.agnes.id}`, `${s.family.id}:${s.callum.id}`],
      firstNames: 'Sandra\nBill',
      anonymousCount: '2',
    });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    const page = await s.asHome.get(response.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('govuk-warning-text');
    expect(page.body).toContain(
      'This session was over capacity: 6 people came and the group is for at most 3.',
    );
    expect(page.body).toContain('Agnes Testfamily');
    expect(page.body).toContain('Sandra');
    const [session] = await database.db.select().from(groupSession).where(eq(groupSession.groupId, groupId));
    expect(session).toMatchObject({ overCapacity: true, anonymousCount: 2, startsAt: '19:00:00' });
    const register = await database.db
      .select()
      .from(groupAttendance)
      .where(eq(groupAttendance.sessionId, session?.id as string));
    expect(register).toHaveLength(4);
    const group = await s.asHome.get(`/practice/groups/${groupId}`);
    expect(group.body).toContain('Over capacity');
    // Next time, the people who came are listed without a search.
    expect((await s.asHome.get(url)).body).toContain(`value="${s.family.id}:${s.callum.id}"`);

    // Audit: the write and the read, with counts and identifiers only; each named family gets its own event.
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(
        and(eq(auditEvent.actorUserId, s.homeWorker.id), eq(auditEvent.recordId, session?.id as string)),
      );
    expect(events.map((e) => e.action).sort()).toEqual([
      'group_attendance.add',
      'group_attendance.read',
      'group_session.add',
      'group_session.read',
      'record.history',
    ]);
    expect(events.find((e) => e.action === 'group_session.add')?.detail).toEqual({
      groupId,
      named: 2,
      firstNames: 2,
      anonymous: 2,
      total: 6,
      overCapacity: true,
    });
    expect(events.find((e) => e.action === 'group_attendance.add')?.familyId).toBe(s.family.id);
    expect(JSON.stringify(events)).not.toMatch(/Sandra|Agnes|Looking after/);

    // The family record shows what each member attended, to the team; others get 404.
    const attended = await s.asPartner.get(`/practice/families/${s.family.id}/groups`);
    expect(attended.statusCode).toBe(200);
    expect(attended.body).toContain('Agnes Testfamily');
    expect(attended.body).toMatch(/Carse family support group, Test Org [0-9a-f]{8}: 1 session/);
    expect((await s.asOutsider.get(`/practice/families/${s.family.id}/groups`)).statusCode).toBe(404);
    const overview = await s.asHome.get(`/practice/families/${s.family.id}`);
    expect(overview.body).toContain(`/practice/families/${s.family.id}/groups`);

    // Someone from another organisation cannot see the register, nor add to it.
    expect((await s.asPartner.get(response.headers.location as string)).statusCode).toBe(404);
    expect((await s.asOutsider.get(url)).statusCode).toBe(404);
    await s.asOutsider.get('/practice/groups');
    const refused = await s.asOutsider.post(url, { ...dateFields('heldOn', s.yesterday) });
    expect(refused.statusCode).toBe(404);
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, s.outsiderWorker.id), eq(auditEvent.recordId, groupId)));
    expect(denied.map((e) => e.outcome)).toContain('denied');
  });

  it('refuses a session in the future and an impossible date, saving nothing', async () => {
    const s = await groupScenario(database, app);
    const groupId = await s.addGroup(s.asHome, { attendance: 'named' });
    const url = `/practice/groups/${groupId}/sessions/new`;
    await s.asHome.get(url);
    const future = await s.asHome.post(url, {
      ...dateFields('heldOn', addDays(s.today, 7)),
      attendees: `${s.family.id}:${s.agnes.id}`,
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain(
      'href="#heldOn-day">The date of the session must be today or in the past: attendance cannot be recorded for a session that has not happened yet',
    );
    expect(future.body).toMatch(new RegExp(`value="${s.family.id}:${s.agnes.id}"[^>]*checked`));
    const impossible = await s.asHome.post(url, {
      'heldOn-day': '31',
      'heldOn-month': '4',
      'heldOn-year': '2026',
      firstNames: 'Sandra',
    });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.body).toContain('The date of the session must be a real date');
    // The form of a "named only" group has no first names box, and a posted one is refused.
    expect(impossible.body).toContain('remove the first names');
    expect(await database.db.select().from(groupSession).where(eq(groupSession.groupId, groupId))).toEqual(
      [],
    );
  });

  it('will not put on a register someone the user may not see', async () => {
    const s = await groupScenario(database, app);
    const groupId = await s.addGroup(s.asHome);
    const hidden = await createFamily(database.db, s.area.id, [s.outsider.id]);
    const url = `/practice/groups/${groupId}/sessions/new`;
    await s.asHome.get(url);
    const response = await s.asHome.post(url, {
      ...dateFields('heldOn', s.yesterday),
      attendees: [`${s.family.id}:${s.agnes.id}`, `${hidden.id}:${hidden.people[0]?.id}`],
    });
    expect(response.statusCode).toBe(404);
    expect(await database.db.select().from(groupSession).where(eq(groupSession.groupId, groupId))).toEqual(
      [],
    );
    // Nor does a search find them.
    const search = await s.asHome.post(url, { find: 'Agnes', intent: 'find' });
    expect(search.body).toContain(`${s.family.id}:${s.agnes.id}`);
    expect(search.body).not.toContain(hidden.id);
  });

  it('changes a group, and tells the second of two people saving at once what changed', async () => {
    const s = await groupScenario(database, app);
    const groupId = await s.addGroup(s.asHome);
    const edit = `/practice/groups/${groupId}/edit`;
    const opened = await s.asHome.get(edit);
    const version = /name="_version" value="(\d+)"/.exec(opened.body)?.[1] as string;
    const base = (/name="_base" value="([^"]+)"/.exec(opened.body)?.[1] ?? '').replaceAll('&quot;', '"');
    const fields = {
      name: 'Carse family support group',
      kind: 'family_support',
      forWhom: 'Adults affected by a loved one’s drinking or drug use',
      location: 'Carse Community Centre',
      meets: 'Weekly, 7pm to 8.30pm',
      weekday: '',
      attendance: 'anonymous',
      'facilitator-1-who': 'other',
      'facilitator-1-name': 'Margaret Hunter',
      'facilitator-1-kind': 'volunteer',
      _version: version,
      _base: base,
    };
    const first = await s.asHome.post(edit, { ...fields, capacity: '20', active: 'no' });
    expect(first.statusCode, first.body.slice(0, 2000)).toBe(303);
    const [saved] = await database.db.select().from(supportGroup).where(eq(supportGroup.id, groupId));
    expect(saved).toMatchObject({ capacity: 20, weekday: null, active: false, version: 2 });
    expect((await s.asHome.get('/practice/groups')).body).toContain('Stopped');
    const facilitators = await database.db
      .select()
      .from(groupFacilitator)
      .where(eq(groupFacilitator.groupId, groupId));
    expect(facilitators).toMatchObject([{ name: 'Margaret Hunter', kind: 'volunteer', userId: null }]);
    const second = await s.asHome.post(edit, { ...fields, capacity: '8' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else saved this while you were editing');
    // The panel says what changed in words: "Yes" when the form was opened, "No" as saved since.
    expect(second.body.replace(/\s+/g, ' ')).toMatch(
      /Still meeting .*?<\/th> <td class="govuk-table__cell">Yes<\/td> <td class="govuk-table__cell">No<\/td>/,
    );
  });

  it("lists today's groups for the organisation and the groups a user facilitates", async () => {
    const s = await groupScenario(database, app);
    const todayGroup = await s.addGroup(s.asHome, { name: 'Meets today' });
    await s.addGroup(s.asHome, { name: 'Meets tomorrow', weekday: String((isoWeekday(s.today) % 7) + 1) });
    const mine = await todaysGroups(database.db, accessOf(s.homeLead, s.area.id), s.today);
    expect(mine.map((g) => [g.name, g.href])).toEqual([['Meets today', `/practice/groups/${todayGroup}`]]);
    expect(await todaysGroups(database.db, accessOf(s.outsiderWorker, s.area.id), s.today)).toEqual([]);
    // A facilitator from elsewhere sees it too, without a link to its register.
    await database.db
      .insert(groupFacilitator)
      .values({ groupId: todayGroup, userId: s.partnerWorker.id, kind: 'volunteer' });
    const theirs = await todaysGroups(database.db, accessOf(s.partnerWorker, s.area.id), s.today);
    expect(theirs.map((g) => [g.name, g.href])).toEqual([['Meets today', null]]);
  });
});
