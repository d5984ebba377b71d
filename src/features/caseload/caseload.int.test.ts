import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, caseloadLimit, memberSupport, recordChange } from '../../db/schema.ts';
import { createFamily, createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

describe('caseloads and allocation', () => {
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

  /** A team lead and two workers; one family of two members, the first waiting for a worker, the second with Ailsa. */
  async function scenario() {
    const db = database.db;
    const { area, org, user: lead } = await createPractice(db, ['team_lead']);
    const ailsa = await createUser(db, org.id, ['practitioner']);
    const bruce = await createUser(db, org.id, ['volunteer']);
    const home = await createFamily(db, area.id, [org.id]);
    const [waiting, held] = home.people as [(typeof home.people)[0], (typeof home.people)[0]];
    await db
      .update(memberSupport)
      .set({ workerId: ailsa.id, weight: 2 })
      .where(and(eq(memberSupport.familyId, home.id), eq(memberSupport.personId, held.id)));
    const [support] = await db
      .select()
      .from(memberSupport)
      .where(and(eq(memberSupport.familyId, home.id), eq(memberSupport.personId, waiting.id)));
    if (!support) throw new Error('no support');
    const asLead = new TestBrowser(app);
    await asLead.signIn(lead.email);
    return { area, org, lead, ailsa, bruce, home, waiting, held, support, asLead };
  }

  it('shows a team lead each worker’s weighted load and the work waiting for a worker', async () => {
    const s = await scenario();
    await database.db
      .insert(caseloadLimit)
      .values({ userId: s.ailsa.id, organisationId: s.org.id, maxWeight: 2 });
    const page = await s.asLead.get('/practice/caseload');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(s.ailsa.displayName);
    expect(page.body).toMatch(/2 of 2[\s\S]*At limit/);
    expect(page.body).toContain('Work to allocate');
    expect(page.body).toContain(`/practice/caseload/allocate/${s.support.id}`);
    const [audit] = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, s.lead.id), eq(auditEvent.action, 'caseload.unallocated.read')));
    expect(audit?.detail).toEqual({ shown: 1, families: [s.home.id] });
  });

  it('warns before taking a worker over their limit, saves nothing, and allocates once the lead confirms', async () => {
    const s = await scenario();
    await database.db
      .insert(caseloadLimit)
      .values({ userId: s.ailsa.id, organisationId: s.org.id, maxWeight: 3 });
    const url = `/practice/caseload/allocate/${s.support.id}`;
    const form = await s.asLead.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Now 2 of 3; 3 after this');
    const warned = await s.asLead.post(url, {
      workerId: s.ailsa.id,
      weight: '2',
      version: String(s.support.version),
    });
    expect(warned.statusCode).toBe(409);
    expect(warned.body).toContain('over their caseload limit');
    expect(warned.body).toContain('it would be 4, 1 over');
    const [unchanged] = await database.db
      .select()
      .from(memberSupport)
      .where(eq(memberSupport.id, s.support.id));
    expect(unchanged?.workerId).toBeNull();

    const confirmed = await s.asLead.post(url, {
      workerId: s.ailsa.id,
      weight: '2',
      version: String(s.support.version),
      confirm: 'yes',
    });
    expect(confirmed.statusCode).toBe(303);
    const [allocated] = await database.db
      .select()
      .from(memberSupport)
      .where(eq(memberSupport.id, s.support.id));
    expect(allocated).toMatchObject({ workerId: s.ailsa.id, weight: 2, version: s.support.version + 1 });
    const history = await database.db
      .select()
      .from(recordChange)
      .where(eq(recordChange.recordId, s.support.id));
    expect(history[0]?.changes).toEqual({
      workerId: { from: null, to: s.ailsa.id },
      weight: { from: 1, to: 2 },
    });
    const [audit] = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, s.support.id), eq(auditEvent.action, 'caseload.allocate')));
    expect(audit?.detail).toMatchObject({ workerId: s.ailsa.id, overLimit: true });
  });

  it('does not overwrite an allocation someone else made meanwhile', async () => {
    const s = await scenario();
    const url = `/practice/caseload/allocate/${s.support.id}`;
    await s.asLead.get(url);
    await database.db
      .update(memberSupport)
      .set({ workerId: s.bruce.id, version: s.support.version + 1 })
      .where(eq(memberSupport.id, s.support.id));
    const response = await s.asLead.post(url, {
      workerId: s.ailsa.id,
      weight: '1',
      version: String(s.support.version),
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Someone else changed this member');
    const [kept] = await database.db.select().from(memberSupport).where(eq(memberSupport.id, s.support.id));
    expect(kept?.workerId).toBe(s.bruce.id);
  });

  it('says what is wrong next to the field, and saves nothing', async () => {
    const s = await scenario();
    const url = `/practice/caseload/allocate/${s.support.id}`;
    await s.asLead.get(url);
    const response = await s.asLead.post(url, { weight: '7', version: String(s.support.version) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain('href="#workerId"');
    expect(response.body).toContain('Choose how complex this member’s support is');
    const limit = await s.asLead.post(`/practice/caseload/workers/${s.ailsa.id}/limit`, { limit: '0' });
    expect(limit.statusCode).toBe(400);
    expect(limit.body).toContain('Enter a limit between 1 and 200');
    expect(
      await database.db.select().from(caseloadLimit).where(eq(caseloadLimit.userId, s.ailsa.id)),
    ).toEqual([]);
  });

  it('lets a lead set and clear a worker’s limit', async () => {
    const s = await scenario();
    const url = `/practice/caseload/workers/${s.bruce.id}/limit`;
    await s.asLead.get(url);
    expect((await s.asLead.post(url, { limit: '15' })).statusCode).toBe(303);
    const [set] = await database.db.select().from(caseloadLimit).where(eq(caseloadLimit.userId, s.bruce.id));
    expect(set).toMatchObject({ maxWeight: 15, setBy: s.lead.id });
    expect((await s.asLead.post(url, { limit: '' })).statusCode).toBe(303);
    expect(
      await database.db.select().from(caseloadLimit).where(eq(caseloadLimit.userId, s.bruce.id)),
    ).toEqual([]);
  });

  it('refuses work and workers of another organisation as not found, and audits the refusal', async () => {
    const s = await scenario();
    const other = await createOrganisation(database.db, s.area.id);
    const otherLead = await createUser(database.db, other.id, ['team_lead']);
    const asOther = new TestBrowser(app);
    await asOther.signIn(otherLead.email);
    const page = await asOther.get('/practice/caseload');
    expect(page.body).not.toContain(s.ailsa.displayName);
    expect(page.body).not.toContain(s.home.reference);
    expect((await asOther.get(`/practice/caseload/allocate/${s.support.id}`)).statusCode).toBe(404);
    expect((await asOther.get(`/practice/caseload/workers/${s.ailsa.id}/limit`)).statusCode).toBe(404);
    const post = await asOther.post(`/practice/caseload/allocate/${s.support.id}`, {
      workerId: otherLead.id,
      weight: '1',
      version: '1',
    });
    expect(post.statusCode).toBe(404);
    const denied = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, otherLead.id), eq(auditEvent.outcome, 'denied')));
    expect(denied.map((e) => e.action)).toContain('caseload.allocate');
  });

  it('shows a worker their own caseload only, and keeps allocation to team leads', async () => {
    const s = await scenario();
    const asAilsa = new TestBrowser(app);
    await asAilsa.signIn(s.ailsa.email);
    const page = await asAilsa.get('/practice/caseload');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your caseload');
    expect(page.body).not.toContain(s.bruce.displayName);
    expect(page.body).not.toContain('Work to allocate');
    // Her own members are listed, each with their last contact.
    expect(page.body).toMatch(
      new RegExp(`Your members[\\s\\S]*${s.held.givenName} Testfamily[\\s\\S]*None yet`),
    );
    expect(page.body).not.toContain(`${s.waiting.givenName} Testfamily`);
    expect((await asAilsa.get(`/practice/caseload/allocate/${s.support.id}`)).statusCode).toBe(403);
  });
});
