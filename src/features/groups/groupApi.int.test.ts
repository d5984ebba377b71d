import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent } from '../../db/schema.ts';
import { groupSession } from '../../db/schemaSupport.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { tokenFor } from '../consent/consentTeamTesting.ts';
import { addDays } from '../plan/planSchedule.ts';
import { groupScenario } from './groupTesting.ts';

describe('the groups API', () => {
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

  it('lists the organisation’s groups, records a register over capacity and reads it back', async () => {
    const s = await groupScenario(database, app);
    const groupId = await s.addGroup(s.asHome);
    const headers = await tokenFor(database, s.home);
    const list = await app.inject({ url: '/api/v1/groups', headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().groups).toEqual([
      expect.objectContaining({
        id: groupId,
        kind: 'family_support',
        capacity: 3,
        attendance: 'anonymous',
        facilitators: expect.arrayContaining([{ userId: null, name: 'Margaret Hunter', kind: 'peer' }]),
      }),
    ]);

    const url = `/api/v1/groups/${groupId}/sessions`;
    const created = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: {
        heldOn: s.yesterday,
        startsAt: '19:00',
        topic: 'Setting boundaries',
        attendees: [
          { familyId: s.family.id, personId: s.agnes.id },
          { familyId: s.family.id, personId: s.callum.id },
        ],
        firstNames: ['Sandra'],
        anonymousCount: 1,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ total: 4, overCapacity: true });

    const sessions = await app.inject({ url, headers });
    expect(sessions.statusCode).toBe(200);
    expect(sessions.json().sessions).toEqual([
      {
        id: created.json().id,
        heldOn: s.yesterday,
        startsAt: '19:00',
        topic: 'Setting boundaries',
        notes: null,
        attendees: expect.arrayContaining([{ familyId: s.family.id, personId: s.agnes.id }]),
        hiddenMembers: 0,
        firstNames: ['Sandra'],
        anonymousCount: 1,
        total: 4,
        overCapacity: true,
      },
    ]);
    const events = await database.db
      .select({ action: auditEvent.action, tokenId: auditEvent.actorTokenId })
      .from(auditEvent)
      .where(eq(auditEvent.recordId, created.json().id));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['group_session.add', 'group_session.read', 'group_attendance.read']),
    );
    expect(events.every((e) => e.tokenId)).toBe(true);
  });

  it('answers a session in the future, a bad body and another organisation with problems', async () => {
    const s = await groupScenario(database, app);
    const groupId = await s.addGroup(s.asHome, { attendance: 'named' });
    const headers = await tokenFor(database, s.home);
    const url = `/api/v1/groups/${groupId}/sessions`;
    const future = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: { heldOn: addDays(s.today, 1), attendees: [], firstNames: ['Sandra'] },
    });
    expect(future.statusCode).toBe(400);
    expect(future.headers['content-type']).toContain('application/problem+json');
    expect(future.json().errors).toEqual([
      {
        pointer: '#/body/heldOn',
        detail:
          'The date of the session must be today or in the past: attendance cannot be recorded for a session that has not happened yet',
      },
      {
        pointer: '#/body/firstNames',
        detail: 'This group records members linked to their family record only: remove the first names',
      },
    ]);
    const bad = await app.inject({ method: 'POST', url, headers, payload: { heldOn: 'soon' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');

    const outsider = await tokenFor(database, s.outsider);
    expect((await app.inject({ url, headers: outsider })).statusCode).toBe(404);
    const refused = await app.inject({
      method: 'POST',
      url,
      headers: outsider,
      payload: { heldOn: s.yesterday, attendees: [] },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect((await app.inject({ url: '/api/v1/groups', headers: outsider })).json()).toEqual({ groups: [] });
    expect(await database.db.select().from(groupSession).where(eq(groupSession.groupId, groupId))).toEqual(
      [],
    );
  });
});
