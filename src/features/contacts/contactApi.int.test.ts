import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, contact, programme, programmeEnrolment } from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { tokenFor } from '../consent/consentTeamTesting.ts';
import { planScenario } from '../plan/planTesting.ts';

describe('contacts API', () => {
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

  const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

  it('records a contact counted toward a programme, and lists it with the last contact', async () => {
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
    const form = await s.asHome.get(`/practice/families/${s.family.id}/contacts/new`);
    expect(form.body).toContain('CRAFT (Community Reinforcement and Family Training): Agnes Testfamily');
    const headers = await tokenFor(database, s.home);
    const url = `/api/v1/families/${s.family.id}/contacts`;
    const created = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: {
        occurredAt: hourAgo(),
        memberIds: [s.agnes.id],
        workerId: s.homeWorker.id,
        kind: 'one_to_one',
        channel: 'video',
        durationMinutes: 60,
        outcome: 'attended',
        topics: ['coping', 'communication'],
        notes: 'CRAFT session 1: positive communication.',
        enrolmentId: enrolment?.id,
        significant: true,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [row] = await database.db.select().from(contact).where(eq(contact.id, created.json().id));
    expect(row).toMatchObject({ workerId: s.homeWorker.id, recordedBy: null, enrolmentId: enrolment?.id });
    expect(row?.chronologyEntryId).not.toBeNull();

    const list = await app.inject({ url, headers: await tokenFor(database, s.partner) });
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body.lastContactAt).toBe(new Date(row?.occurredAt as Date).toISOString());
    expect(body.contacts).toEqual([
      expect.objectContaining({
        id: row?.id,
        kind: 'one_to_one',
        channel: 'video',
        memberIds: [s.agnes.id],
        enrolmentId: enrolment?.id,
        detailsVisible: true,
        topics: ['coping', 'communication'],
        notes: 'CRAFT session 1: positive communication.',
      }),
    ]);
    const filtered = await app.inject({ url: `${url}?member=${s.callum.id}`, headers });
    expect(filtered.json().contacts).toEqual([]);
    expect(filtered.json().lastContactAt).toBe(body.lastContactAt);
  });

  it('answers bad input with problems naming the fields', async () => {
    const s = await planScenario(database, app);
    const headers = await tokenFor(database, s.home);
    const url = `/api/v1/families/${s.family.id}/contacts`;
    const future = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: {
        occurredAt: new Date(Date.now() + 86_400_000).toISOString(),
        memberIds: [s.agnes.id],
        kind: 'joint_agency',
        channel: 'phone',
        outcome: 'attended',
      },
    });
    expect(future.statusCode).toBe(400);
    expect(future.headers['content-type']).toContain('application/problem+json');
    expect(future.json().errors).toEqual(
      expect.arrayContaining([
        { pointer: '#/body/outcome', detail: 'A contact in the future cannot be marked attended' },
        { pointer: '#/body/jointOrganisationId', detail: 'Select the other agency for a joint contact' },
        { pointer: '#/body/workerId', detail: 'Give the id of the worker who held the contact' },
      ]),
    );
    const schema = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: {
        occurredAt: hourAgo(),
        memberIds: [],
        kind: 'one_to_one',
        channel: 'fax',
        outcome: 'attended',
      },
    });
    expect(schema.statusCode).toBe(400);
    const stranger = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: {
        occurredAt: hourAgo(),
        memberIds: [s.agnes.id],
        workerId: s.partnerWorker.id,
        kind: 'one_to_one',
        channel: 'phone',
        outcome: 'attended',
      },
    });
    expect(stranger.json().errors).toEqual([
      { pointer: '#/body/workerId', detail: 'The worker must be an active worker of your organisation' },
    ]);
    expect(await database.db.select().from(contact).where(eq(contact.familyId, s.family.id))).toEqual([]);
  });

  it('is not found, and audited as denied, for an organisation off the team', async () => {
    const s = await planScenario(database, app);
    const headers = await tokenFor(database, s.outsider);
    const url = `/api/v1/families/${s.family.id}/contacts`;
    expect((await app.inject({ url, headers })).statusCode).toBe(404);
    const post = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: {
        occurredAt: hourAgo(),
        memberIds: [s.agnes.id],
        workerId: s.outsiderWorker.id,
        kind: 'one_to_one',
        channel: 'phone',
        outcome: 'attended',
      },
    });
    expect(post.statusCode).toBe(404);
    const denied = await database.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, s.family.id), eq(auditEvent.outcome, 'denied')));
    expect(denied.map((d) => d.action).sort()).toEqual(['contact.add', 'contact.read']);
  });

  it('is documented in the OpenAPI description', async () => {
    const spec = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(spec.paths['/api/v1/families/{familyId}/contacts'])).toEqual(['get', 'post']);
  });
});
