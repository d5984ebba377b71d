import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, chronologyEntry, person } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createFamily, createOrganisation, createPractice } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { ApiTokenService } from '../api/apiTokenService.ts';

describe('the search and chronology API', () => {
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

  async function tokenFor(org: { id: string; partnershipAreaId: string }, adminId: string) {
    const admin: AccessContext = {
      userId: adminId,
      tokenId: undefined,
      organisationId: org.id,
      partnershipAreaId: org.partnershipAreaId,
      roles: ['org_admin'],
      ip: '127.0.0.1',
      requestId: 'test',
    };
    const issued = await tokens.issue(admin, { name: 'Case system', roles: ['practitioner'] });
    return { authorization: `Bearer ${issued.token}`, tokenId: issued.id };
  }

  async function setUp() {
    const { area, org, user } = await createPractice(database.db, ['org_admin']);
    const family = await createFamily(database.db, area.id, [org.id]);
    const surname = `Kennedy${randomUUID().slice(0, 6).replace(/\d/g, 'q')}`;
    const agnes = family.people[0] as { id: string };
    await database.db
      .update(person)
      .set({ familyName: surname, postcode: 'FK1 1AA' })
      .where(eq(person.id, agnes.id));
    return { area, org, user, family, agnes, surname, headers: await tokenFor(org, user.id) };
  }

  it('finds a family by a misspelt name and postcode, and audits the search with its count only', async () => {
    const { family, agnes, surname, headers } = await setUp();

    const response = await app.inject({
      url: `/api/v1/search/families?name=${surname.replace('Kennedy', 'Kenedy')}&postcode=fk11aa`,
      headers,
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      total: 1,
      families: [
        expect.objectContaining({
          id: family.id,
          reference: family.reference,
          matches: [expect.objectContaining({ personId: agnes.id, familyName: surname, current: true })],
        }),
      ],
    });
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorTokenId, headers.tokenId), eq(auditEvent.action, 'family.search')));
    expect(events.map((e) => e.detail)).toEqual([{ results: 1 }]);
  });

  it('tells a token of another organisation nothing, and refuses a search with no terms', async () => {
    const { area, surname } = await setUp();
    const outsiderOrg = await createOrganisation(database.db, area.id);
    const outsider = await createPractice(database.db, ['org_admin']);
    const headers = await tokenFor(outsiderOrg, outsider.user.id);

    const response = await app.inject({ url: `/api/v1/search/families?name=${surname}`, headers });
    const empty = await app.inject({ url: '/api/v1/search/families?name=a', headers });

    expect(response.json()).toEqual({ total: 0, families: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
  });

  it('adds and reads chronology entries, with the form’s checks and the access rule', async () => {
    const { area, family, agnes, headers } = await setUp();
    const url = `/api/v1/families/${family.id}/chronology`;

    const created = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: {
        personId: agnes.id,
        occurredOn: '2025-02',
        kind: 'strength',
        what: 'Agnes started attending the family support group',
        impact: 'positive',
      },
    });
    const bad = await app.inject({
      method: 'POST',
      url,
      headers,
      payload: {
        occurredOn: '2025-02-30',
        occurredUntil: '2025-01-01',
        kind: 'event',
        what: 'x',
        impact: 'neutral',
      },
    });
    const list = await app.inject({ url: `${url}?member=${agnes.id}&impact=positive`, headers });

    expect(created.statusCode).toBe(201);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { pointer: '#/body/occurredOn', detail: 'The date it happened must be a real date' },
    ]);
    expect(list.statusCode).toBe(200);
    expect(list.json().entries).toEqual([
      expect.objectContaining({
        id: created.json().id,
        occurredOn: '2025-02-01',
        datePrecision: 'month',
        kind: 'strength',
        automatic: false,
      }),
    ]);
    const saved = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, family.id));
    expect(saved.length).toBe(1);

    const outsider = await createPractice(database.db, ['org_admin']);
    const otherOrg = await createOrganisation(database.db, area.id);
    const outsiderHeaders = await tokenFor(otherOrg, outsider.user.id);
    const refused = await app.inject({ url, headers: outsiderHeaders });
    const refusedWrite = await app.inject({
      method: 'POST',
      url,
      headers: outsiderHeaders,
      payload: { occurredOn: '2025-02-01', kind: 'event', what: 'Something', impact: 'neutral' },
    });
    expect(refused.statusCode).toBe(404);
    expect(refusedWrite.statusCode).toBe(404);
  });
});
