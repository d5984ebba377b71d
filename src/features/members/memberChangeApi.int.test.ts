import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, familyMembership, memberSupport, person, recordChange } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { createFamily, createPractice, createUser } from '../../testing/fixtures.ts';
import { testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { ApiTokenService } from '../api/apiTokenService.ts';

describe('the member changes API: support, leaving, moving and merging', () => {
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

  const today = () => new Date().toISOString().slice(0, 10);

  /** A practice with two families on its caseload and an API token with the given roles. */
  async function withToken(roles: ('practitioner' | 'team_lead')[] = ['practitioner']) {
    const { area, org, user } = await createPractice(database.db, ['org_admin']);
    const family = await createFamily(database.db, area.id, [org.id]);
    const other = await createFamily(database.db, area.id, [org.id]);
    const access: AccessContext = {
      userId: user.id,
      tokenId: undefined,
      organisationId: org.id,
      partnershipAreaId: area.id,
      roles: ['org_admin'],
      ip: '127.0.0.1',
      requestId: 'test',
    };
    const issued = await new ApiTokenService(database.db).issue(access, { name: 'Case system', roles });
    const call = (method: 'POST' | 'PUT', url: string, payload: object) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { authorization: `Bearer ${issued.token}` },
        payload,
      });
    const agnes = family.people[0]?.id as string;
    return { area, org, family, other, agnes, call, tokenId: issued.id };
  }

  it('sets a member’s support with a worker, keeps it confidential, and records history and audit', async () => {
    const { org, family, agnes, call, tokenId } = await withToken();
    const worker = await createUser(database.db, org.id, ['practitioner']);
    const saved = await call('PUT', `/families/${family.id}/members/${agnes}/support`, {
      status: 'being_supported',
      workerId: worker.id,
      confidential: true,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().support).toEqual([
      expect.objectContaining({ organisationId: org.id, status: 'being_supported', confidential: true }),
    ]);
    const [row] = await database.db
      .select()
      .from(memberSupport)
      .where(and(eq(memberSupport.personId, agnes), eq(memberSupport.organisationId, org.id)));
    expect(row).toEqual(expect.objectContaining({ workerId: worker.id, confidential: true }));
    const changes = await database.db
      .select()
      .from(recordChange)
      .where(eq(recordChange.changedByToken, tokenId));
    expect(changes.length).toBeGreaterThan(0);
    const events = await database.db.select().from(auditEvent).where(eq(auditEvent.actorTokenId, tokenId));
    expect(events.map((e) => e.action)).toContain('support.update');
  });

  it('refuses a closed support without a reason, or a worker of another organisation, and saves nothing', async () => {
    const { family, agnes, call, org } = await withToken();
    const stranger = await createPractice(database.db);
    const before = await database.db
      .select()
      .from(memberSupport)
      .where(and(eq(memberSupport.personId, agnes), eq(memberSupport.organisationId, org.id)));
    const closing = await call('PUT', `/families/${family.id}/members/${agnes}/support`, {
      status: 'closed',
    });
    expect(closing.statusCode).toBe(422);
    expect(closing.json().errors).toEqual([
      { pointer: '#/closedReason', detail: 'Enter why their support closed' },
    ]);
    const badWorker = await call('PUT', `/families/${family.id}/members/${agnes}/support`, {
      status: 'being_supported',
      workerId: stranger.user.id,
    });
    expect(badWorker.statusCode).toBe(422);
    expect(badWorker.json().errors[0].pointer).toBe('#/workerId');
    const after = await database.db
      .select()
      .from(memberSupport)
      .where(and(eq(memberSupport.personId, agnes), eq(memberSupport.organisationId, org.id)));
    expect(after).toEqual(before);
  });

  it('ends a membership, and moves a member to another family on the same day', async () => {
    const { family, other, agnes, call } = await withToken();
    const callum = family.people[1]?.id as string;
    const left = await call('POST', `/families/${family.id}/members/${callum}/leave`, {
      endedOn: today(),
      reason: 'Moved out to live with his partner',
    });
    expect(left.statusCode).toBe(200);
    expect(left.json()).toEqual({
      personId: callum,
      leftFamilyId: family.id,
      endedOn: today(),
      movedTo: null,
    });

    const moved = await call('POST', `/families/${family.id}/members/${agnes}/leave`, {
      endedOn: today(),
      reason: 'Now lives with her other daughter',
      toFamilyId: other.id,
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().movedTo).toEqual(expect.objectContaining({ personId: agnes, familyId: other.id }));
    const memberships = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.personId, agnes));
    expect(memberships.map((m) => [m.familyId, m.endedOn])).toEqual(
      expect.arrayContaining([
        [family.id, today()],
        [other.id, null],
      ]),
    );
  });

  it('refuses a leaving date in the future, and a move to the same family', async () => {
    const { family, agnes, call } = await withToken();
    const future = await call('POST', `/families/${family.id}/members/${agnes}/leave`, {
      endedOn: '2999-01-01',
      reason: 'Moving',
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().errors).toEqual([
      { pointer: '#/endedOn', detail: 'The date they left must be today or in the past' },
    ]);
    const same = await call('POST', `/families/${family.id}/members/${agnes}/leave`, {
      endedOn: today(),
      reason: 'Moving',
      toFamilyId: family.id,
    });
    expect(same.statusCode).toBe(422);
    const [membership] = await database.db
      .select()
      .from(familyMembership)
      .where(and(eq(familyMembership.personId, agnes), eq(familyMembership.familyId, family.id)));
    expect(membership?.endedOn).toBeNull();
  });

  it('merges two records of one person for a team lead only', async () => {
    const practitioner = await withToken(['practitioner']);
    const duplicate = practitioner.other.people[0]?.id as string;
    const refused = await practitioner.call('POST', `/people/${practitioner.agnes}/merge`, {
      duplicateId: duplicate,
    });
    expect(refused.statusCode).toBe(404);

    const lead = await withToken(['team_lead']);
    const twin = lead.other.people[0]?.id as string;
    const merged = await lead.call('POST', `/people/${lead.agnes}/merge`, { duplicateId: twin });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toEqual({ keptPersonId: lead.agnes, mergedPersonId: twin });
    const [marked] = await database.db.select().from(person).where(eq(person.id, twin));
    expect(marked?.mergedIntoId).toBe(lead.agnes);
    const same = await lead.call('POST', `/people/${lead.agnes}/merge`, { duplicateId: lead.agnes });
    expect(same.statusCode).toBe(422);
  });

  it('gives 404 for every change to a member of another organisation’s family', async () => {
    const { call } = await withToken(['team_lead']);
    const theirs = await createPractice(database.db);
    const family = await createFamily(database.db, theirs.area.id, [theirs.org.id]);
    const them = family.people[0]?.id as string;
    const mine = await withToken(['team_lead']);
    for (const [method, url, body] of [
      ['PUT', `/families/${family.id}/members/${them}/support`, { status: 'being_supported' }],
      ['POST', `/families/${family.id}/members/${them}/leave`, { endedOn: today(), reason: 'Moved away' }],
      ['POST', `/people/${mine.agnes}/merge`, { duplicateId: them }],
    ] as const) {
      const response = await (url.startsWith('/people') ? mine.call : call)(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const [membership] = await database.db
      .select()
      .from(familyMembership)
      .where(eq(familyMembership.personId, them));
    expect(membership?.endedOn).toBeNull();
  });
});
