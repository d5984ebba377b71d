import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, consent, recordChange } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createFamily, createPractice } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { ApiTokenService } from '../api/apiTokenService.ts';

describe('the members API', () => {
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

  /** A practice with a family on its caseload and an API token for its organisation. */
  async function withToken() {
    const { area, org, user } = await createPractice(database.db, ['org_admin']);
    const family = await createFamily(database.db, area.id, [org.id]);
    const access: AccessContext = {
      userId: user.id,
      tokenId: undefined,
      organisationId: org.id,
      partnershipAreaId: area.id,
      roles: ['org_admin'],
      ip: '127.0.0.1',
      requestId: 'test',
    };
    const issued = await new ApiTokenService(database.db).issue(access, {
      name: 'Case system',
      roles: ['practitioner'],
    });
    const headers = { authorization: `Bearer ${issued.token}` };
    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers,
        ...(payload ? { payload: payload as object } : {}),
      });
    return { area, org, family, call, tokenId: issued.id };
  }

  it('starts a family and adds a member, with history and audit', async () => {
    const { area, call, tokenId } = await withToken();
    const started = await call('POST', '/families', {
      name: 'The Reid family',
      localityId: area.localityId,
      firstMember: {
        givenName: 'Agnes',
        familyName: 'Reid',
        dateOfBirth: '1958-04-02',
        roles: ['affected_family_member'],
        relationshipLabel: 'Grandmother',
      },
    });
    expect(started.statusCode).toBe(201);
    const { id, reference, personId } = started.json();
    expect(reference).toMatch(/^[A-Z]+-\d{4,}$/);

    const added = await call('POST', `/families/${id}/members`, {
      givenName: 'Leanne',
      familyName: 'Reid',
      approximateAge: 34,
      roles: ['using_substances'],
      safeToPhone: false,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      givenName: 'Leanne',
      approximateAge: 34,
      safeToPhone: false,
      roles: ['using_substances'],
    });

    const list = await call('GET', `/families/${id}/members`);
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .members.map((m: { name: string }) => m.name)
        .sort(),
    ).toEqual(['Agnes Reid', 'Leanne Reid']);
    expect(list.json().members.find((m: { name: string }) => m.name === 'Leanne Reid').notSafeTo).toEqual([
      'phone',
    ]);

    const patched = await call('PATCH', `/families/${id}/members/${personId}`, {
      preferredName: 'Nessie',
      phone: '01632 960001',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      preferredName: 'Nessie',
      phone: '01632 960001',
      givenName: 'Agnes',
      dateOfBirth: '1958-04-02',
    });
    const [change] = await database.db
      .select()
      .from(recordChange)
      .where(and(eq(recordChange.recordId, personId), eq(recordChange.action, 'amended')));
    expect(change).toEqual(
      expect.objectContaining({
        changedByToken: tokenId,
        changes: { preferredName: { from: null, to: 'Nessie' }, phone: { from: null, to: '01632 960001' } },
      }),
    );
    const events = await database.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(eq(auditEvent.actorTokenId, tokenId));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'family.create',
        'member.create',
        'member.list',
        'member.update',
        'member.read',
      ]),
    );
  });

  it('answers bad details with 422 problem details pointing at each field, and saves nothing', async () => {
    const { family, call } = await withToken();
    const response = await call('POST', `/families/${family.id}/members`, {
      givenName: 'Kayla',
      dateOfBirth: '2090-01-01',
      approximateAge: 4,
      email: 'kayla-at-example',
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual(
      expect.arrayContaining([
        { pointer: '#/dateOfBirth', detail: 'Date of birth must be today or in the past' },
        { pointer: '#/approximateAge', detail: 'Enter a date of birth or an approximate age, not both' },
        { pointer: '#/email', detail: 'Enter an email address in the right format, like name@example.org' },
      ]),
    );
    const list = await call('GET', `/families/${family.id}/members`);
    expect(list.json().members).toHaveLength(2);
  });

  it('gives 404 for every member route of a family of another organisation', async () => {
    const { call } = await withToken();
    const other = await createPractice(database.db);
    const theirs = await createFamily(database.db, other.area.id, [other.org.id]);
    const theirPerson = theirs.people[0]?.id as string;
    for (const [method, url] of [
      ['GET', `/families/${theirs.id}/members`],
      ['GET', `/families/${theirs.id}/members/${theirPerson}`],
      ['PATCH', `/families/${theirs.id}/members/${theirPerson}`],
      ['POST', `/families/${theirs.id}/members`],
    ] as const) {
      const response = await call(method, url, method === 'GET' ? undefined : { givenName: 'Someone' });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().detail).toBe('There is no family or member with this id that you may see.');
    }
  });

  it('hides a member from an organisation on the team once they withdraw consent', async () => {
    const supporter = await createPractice(database.db);
    const { org, call } = await withToken();
    const family = await createFamily(database.db, supporter.area.id, [supporter.org.id, org.id]);
    const person = family.people[0]?.id as string;
    expect((await call('GET', `/families/${family.id}/members/${person}`)).statusCode).toBe(200);
    await database.db
      .update(consent)
      .set({ status: 'withdrawn', withdrawnAt: new Date() })
      .where(and(eq(consent.personId, person), eq(consent.organisationId, org.id)));
    expect((await call('GET', `/families/${family.id}/members/${person}`)).statusCode).toBe(404);
    const list = await call('GET', `/families/${family.id}/members`);
    expect(list.json().members.map((m: { personId: string }) => m.personId)).toEqual([family.people[1]?.id]);
  });
});
