import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  auditEvent,
  consent,
  familyMembership,
  person,
  recordChange,
  relationship,
} from '../../db/schema.ts';
import { createFamily, createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

describe('relationship pages', () => {
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

  /** A family of Agnes (1960) and Callum (1995), and a signed-in practitioner of its team. */
  async function setUp() {
    const { area, org, user } = await createPractice(database.db);
    const family = await createFamily(database.db, area.id, [org.id]);
    const [agnes, callum] = family.people as unknown as [{ id: string }, { id: string }];
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);
    return { area, org, user, family, agnes, callum, browser, base: `/practice/families/${family.id}` };
  }

  async function relationshipsOf(familyId: string) {
    return database.db.select().from(relationship).where(eq(relationship.familyId, familyId));
  }

  it('adds a relationship said the other way round, stores it as parent of, and shows both sides', async () => {
    const { family, agnes, callum, browser, base, user } = await setUp();
    await database.db.update(person).set({ gender: 'Female' }).where(eq(person.id, agnes.id));
    await browser.get(`${base}/relationships/new`);
    const response = await browser.post(`${base}/relationships/new`, {
      from: callum.id,
      relation: 'child_of',
      to: agnes.id,
      quality: 'strained',
      current: 'current',
      note: 'They see each other on Sundays.',
    });
    expect(response.statusCode).toBe(303);

    const [saved] = await relationshipsOf(family.id);
    expect(saved).toMatchObject({
      fromPersonId: agnes.id,
      toPersonId: callum.id,
      kind: 'parent_of',
      quality: 'strained',
    });
    const page = await browser.get(response.headers.location as string);
    expect(page.body).toContain('Relationship added.');
    expect(page.body).toContain('Agnes Testfamily is mother of Callum Testfamily');
    expect(page.body).toContain('Callum Testfamily is child of Agnes Testfamily');

    const history = await database.db
      .select()
      .from(recordChange)
      .where(eq(recordChange.recordId, saved?.id as string));
    expect(history).toEqual([
      expect.objectContaining({ action: 'created', changedBy: user.id, familyId: family.id }),
    ]);
    expect(history[0]?.changes).toMatchObject({
      kind: { from: null, to: 'parent_of' },
      quality: { to: 'strained' },
    });
  });

  it('refuses a relationship to oneself, a child older than their parent and a duplicate, saving nothing', async () => {
    const { family, agnes, callum, browser, base } = await setUp();
    await browser.get(`${base}/relationships/new`);
    const self = await browser.post(`${base}/relationships/new`, {
      from: agnes.id,
      relation: 'friend_of',
      to: agnes.id,
      quality: 'supportive',
      current: 'current',
      note: '',
    });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('There is a problem');
    expect(self.body).toContain('someone cannot have a relationship with themselves');
    expect(self.body).toContain('href="#to"');

    // Callum (born 1995) cannot be the parent of Agnes (born 1960).
    const older = await browser.post(`${base}/relationships/new`, {
      from: callum.id,
      relation: 'parent_of',
      to: agnes.id,
      quality: 'supportive',
      current: 'current',
      note: '',
    });
    expect(older.statusCode).toBe(400);
    expect(older.body).toContain(
      'By the dates of birth given, Agnes Testfamily is not younger than Callum Testfamily',
    );
    expect(older.body).toContain('id="relation-error"');
    expect(await relationshipsOf(family.id)).toHaveLength(0);

    const first = await browser.post(`${base}/relationships/new`, {
      from: agnes.id,
      relation: 'parent_of',
      to: callum.id,
      quality: 'supportive',
      current: 'current',
      note: '',
    });
    expect(first.statusCode).toBe(303);
    await browser.get(`${base}/relationships/new`);
    const duplicate = await browser.post(`${base}/relationships/new`, {
      from: callum.id,
      relation: 'child_of',
      to: agnes.id,
      quality: 'mixed',
      current: 'current',
      note: '',
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('is already recorded');
    expect(await relationshipsOf(family.id)).toHaveLength(1);
  });

  it('asks for the missing choices next to each field', async () => {
    const { browser, base } = await setUp();
    await browser.get(`${base}/relationships/new`);
    const response = await browser.post(`${base}/relationships/new`, {
      from: '',
      relation: '',
      to: '',
      quality: '',
      current: '',
    });
    expect(response.statusCode).toBe(400);
    for (const id of ['from', 'relation', 'to', 'quality', 'current'])
      expect(response.body).toContain(`id="${id}-error"`);
  });

  it('changes a relationship and marks it as past, keeping old and new values shown as its history', async () => {
    const { family, agnes, callum, browser, base, user } = await setUp();
    await browser.get(`${base}/relationships/new`);
    await browser.post(`${base}/relationships/new`, {
      from: agnes.id,
      relation: 'parent_of',
      to: callum.id,
      quality: 'supportive',
      current: 'current',
      note: '',
    });
    const [saved] = await relationshipsOf(family.id);
    const id = saved?.id as string;
    await browser.get(`${base}/relationships/${id}/edit`);
    const changed = await browser.post(`${base}/relationships/${id}/edit`, {
      quality: 'harmful',
      current: 'current',
      note: '',
    });
    expect(changed.statusCode).toBe(303);
    await browser.get(`${base}/relationships/${id}/end`);
    const ended = await browser.post(`${base}/relationships/${id}/end`, {});
    expect(ended.statusCode).toBe(303);

    const [after] = await relationshipsOf(family.id);
    expect(after).toMatchObject({ quality: 'harmful', current: false, version: 3 });
    const history = await database.db
      .select({ action: recordChange.action, changes: recordChange.changes })
      .from(recordChange)
      .where(eq(recordChange.recordId, id))
      .orderBy(recordChange.id);
    expect(history.map((h) => h.action)).toEqual(['created', 'amended', 'ended']);
    expect(history[1]?.changes).toEqual({ quality: { from: 'supportive', to: 'harmful' } });
    expect(history[2]?.changes).toEqual({ current: { from: true, to: false } });

    const page = await browser.get(`${base}/relationships/history`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Agnes Testfamily is parent of Callum Testfamily');
    expect(page.body).toContain('How it is: was Supportive, now Harmful');
    expect(page.body).toContain('Current or past: was Current, now In the past');
    expect(page.body).toContain('Marked as in the past');
    expect(page.body).toContain(user.displayName);
  });

  it('shows nothing to another organisation and audits the refusal', async () => {
    const { area, family } = await setUp();
    const outsider = await createUser(database.db, (await createOrganisation(database.db, area.id)).id, [
      'practitioner',
    ]);
    const browser = new TestBrowser(app);
    await browser.signIn(outsider.email);
    for (const path of ['relationships', 'relationships/new', 'relationships/history', 'map', 'map/print']) {
      const page = await browser.get(`/practice/families/${family.id}/${path}`);
      expect(page.statusCode).toBe(404);
      expect(page.body).not.toContain('Testfamily');
    }
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, outsider.id), eq(auditEvent.outcome, 'denied')));
    expect(denied.length).toBe(5);
  });

  it('hides a relationship with a member who withdrew consent, and refuses to relate to them', async () => {
    const { family, agnes, callum, base } = await setUp();
    // A second organisation on the team, which does not support the members itself.
    const other = await createOrganisation(database.db, family.partnershipAreaId);
    const worker = await createUser(database.db, other.id, ['practitioner']);
    await database.db.execute(
      `insert into family_team_member (family_id, organisation_id) values ('${family.id}', '${other.id}')` as never,
    );
    await database.db.insert(consent).values(
      [agnes.id, callum.id].map((personId) => ({
        familyId: family.id,
        personId,
        organisationId: other.id,
        status: 'given' as const,
        scope: 'All',
        method: 'verbal' as const,
      })),
    );
    await database.db
      .insert(relationship)
      .values({ familyId: family.id, fromPersonId: agnes.id, toPersonId: callum.id, kind: 'parent_of' });
    const browser = new TestBrowser(app);
    await browser.signIn(worker.email);
    expect((await browser.get(`${base}/relationships`)).body).toContain(
      'Agnes Testfamily is parent of Callum Testfamily',
    );

    await database.db
      .update(consent)
      .set({ status: 'withdrawn', withdrawnAt: new Date() })
      .where(and(eq(consent.personId, callum.id), eq(consent.organisationId, other.id)));
    const page = await browser.get(`${base}/relationships`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Callum');
    const map = await browser.get(`${base}/map`);
    expect(map.body).not.toContain('Callum');
    await browser.get(`${base}/relationships/new`);
    const refused = await browser.post(`${base}/relationships/new`, {
      from: agnes.id,
      relation: 'friend_of',
      to: callum.id,
      quality: 'supportive',
      current: 'current',
      note: '',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Select someone who is a current member of this family');
  });

  it('draws the family map as an SVG with the same information as lists', async () => {
    const { family, agnes, callum, browser, base } = await setUp();
    await database.db.insert(relationship).values({
      familyId: family.id,
      fromPersonId: agnes.id,
      toPersonId: callum.id,
      kind: 'parent_of',
      quality: 'harmful',
    });
    const page = await browser.get(`${base}/map`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="family-map-title family-map-desc"/);
    expect(page.body).toContain('<title id="family-map-title">Family map: Test family</title>');
    expect(page.body).toContain('stroke="#d4351c"');
    expect(page.body).toContain(
      'Agnes Testfamily is parent of Callum Testfamily (Callum Testfamily is child of Agnes Testfamily). Harmful.',
    );
    const print = await browser.get(`${base}/map/print`);
    expect(print.statusCode).toBe(200);
    expect(print.body).not.toContain('hearth-header');
    // A member who has left the family is not drawn.
    await database.db
      .update(familyMembership)
      .set({ endedOn: new Date().toISOString().slice(0, 10) })
      .where(eq(familyMembership.personId, callum.id));
    const after = await browser.get(`${base}/map`);
    expect(after.body).not.toContain('Callum');
  });
});
