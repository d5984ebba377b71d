import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  auditEvent,
  chronologyEntry,
  programme,
  programmeEnrolment,
  programmeTrainedWorker,
  recordChange,
} from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { addDays } from '../plan/planSchedule.ts';
import { dateFields, programmeScenario } from './programmeTesting.ts';

describe('structured programmes', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  const today = todayInUk(new Date());
  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('lists the catalogue; a team lead adds their own programme and records who is trained, seen only in their organisation', async () => {
    const s = await programmeScenario(database, app);
    expect((await s.asHome.get('/practice')).body).toContain('href="/practice/programmes"');
    const list = await s.asHome.get('/practice/programmes');
    expect(list.statusCode).toBe(200);
    for (const name of [
      '5-Step Method',
      'CRAFT',
      'SMART Recovery Family &amp; Friends',
      'Strengthening Families 10-14',
    ])
      expect(list.body).toContain(name);
    expect(list.body).not.toContain('Add your organisation');
    expect((await s.asHome.get('/practice/programmes/new')).statusCode).toBe(403);

    await s.asHomeLead.get('/practice/programmes/new');
    const bad = await s.asHomeLead.post('/practice/programmes/new', {
      name: 'Kinship Carers’ Circle',
      summary: 'Monthly peer group for kinship carers.',
      format: 'group',
      length: 'fixed',
      sessionsPlanned: '0',
      deliveredBy: 'Two facilitators',
      ageFrom: '30',
      ageTo: '18',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#sessionsPlanned">The number of sessions must be between 1 and 100');
    expect(bad.body).toContain(
      'href="#ageTo">The oldest age must be the same as or more than the youngest age',
    );
    const added = await s.asHomeLead.post('/practice/programmes/new', {
      name: `Kinship Carers’ Circle ${s.home.id.slice(0, 6)}`,
      summary: 'Monthly peer group for kinship carers.',
      format: 'group',
      length: 'open',
      deliveredBy: 'Two facilitators',
      ageFrom: '18',
    });
    expect(added.statusCode, added.body.slice(0, 800)).toBe(303);
    const [own] = await database.db.select().from(programme).where(eq(programme.organisationId, s.home.id));
    expect(own).toMatchObject({
      code: `kinship-carers-circle-${s.home.id.slice(0, 6)}`,
      sessionsPlanned: null,
      ageFrom: 18,
    });
    const page = await s.asHome.get(added.headers.location as string);
    expect(page.body).toContain('Open-ended');
    expect(page.body).toContain('Aged 18 and over');

    const form = await s.asHomeLead.get(`/practice/programmes/${own?.id}/trained`);
    expect(form.statusCode).toBe(200);
    const missing = await s.asHomeLead.post(`/practice/programmes/${own?.id}/trained`, { userId: '' });
    expect(missing.body).toContain('href="#userId">Select the worker who was trained');
    // Only the organisation's own workers can be recorded.
    const otherOrganisation = await s.asHomeLead.post(`/practice/programmes/${own?.id}/trained`, {
      userId: s.partnerWorker.id,
      ...dateFields('trainedOn', '2025-03-14'),
    });
    expect(otherOrganisation.statusCode).toBe(400);
    const trained = await s.asHomeLead.post(`/practice/programmes/${own?.id}/trained`, {
      userId: s.homeWorker.id,
      ...dateFields('trainedOn', '2025-03-14'),
    });
    expect(trained.statusCode).toBe(303);
    const shown = await s.asHome.get(`/practice/programmes/${own?.id}`);
    expect(shown.body).toContain(s.homeWorker.displayName);
    expect(shown.body).toContain('14 Mar 2025');
    // Correcting the date keeps the old one in the record's history; recording the same date again adds nothing.
    for (const day of ['2025-03-21', '2025-03-21']) {
      const again = await s.asHomeLead.post(`/practice/programmes/${own?.id}/trained`, {
        userId: s.homeWorker.id,
        ...dateFields('trainedOn', day),
      });
      expect(again.statusCode).toBe(303);
    }
    const history = await database.db
      .select({
        action: recordChange.action,
        changes: recordChange.changes,
        changedBy: recordChange.changedBy,
      })
      .from(recordChange)
      .where(
        and(
          eq(recordChange.recordType, 'programme_trained_worker'),
          eq(recordChange.recordId, own?.id ?? ''),
        ),
      )
      .orderBy(recordChange.id);
    expect(history).toEqual([
      {
        action: 'created',
        changes: { userId: { from: null, to: s.homeWorker.id }, trainedOn: { from: null, to: '2025-03-14' } },
        changedBy: s.homeLead.id,
      },
      {
        action: 'amended',
        changes: { trainedOn: { from: '2025-03-14', to: '2025-03-21' } },
        changedBy: s.homeLead.id,
      },
    ]);
    // Another organisation's own programme is not in anyone else's catalogue.
    expect((await s.asOutsider.get(`/practice/programmes/${own?.id}`)).statusCode).toBe(404);
    expect((await s.asPartner.get('/practice/programmes')).body).not.toContain('Kinship Carers');
  });

  it('enrols a member with a warning for an untrained worker; progress counts attended contacts and group sessions since the start', async () => {
    const s = await programmeScenario(database, app);
    const started = addDays(today, -28);
    const base = `/practice/families/${s.family.id}/enrolments`;
    const overview = await s.asHome.get(`/practice/families/${s.family.id}`);
    expect(overview.body).toContain(`${base}/new?personId=${s.agnes.id}`);
    const memberPage = await s.asHome.get(`/practice/families/${s.family.id}/members/${s.agnes.id}`);
    expect(memberPage.body).toContain(`${base}/new?personId=${s.agnes.id}`);
    const choose = await s.asHome.get(`${base}/new?personId=${s.agnes.id}`);
    expect(choose.body).toMatch(new RegExp(`value="${s.agnes.id}"[^>]*checked`));
    const formRead = await database.db
      .select({ detail: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.familyId, s.family.id), eq(auditEvent.action, 'enrolment.form')));
    expect(formRead[0]?.detail).toEqual({ members: 2 });
    const chosen = await s.asHome.post(`${base}/new`, { personId: s.agnes.id, programmeId: s.code('craft') });
    expect(chosen.statusCode).toBe(303);
    const details = await s.asHome.get(chosen.headers.location as string);
    expect(details.body).toContain('not recorded as trained');
    const fields = {
      personId: s.agnes.id,
      programmeId: s.code('craft'),
      workerId: s.homeWorker.id,
      ...dateFields('enrolledOn', started),
    };
    const warned = await s.asHome.post(`${base}/new/details`, fields);
    expect(warned.statusCode).toBe(200);
    expect(warned.body).toContain('is not recorded as trained to deliver CRAFT');
    expect(
      await database.db.select().from(programmeEnrolment).where(eq(programmeEnrolment.familyId, s.family.id)),
    ).toEqual([]);
    const enrolled = await s.asHome.post(`${base}/new/details`, {
      ...fields,
      confirmUntrained: s.homeWorker.id,
    });
    expect(enrolled.statusCode, enrolled.body.slice(0, 1000)).toBe(303);
    const [craft] = await database.db
      .select()
      .from(programmeEnrolment)
      .where(eq(programmeEnrolment.familyId, s.family.id));
    if (!craft) throw new Error('not enrolled');

    await s.addContact(s.family.id, craft.id, 'attended', new Date(`${addDays(started, 7)}T10:00:00Z`));
    await s.addContact(s.family.id, craft.id, 'attended', new Date(`${addDays(started, 14)}T10:00:00Z`));
    await s.addContact(
      s.family.id,
      craft.id,
      'did_not_attend',
      new Date(`${addDays(started, 21)}T10:00:00Z`),
    );
    await s.addContact(s.family.id, null, 'attended', new Date(`${addDays(started, 22)}T10:00:00Z`));
    const page = await s.asHome.get(enrolled.headers.location as string);
    expect(page.body).toContain('2 of 12 sessions');
    expect(page.body).toContain('moj-progress-bar');
    expect(page.body).toContain('Sessions attended: 2 of 12');

    // A group programme: the group's sessions Callum came to from his start date count, with a contact of the enrolment.
    await database.db
      .insert(programmeTrainedWorker)
      .values({ programmeId: s.code('smart-family-friends'), userId: s.homeWorker.id });
    const group = await s.addGroup(
      s.code('smart-family-friends'),
      [
        { heldOn: addDays(started, -7), attended: true },
        { heldOn: addDays(started, 1), attended: true },
        { heldOn: addDays(started, 8), attended: false },
        { heldOn: addDays(started, 15), attended: true },
      ],
      s.callum.id,
    );
    await s.asHome.get(
      `${base}/new/details?personId=${s.callum.id}&programmeId=${s.code('smart-family-friends')}`,
    );
    const smart = await s.asHome.post(`${base}/new/details`, {
      personId: s.callum.id,
      programmeId: s.code('smart-family-friends'),
      workerId: s.homeWorker.id,
      groupId: group.id,
      ...dateFields('enrolledOn', started),
    });
    expect(smart.statusCode, smart.body.slice(0, 1000)).toBe(303);
    const smartId = (smart.headers.location as string).split('/').pop()?.split('?')[0] as string;
    await s.addContact(s.family.id, smartId, 'attended', new Date(`${addDays(started, 3)}T10:00:00Z`));
    const smartPage = await s.asHome.get(smart.headers.location as string);
    expect(smartPage.body).toContain('3 sessions (open-ended)');
    expect(smartPage.body).toContain('Group session: Tuesday family group');

    const card = await s.asPartner.get(`/practice/families/${s.family.id}`);
    expect(card.body).toContain('CRAFT (Community Reinforcement and Family Training): 2 of 12 sessions');
    expect(card.body).toContain('SMART Recovery Family &amp; Friends: 3 sessions (open-ended)');

    const entries = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(entries.map((e) => e.what)).toContain(
      'Started CRAFT (Community Reinforcement and Family Training).',
    );
    expect(
      await database.db.select().from(recordChange).where(eq(recordChange.recordId, craft.id)),
    ).toHaveLength(1);
    const audit = await database.db
      .select({ action: auditEvent.action, detail: auditEvent.detail })
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, craft.id), eq(auditEvent.action, 'enrolment.add')));
    expect(audit).toEqual([
      { action: 'enrolment.add', detail: { programmeId: s.code('craft'), untrainedWorker: true } },
    ]);
    const overviewAudit = await database.db
      .select({ detail: auditEvent.detail })
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.familyId, s.family.id),
          eq(auditEvent.action, 'family.read'),
          eq(auditEvent.actorUserId, s.partnerWorker.id),
        ),
      );
    expect(overviewAudit.at(-1)?.detail).toMatchObject({ enrolments: 2 });
  });

  it('refuses a member outside the age range when their date of birth is known', async () => {
    const s = await programmeScenario(database, app);
    const base = `/practice/families/${s.family.id}/enrolments`;
    await s.asHome.get(`${base}/new`);
    const chosen = await s.asHome.post(`${base}/new`, {
      personId: s.agnes.id,
      programmeId: s.code('strengthening-families-10-14'),
    });
    expect(chosen.statusCode).toBe(400);
    expect(chosen.body).toContain('Strengthening Families 10-14 is for people aged 10 to 14');
    const direct = await s.asHome.post(`${base}/new/details`, {
      personId: s.agnes.id,
      programmeId: s.code('strengthening-families-10-14'),
      workerId: s.homeWorker.id,
      confirmUntrained: s.homeWorker.id,
      ...dateFields('enrolledOn', today),
    });
    expect(direct.statusCode).toBe(400);
    expect(direct.body).toContain('href="#enrolledOn-day">Agnes Testfamily is');
    expect(
      await database.db.select().from(programmeEnrolment).where(eq(programmeEnrolment.familyId, s.family.id)),
    ).toEqual([]);
  });

  it('ends an enrolment early only with a reason; completing keeps the history and the chronology', async () => {
    const s = await programmeScenario(database, app);
    const base = `/practice/families/${s.family.id}/enrolments`;
    await s.asHome.get(`${base}/new/details?personId=${s.agnes.id}&programmeId=${s.code('5-step-method')}`);
    const enrol = (personId: string, programmeId: string) =>
      s.asHome.post(`${base}/new/details`, {
        personId,
        programmeId,
        workerId: s.homeWorker.id,
        confirmUntrained: s.homeWorker.id,
        ...dateFields('enrolledOn', addDays(today, -30)),
      });
    const five = (await enrol(s.agnes.id, s.code('5-step-method'))).headers.location?.split('?')[0] as string;
    const craft = (await enrol(s.callum.id, s.code('craft'))).headers.location?.split('?')[0] as string;

    await s.asHome.get(`${craft}/end-early`);
    const noReason = await s.asHome.post(`${craft}/end-early`, {
      ...dateFields('endedOn', today),
      reason: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason">Enter why the programme ended early');
    const tooSoon = await s.asHome.post(`${craft}/end-early`, {
      ...dateFields('endedOn', addDays(today, -40)),
      reason: 'Moved away',
    });
    expect(tooSoon.body).toContain('must be on or after the date they started');
    const craftId = craft.split('/').pop() as string;
    const [still] = await database.db
      .select()
      .from(programmeEnrolment)
      .where(eq(programmeEnrolment.id, craftId));
    expect(still?.status).toBe('active');
    // Only home, which enrolled him, may end it.
    expect((await s.asPartner.get(`${craft}/end-early`)).statusCode).toBe(404);
    const ended = await s.asHome.post(`${craft}/end-early`, {
      ...dateFields('endedOn', today),
      reason: 'Moved to Dundee',
    });
    expect(ended.statusCode).toBe(303);
    const [after] = await database.db
      .select()
      .from(programmeEnrolment)
      .where(eq(programmeEnrolment.id, craftId));
    expect(after).toMatchObject({
      status: 'ended_early',
      endReason: 'Moved to Dundee',
      endedOn: today,
      version: 2,
    });
    expect((await s.asHome.get(craft)).body).toContain('Moved to Dundee');

    await s.asHome.get(`${five}/complete`);
    expect((await s.asHome.post(`${five}/complete`, dateFields('endedOn', today))).statusCode).toBe(303);
    const fiveId = five.split('/').pop() as string;
    const history = await database.db.select().from(recordChange).where(eq(recordChange.recordId, fiveId));
    expect(history.map((h) => h.action)).toEqual(['created', 'amended']);
    expect(history[1]?.changes).toMatchObject({ status: { from: 'active', to: 'completed' } });
    const entries = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(entries.map((e) => e.what)).toEqual(
      expect.arrayContaining([
        'Completed 5-Step Method.',
        'Stopped CRAFT (Community Reinforcement and Family Training) before the end.',
      ]),
    );
    expect((await s.asHome.get(`${five}/complete`)).statusCode).toBe(404);
  });

  it('hides enrolments from an organisation off the team (404) and, while support is confidential, from other organisations', async () => {
    const s = await programmeScenario(database, app);
    const base = `/practice/families/${s.family.id}/enrolments`;
    await s.asHome.get(`${base}/new/details?personId=${s.agnes.id}&programmeId=${s.code('craft')}`);
    const enrolled = await s.asHome.post(`${base}/new/details`, {
      personId: s.agnes.id,
      programmeId: s.code('craft'),
      workerId: s.homeWorker.id,
      confirmUntrained: s.homeWorker.id,
      ...dateFields('enrolledOn', today),
    });
    const url = (enrolled.headers.location as string).split('?')[0] as string;
    for (const path of [base, url, `${base}/new`, `${url}/complete`])
      expect((await s.asOutsider.get(path)).statusCode, path).toBe(404);
    expect(
      (await s.asOutsider.post(`${base}/new`, { personId: s.agnes.id, programmeId: s.code('craft') }))
        .statusCode,
    ).toBe(404);
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, s.outsiderWorker.id), eq(auditEvent.outcome, 'denied')));
    expect(denied.length).toBeGreaterThan(0);

    expect((await s.asPartner.get(url)).statusCode).toBe(200);
    await s.agnesConfidential();
    expect((await s.asPartner.get(url)).statusCode).toBe(404);
    expect((await s.asPartner.get(base)).body).not.toContain('CRAFT');
    // The card no longer links to it (a chronology entry written before it became confidential stays, as the chronology rules say).
    expect((await s.asPartner.get(`/practice/families/${s.family.id}`)).body).not.toContain(url);
    expect((await s.asHome.get(url)).statusCode).toBe(200);
  });
});
