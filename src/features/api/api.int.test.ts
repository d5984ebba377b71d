import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { apiToken, auditEvent, type Role } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createFamily, createOrganisation, createPractice } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { type ApiTokenRole, ApiTokenService } from './apiTokenService.ts';

describe('the JSON API', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let tokens: ApiTokenService;
  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    tokens = new ApiTokenService(database.db);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  function adminOf(org: { id: string; partnershipAreaId: string }, userId: string): AccessContext {
    const roles: Role[] = ['org_admin'];
    return {
      userId,
      tokenId: undefined,
      organisationId: org.id,
      partnershipAreaId: org.partnershipAreaId,
      roles,
      ip: '127.0.0.1',
      requestId: 'test',
    };
  }

  /** An organisation with a family on its caseload and an API token for it. */
  async function organisationWithToken(roles: ApiTokenRole[] = ['practitioner']) {
    const { area, org, user } = await createPractice(database.db, ['org_admin']);
    const family = await createFamily(database.db, area.id, [org.id]);
    const issued = await tokens.issue(adminOf(org, user.id), { name: 'Test system', roles });
    return {
      area,
      org,
      admin: user,
      family,
      ...issued,
      headers: { authorization: `Bearer ${issued.token}` },
    };
  }

  function get(url: string, headers: Record<string, string> = {}) {
    return app.inject({ url, headers });
  }

  describe('bearer tokens', () => {
    it('answers a call without a token with 401 problem details and a Bearer challenge', async () => {
      const response = await get('/api/v1/families');
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="Hearth API"');
      expect(response.json()).toMatchObject({ status: 401, title: 'Unauthorised' });
    });

    it('refuses an unknown, malformed or differently-sent token as invalid_token', async () => {
      const { token } = await organisationWithToken();
      for (const authorization of [
        `Bearer hearth_${'x'.repeat(43)}`,
        'Bearer not-a-token',
        `Basic ${token}`,
        `Bearer ${token}x`,
      ]) {
        const response = await get('/api/v1/me', { authorization });
        expect(response.statusCode, authorization).toBe(401);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      const unknown = await get('/api/v1/me', { authorization: `Bearer hearth_${'x'.repeat(43)}` });
      expect(unknown.headers['www-authenticate']).toContain('error="invalid_token"');
    });

    it('refuses a revoked token', async () => {
      const { org, admin, id, headers } = await organisationWithToken();
      expect((await get('/api/v1/me', headers)).statusCode).toBe(200);
      expect(await tokens.revoke(adminOf(org, admin.id), id)).toBe('revoked');
      const response = await get('/api/v1/me', headers);
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toContain('revoked');
    });

    it('ignores a signed-in session cookie: the API takes bearer tokens only', async () => {
      const { user } = await createPractice(database.db);
      const browser = new TestBrowser(app);
      await browser.signIn(user.email);
      const response = await get('/api/v1/families', { cookie: browser.cookieHeader() });
      expect(response.statusCode).toBe(401);
    });

    it('records when a token was last used, at most once a minute', async () => {
      const { id, headers } = await organisationWithToken();
      const lastUsed = async () =>
        (await database.db.select().from(apiToken).where(eq(apiToken.id, id)))[0]?.lastUsedAt;
      expect(await lastUsed()).toBeNull();
      await get('/api/v1/me', headers);
      const first = await lastUsed();
      expect(first).toBeInstanceOf(Date);
      await get('/api/v1/me', headers);
      expect(await lastUsed()).toEqual(first);
    });
  });

  it('tells a client which token and organisation it is', async () => {
    const { org, id, headers } = await organisationWithToken(['practitioner', 'team_lead']);
    const response = await get('/api/v1/me', headers);
    expect(response.json()).toEqual({
      token: { id, name: 'Test system' },
      organisation: { id: org.id, name: org.name },
      roles: ['practitioner', 'team_lead'],
    });
  });

  describe('families', () => {
    it('lists the organisation’s open families with only the documented fields, and audits the read', async () => {
      const { area, org, family, id, headers } = await organisationWithToken();
      await createFamily(database.db, area.id, [(await createOrganisation(database.db, area.id)).id]);

      const response = await get('/api/v1/families', headers);

      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toEqual({
        total: 1,
        limit: 25,
        offset: 0,
        families: [
          {
            id: family.id,
            reference: family.reference,
            name: 'Test family',
            locality: null,
            memberCount: 2,
            updatedAt: new Date(family.updatedAt).toISOString(),
          },
        ],
      });
      const audit = await database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.actorTokenId, id), eq(auditEvent.action, 'family.list')));
      expect(audit).toEqual([expect.objectContaining({ organisationId: org.id, actorUserId: null })]);
    });

    it('pages with limit and offset', async () => {
      const { area, org, headers } = await organisationWithToken();
      await createFamily(database.db, area.id, [org.id]);
      await createFamily(database.db, area.id, [org.id]);
      const first = (await get('/api/v1/families?limit=2', headers)).json();
      const rest = (await get('/api/v1/families?limit=2&offset=2', headers)).json();
      expect(first.total).toBe(3);
      expect(first.families).toHaveLength(2);
      expect(rest.families).toHaveLength(1);
      expect(rest.families[0].id).not.toBe(first.families[0].id);
    });

    it('answers a bad limit or offset with 400 problem details saying which parameter', async () => {
      const { headers } = await organisationWithToken();
      for (const [query, pointer] of [
        ['limit=0', '#/querystring/limit'],
        ['limit=101', '#/querystring/limit'],
        ['limit=ten', '#/querystring/limit'],
        ['offset=-1', '#/querystring/offset'],
      ]) {
        const response = await get(`/api/v1/families?${query}`, headers);
        expect(response.statusCode, query).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json()).toMatchObject({
          status: 400,
          errors: [expect.objectContaining({ pointer })],
        });
      }
    });

    it('shows one family with its members and team, without internal ids of people', async () => {
      const { org, family, headers } = await organisationWithToken();
      const response = await get(`/api/v1/families/${family.id}`, headers);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        id: family.id,
        reference: family.reference,
        status: 'open',
        memberCount: 2,
      });
      expect(body.members).toEqual([
        expect.objectContaining({ givenName: 'Agnes', relationship: 'Mother', dateOfBirth: '1960-04-02' }),
        expect.objectContaining({ givenName: 'Callum', relationship: 'Son', roles: ['using_substances'] }),
      ]);
      expect(body.members[0]).not.toHaveProperty('personId');
      expect(body.team).toEqual([
        expect.objectContaining({ organisationId: org.id, organisationName: org.name }),
      ]);
    });

    it('answers 404 for another organisation’s family, shows nothing of it, and audits the refusal', async () => {
      const a = await organisationWithToken();
      const b = await organisationWithToken();

      const response = await get(`/api/v1/families/${a.family.id}`, b.headers);

      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).not.toContain('Testfamily');
      const audit = await database.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.actorTokenId, b.id), eq(auditEvent.recordId, a.family.id)));
      expect(audit).toEqual([
        expect.objectContaining({ action: 'family.read', outcome: 'denied', organisationId: b.org.id }),
      ]);
    });

    it('answers 400 for an id that is not a UUID', async () => {
      const { headers } = await organisationWithToken();
      const response = await get('/api/v1/families/GC-0001', headers);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].pointer).toBe('#/params/familyId');
    });
  });
});
