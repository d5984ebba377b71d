import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, programmeEnrolment, programmeTrainedWorker } from '../../db/schema.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { tokenFor } from '../consent/consentTeamTesting.ts';
import { addDays } from '../plan/planSchedule.ts';
import { programmeScenario } from './programmeTesting.ts';

describe('the programmes API', () => {
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

  it('lists programmes, enrols, reports sessions attended, and ends early only with a reason', async () => {
    const s = await programmeScenario(database, app);
    const home = await tokenFor(database, s.home);
    const call = (method: 'GET' | 'POST', url: string, payload?: object, headers = home) =>
      app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

    await database.db.insert(programmeTrainedWorker).values({
      programmeId: s.code('5-step-method'),
      userId: s.homeWorker.id,
      trainedOn: '2024-09-12',
    });
    const programmes = await call('GET', '/programmes');
    expect(programmes.statusCode).toBe(200);
    const five = programmes.json().programmes.find((p: { code: string }) => p.code === '5-step-method');
    expect(five).toMatchObject({
      sessionsPlanned: 5,
      format: 'one_to_one',
      ageFrom: 18,
      organisationId: null,
      trainedWorkers: [{ userId: s.homeWorker.id, trainedOn: '2024-09-12' }],
    });

    const url = `/families/${s.family.id}/enrolments`;
    const body = { personId: s.agnes.id, workerId: s.homeWorker.id, enrolledOn: addDays(today, -20) };
    const trained = await call('POST', url, { ...body, programmeId: s.code('5-step-method') });
    expect(trained.statusCode, trained.body).toBe(201);
    expect(trained.json().warnings).toEqual([]);
    const untrained = await call('POST', url, {
      ...body,
      personId: s.callum.id,
      programmeId: s.code('craft'),
    });
    expect(untrained.statusCode).toBe(201);
    expect(untrained.json().warnings).toEqual([
      'The worker is not recorded as trained to deliver this programme.',
    ]);
    const tooOld = await call('POST', url, { ...body, programmeId: s.code('strengthening-families-10-14') });
    expect(tooOld.statusCode).toBe(400);
    expect(tooOld.headers['content-type']).toContain('application/problem+json');
    expect(tooOld.json().errors).toEqual([
      {
        pointer: '#/body/enrolledOn',
        detail: expect.stringContaining('Strengthening Families 10-14 is for people aged 10 to 14'),
      },
    ]);
    const twice = await call('POST', url, { ...body, programmeId: s.code('5-step-method') });
    expect(twice.statusCode).toBe(400);

    await s.addContact(
      s.family.id,
      trained.json().id,
      'attended',
      new Date(`${addDays(today, -13)}T10:00:00Z`),
    );
    const list = await call('GET', url);
    expect(list.statusCode).toBe(200);
    expect(list.json().enrolments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: trained.json().id,
          sessionsAttended: 1,
          sessionsPlanned: 5,
          status: 'active',
        }),
      ]),
    );

    const craft = `${url}/${untrained.json().id}`;
    const noReason = await call('POST', `${craft}/end-early`, { endedOn: today, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([
      { pointer: '#/body/reason', detail: 'Enter why the programme ended early' },
    ]);
    const missing = await call('POST', `${craft}/end-early`, { endedOn: today });
    expect(missing.statusCode).toBe(400);
    const ended = await call('POST', `${craft}/end-early`, { endedOn: today, reason: 'Chose to stop' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended_early', endReason: 'Chose to stop', endedOn: today });
    expect((await call('POST', `${craft}/complete`, { completedOn: today })).statusCode).toBe(409);
    const done = await call('POST', `${url}/${trained.json().id}/complete`, { completedOn: today });
    expect(done.json()).toMatchObject({ status: 'completed', sessionsAttended: 1 });

    const outsider = await tokenFor(database, s.outsider);
    expect((await call('GET', url, undefined, outsider)).statusCode).toBe(404);
    const sneaked = await call('POST', url, { ...body, programmeId: s.code('craft') }, outsider);
    expect(sneaked.statusCode).toBe(404);
    const partner = await tokenFor(database, s.partner);
    expect(
      (await call('POST', `${url}/${trained.json().id}/complete`, { completedOn: today }, partner))
        .statusCode,
    ).toBe(404);
    expect((await call('GET', url, undefined, partner)).json().enrolments).toHaveLength(2);
    expect(
      await database.db.select().from(programmeEnrolment).where(eq(programmeEnrolment.familyId, s.family.id)),
    ).toHaveLength(2);
    const audited = await database.db
      .select({ action: auditEvent.action, outcome: auditEvent.outcome })
      .from(auditEvent)
      .where(and(eq(auditEvent.familyId, s.family.id), eq(auditEvent.action, 'enrolment.list')));
    expect(audited).toEqual(
      expect.arrayContaining([
        { action: 'enrolment.list', outcome: 'success' },
        { action: 'enrolment.list', outcome: 'denied' },
      ]),
    );
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = Object.keys(doc.json().paths ?? {});
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/programmes',
        '/api/v1/families/{familyId}/enrolments',
        '/api/v1/families/{familyId}/enrolments/{enrolmentId}/complete',
        '/api/v1/families/{familyId}/enrolments/{enrolmentId}/end-early',
      ]),
    );
  });
});
