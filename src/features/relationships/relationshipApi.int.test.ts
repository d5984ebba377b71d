import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, recordChange, relationship } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createFamily, createOrganisation, createPractice } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { ApiTokenService } from '../api/apiTokenService.ts';

describe('the relationships API', () => {
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

  async function tokenFor(org: { id: string; partnershipAreaId: string }, userId: string) {
    const access: AccessContext = {
      userId,
      tokenId: undefined,
      organisationId: org.id,
      partnershipAreaId: org.partnershipAreaId,
      roles: ['org_admin'],
      ip: '127.0.0.1',
      requestId: 'test',
    };
    const issued = await new ApiTokenService(database.db).issue(access, {
      name: 'Test system',
      roles: ['practitioner'],
    });
    return { authorization: `Bearer ${issued.token}`, tokenId: issued.id };
  }

  async function setUp() {
    const { area, org, user } = await createPractice(database.db, ['org_admin']);
    const family = await createFamily(database.db, area.id, [org.id]);
    const headers = await tokenFor(org, user.id);
    const [agnes, callum] = family.people as unknown as [{ id: string }, { id: string }];
    return {
      area,
      org,
      user,
      family,
      agnes,
      callum,
      headers,
      url: `/api/v1/families/${family.id}/relationships`,
    };
  }

  it('records, lists, changes and ends a relationship, with history and audit for the token', async () => {
    const { family, agnes, callum, headers, url } = await setUp();
    const members = await app.inject({ url: `/api/v1/families/${family.id}/members`, headers });
    expect(JSON.stringify(members.json())).toContain(agnes.id);

    const created = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: { fromPersonId: callum.id, toPersonId: agnes.id, kind: 'child_of', quality: 'supportive' },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      fromPersonId: agnes.id,
      toPersonId: callum.id,
      kind: 'parent_of',
      quality: 'supportive',
      current: true,
      said: 'Agnes Testfamily is parent of Callum Testfamily',
      saidInverse: 'Callum Testfamily is child of Agnes Testfamily',
    });

    const list = await app.inject({ url, headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().relationships).toHaveLength(1);

    const changed = await app.inject({
      method: 'PATCH',
      url: `${url}/${body.id}`,
      headers,
      payload: { quality: 'mixed', note: 'Better since the summer.' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      quality: 'mixed',
      note: 'Better since the summer.',
      current: true,
    });

    const ended = await app.inject({ method: 'DELETE', url: `${url}/${body.id}`, headers });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().current).toBe(false);

    const history = await database.db.select().from(recordChange).where(eq(recordChange.recordId, body.id));
    expect(history.map((h) => h.action).sort()).toEqual(['amended', 'created', 'ended']);
    expect(history.every((h) => h.changedByToken === headers.tokenId)).toBe(true);
    const audits = await database.db
      .select({ action: auditEvent.action })
      .from(auditEvent)
      .where(and(eq(auditEvent.actorTokenId, headers.tokenId), eq(auditEvent.familyId, family.id)));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'relationship.create',
        'relationship.list',
        'relationship.amend',
        'relationship.end',
      ]),
    );
  });

  it('answers bad relationships with 422 problem details pointing at the field, saving nothing', async () => {
    const { family, agnes, callum, headers, url } = await setUp();
    const self = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: { fromPersonId: agnes.id, toPersonId: agnes.id, kind: 'friend_of' },
    });
    expect(self.statusCode).toBe(422);
    expect(self.headers['content-type']).toContain('application/problem+json');
    expect(self.json().errors).toEqual([expect.objectContaining({ pointer: '#/toPersonId' })]);

    const older = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: { fromPersonId: callum.id, toPersonId: agnes.id, kind: 'grandparent_of' },
    });
    expect(older.statusCode).toBe(422);
    expect(older.json().errors[0].pointer).toBe('#/kind');

    await app.inject({
      method: 'POST',
      url,
      headers,
      payload: { fromPersonId: agnes.id, toPersonId: callum.id, kind: 'partner_of' },
    });
    const duplicate = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: { fromPersonId: callum.id, toPersonId: agnes.id, kind: 'partner_of' },
    });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.json().errors[0].detail).toContain('already recorded');
    expect(
      await database.db.select().from(relationship).where(eq(relationship.familyId, family.id)),
    ).toHaveLength(1);

    const badKind = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: { fromPersonId: agnes.id, toPersonId: callum.id, kind: 'cousin_of' },
    });
    expect(badKind.statusCode).toBe(400);
  });

  it('answers 404 to a token whose organisation is not on the team, and audits the refusal', async () => {
    const { area, family, agnes, callum } = await setUp();
    const other = await createOrganisation(database.db, area.id);
    const { user } = await createPractice(database.db, ['org_admin']);
    const headers = await tokenFor(other, user.id);
    const url = `/api/v1/families/${family.id}/relationships`;
    expect((await app.inject({ url, headers })).statusCode).toBe(404);
    const post = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: { fromPersonId: agnes.id, toPersonId: callum.id, kind: 'partner_of' },
    });
    expect(post.statusCode).toBe(404);
    expect(post.headers['content-type']).toContain('application/problem+json');
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorTokenId, headers.tokenId), eq(auditEvent.outcome, 'denied')));
    expect(denied.map((d) => d.action).sort()).toEqual(['relationship.create', 'relationship.list']);
    expect(
      await database.db.select().from(relationship).where(eq(relationship.familyId, family.id)),
    ).toHaveLength(0);
  });
});
