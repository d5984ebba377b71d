import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, consent, familyTeamMember, memberSupport, supportGroup } from '../../db/schema.ts';
import { createFamily, createPractice } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { contactFields, recordContact } from '../contacts/contactTesting.ts';
import { isoWeekday } from '../groups/groupRepository.ts';
import { findMyWork } from './myWorkRepository.ts';

describe('my work on the home page', () => {
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

  it('lists the worker’s own members with their last contact, flags those due one, and today’s groups', async () => {
    const db = database.db;
    const { area, org, user } = await createPractice(db);
    const home = await createFamily(db, area.id, [org.id]);
    const [agnes, callum] = home.people as [(typeof home.people)[0], (typeof home.people)[0]];
    await db.update(memberSupport).set({ workerId: user.id }).where(eq(memberSupport.familyId, home.id));
    const today = todayInUk(new Date());
    await db.insert(supportGroup).values({
      organisationId: org.id,
      name: 'Carse family support group',
      kind: 'family_support',
      forWhom: 'Adults affected by a loved one’s drinking or drug use',
      location: 'Carse Community Centre',
      meets: 'Every week, 7pm',
      weekday: isoWeekday(today),
    });
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);
    // Agnes had a phone call three days ago, recorded as a worker would.
    const call = await recordContact(
      browser,
      home.id,
      contactFields([agnes.id], { channel: 'phone' }, new Date(Date.now() - 3 * 86_400_000)),
    );
    expect(call.statusCode).toBe(303);
    const page = await browser.get('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You support 2 members in 1 family. 1 is due a contact');
    // Only Callum, who has had no contact, is listed as due one.
    expect(page.body).toMatch(/Callum Testfamily[\s\S]*None yet/);
    expect(page.body).not.toContain('Agnes Testfamily');
    expect(page.body).toContain('Carse family support group');
    const [audit] = await db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, user.id), eq(auditEvent.action, 'caseload.mine.read')));
    expect(audit?.detail).toEqual({ shown: 1, families: [home.id] });

    // Consent withdrawn and no support of the organisation's own: that member is no longer listed.
    await db.delete(memberSupport).where(eq(memberSupport.personId, callum.id));
    await db.update(consent).set({ status: 'withdrawn' }).where(eq(consent.personId, callum.id));
    const after = await browser.get('/');
    expect(after.body).not.toContain('Callum Testfamily');
  });

  it('lists those with no contact yet first, then the longest since one, ten in all', async () => {
    const db = database.db;
    const { area, org, user } = await createPractice(db);
    const families = [];
    for (let i = 0; i < 6; i++) families.push(await createFamily(db, area.id, [org.id]));
    const familyIds = families.map((f) => f.id);
    await db
      .update(memberSupport)
      .set({ workerId: user.id })
      .where(inArray(memberSupport.familyId, familyIds));
    const today = todayInUk(new Date());
    const daysAgo = (days: number) => todayInUk(new Date(Date.now() - days * 86_400_000));
    const setLast = (personId: string, on: string | null) =>
      db.update(memberSupport).set({ lastContactOn: on }).where(eq(memberSupport.personId, personId));
    const [first, second] = families as [(typeof families)[0], (typeof families)[0]];
    const [agnes, callum] = first.people as [(typeof first.people)[0], (typeof first.people)[0]];
    await setLast(agnes.id, daysAgo(40)); // due
    await setLast(callum.id, daysAgo(2)); // not due
    const access = {
      userId: user.id,
      tokenId: undefined,
      organisationId: org.id,
      partnershipAreaId: area.id,
      roles: user.roles,
      ip: '127.0.0.1',
      requestId: randomUUID(),
    };
    const listed = async () =>
      (await findMyWork(db, access, today)).members.map((m) => [m.personId, m.lastContactOn]);

    // Ten with none yet fill the list: Agnes, due for 40 days, comes after all of them.
    const full = await listed();
    expect(full).toHaveLength(10);
    expect(full.every(([, last]) => last === null)).toBe(true);

    // Nine with none: then the one whose last contact is oldest, before Agnes.
    const [betty] = second.people as [(typeof second.people)[0]];
    await setLast(betty.id, daysAgo(50));
    const mixed = await listed();
    expect(mixed).toHaveLength(10);
    expect(mixed.slice(0, 9).every(([, last]) => last === null)).toBe(true);
    expect(mixed[9]).toEqual([betty.id, daysAgo(50)]);

    // Fewer with none than the list holds: every one due is listed, oldest first; never the recent one.
    await setLast(second.people[1]?.id as string, daysAgo(45));
    for (const f of families.slice(2)) for (const p of f.people) await setLast(p.id, daysAgo(1));
    expect(await listed()).toEqual([
      [betty.id, daysAgo(50)],
      [second.people[1]?.id, daysAgo(45)],
      [agnes.id, daysAgo(40)],
    ]);
  });

  it('shows nothing of a family once the organisation has left its team', async () => {
    const db = database.db;
    const { area, org, user } = await createPractice(db);
    const home = await createFamily(db, area.id, [org.id]);
    await db.update(memberSupport).set({ workerId: user.id }).where(eq(memberSupport.familyId, home.id));
    await db
      .update(familyTeamMember)
      .set({ leftOn: todayInUk(new Date()) })
      .where(eq(familyTeamMember.familyId, home.id));
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);
    const page = await browser.get('/');
    expect(page.body).toContain('No members are allocated to you.');
    expect(page.body).not.toContain('Testfamily');
  });
});
