import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  auditEvent,
  breakGlass,
  chronologyEntry,
  consent,
  familyTeamMember,
  memberSupport,
  person,
  relationship,
} from '../../db/schema.ts';
import { createFamily, createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

describe('the family overview', () => {
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

  /**
   * Agnes and Callum, supported by the first organisation; a second
   * organisation on the team that both agreed to share with, and its worker.
   */
  async function setUp() {
    const { area, org, user } = await createPractice(database.db);
    const other = await createOrganisation(database.db, area.id);
    const family = await createFamily(database.db, area.id, [org.id, other.id]);
    const [agnes, callum] = family.people as unknown as [{ id: string }, { id: string }];
    const worker = await createUser(database.db, other.id, ['practitioner']);
    return { area, org, other, user, worker, family, agnes, callum, path: `/practice/families/${family.id}` };
  }

  async function signedIn(email: string) {
    const browser = new TestBrowser(app);
    await browser.signIn(email);
    return browser;
  }

  it('shows members as cards with their support, consent and warnings, the map, the team, what is due and the chronology', async () => {
    const { user, family, agnes, callum, path, org } = await setUp();
    await database.db
      .update(person)
      .set({ safeToPhone: false, interpreterNeeded: true, gender: 'Female' })
      .where(eq(person.id, agnes.id));
    await database.db
      .update(memberSupport)
      .set({ workerId: user.id })
      .where(and(eq(memberSupport.personId, agnes.id), eq(memberSupport.organisationId, org.id)));
    await database.db.update(consent).set({ reviewOn: '2020-01-01' }).where(eq(consent.personId, callum.id));
    await database.db.insert(relationship).values({
      familyId: family.id,
      fromPersonId: agnes.id,
      toPersonId: callum.id,
      kind: 'parent_of',
      quality: 'strained',
    });
    await database.db.insert(chronologyEntry).values(
      Array.from({ length: 7 }, (_, i) => ({
        familyId: family.id,
        occurredOn: `2026-0${i + 1}-15`,
        what: `Event number ${i + 1}`,
        impact: 'positive' as const,
      })),
    );

    const page = await (await signedIn(user.email)).get(path);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain('Agnes Testfamily');
    expect(body).toContain('Not safe to phone');
    expect(body).toMatch(/<strong>Age \d+<\/strong> · Mother/);
    expect(body).toContain('Interpreter needed');
    expect(body).toContain(`(worker: ${user.displayName})`);
    expect(body).toContain('Agreed to share with all 2 organisations on the team');
    expect(body).toContain('Agree a lead professional for the family');
    expect(body).toContain('Agree a family plan with the family');
    expect(body).toMatch(
      /Review Callum Testfamily’s consent to share with Test Org [^:]+: was due 1 Jan 2020/,
    );
    expect(body).toContain(
      'Agnes Testfamily is mother of Callum Testfamily (Callum Testfamily is child of Agnes Testfamily). Strained.',
    );
    expect(body).toMatch(/<svg[^>]+role="img"/);
    // The latest five entries, newest first.
    expect(body).toContain('Event number 7');
    expect(body).toContain('Event number 3');
    expect(body).not.toContain('Event number 2');
    expect(body.indexOf('Event number 7')).toBeLessThan(body.indexOf('Event number 6'));

    const reads = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, user.id), eq(auditEvent.action, 'family.read')));
    expect(reads).toEqual([
      expect.objectContaining({
        outcome: 'success',
        familyId: family.id,
        detail: {
          members: 2,
          relationships: 1,
          chronology: 5,
          teamOrganisations: 2,
          openConcerns: 0,
          enrolments: 0,
        },
      }),
    ]);
    // The overview is one read: its parts (members, consent, team) write no audit events of their own.
    const all = await database.db.select().from(auditEvent).where(eq(auditEvent.actorUserId, user.id));
    expect(all.filter((event) => event.familyId === family.id).map((event) => event.action)).toEqual([
      'family.read',
    ]);
  });

  it('keeps another organisation’s confidential support from a worker who sees the member', async () => {
    const { worker, agnes, path } = await setUp();
    await database.db
      .update(memberSupport)
      .set({ confidential: true })
      .where(eq(memberSupport.personId, agnes.id));
    const page = await (await signedIn(worker.email)).get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Agnes Testfamily');
    // Agnes's support is confidential to the first organisation; Callum's is not.
    expect(page.body).toContain('No support you can see');
    expect(page.body.match(/Being supported/g)).toHaveLength(1);
  });

  it('drops a member at once when they withdraw consent, with their relationships, and refuses the family when none is left', async () => {
    const { worker, family, agnes, callum, other, path } = await setUp();
    await database.db.insert(relationship).values({
      familyId: family.id,
      fromPersonId: agnes.id,
      toPersonId: callum.id,
      kind: 'parent_of',
    });
    const browser = await signedIn(worker.email);
    expect((await browser.get(path)).body).toContain('Callum Testfamily');

    await database.db
      .update(consent)
      .set({ status: 'withdrawn', withdrawnAt: new Date() })
      .where(and(eq(consent.personId, callum.id), eq(consent.organisationId, other.id)));
    const page = await browser.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Callum');
    expect(page.body).toContain('No relationships recorded yet.');

    await database.db
      .update(consent)
      .set({ status: 'withdrawn', withdrawnAt: new Date() })
      .where(eq(consent.organisationId, other.id));
    const refused = await browser.get(path);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Testfamily');
  });

  it('refuses an organisation not on the team, and one that has left it, auditing each refusal', async () => {
    const { area, worker, family, other, path } = await setUp();
    const outsider = await createUser(database.db, (await createOrganisation(database.db, area.id)).id, [
      'practitioner',
    ]);
    const outsiderPage = await (await signedIn(outsider.email)).get(path);
    expect(outsiderPage.statusCode).toBe(404);
    expect(outsiderPage.body).not.toContain('Testfamily');

    await database.db
      .update(familyTeamMember)
      .set({ leftOn: new Date().toISOString().slice(0, 10) })
      .where(and(eq(familyTeamMember.familyId, family.id), eq(familyTeamMember.organisationId, other.id)));
    expect((await (await signedIn(worker.email)).get(path)).statusCode).toBe(404);
    const denied = await database.db
      .select({ actor: auditEvent.actorUserId })
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.recordId, family.id),
          eq(auditEvent.outcome, 'denied'),
          eq(auditEvent.action, 'family.read'),
        ),
      );
    expect(denied.map((d) => d.actor).sort()).toEqual([outsider.id, worker.id].sort());
  });

  it('shows the family under emergency access, with its banner, until the access expires', async () => {
    const { area, family, path } = await setUp();
    const outsiderOrg = await createOrganisation(database.db, area.id);
    const outsider = await createUser(database.db, outsiderOrg.id, ['practitioner']);
    await database.db.insert(breakGlass).values({
      familyId: family.id,
      userId: outsider.id,
      organisationId: outsiderOrg.id,
      reason: 'A child protection concern reported by the school this morning.',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const browser = await signedIn(outsider.email);
    const page = await browser.get(path);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Emergency access');
    expect(page.body).toContain('Callum Testfamily');

    await database.db
      .update(breakGlass)
      .set({ startedAt: new Date(Date.now() - 7_200_000), expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(breakGlass.userId, outsider.id));
    expect((await browser.get(path)).statusCode).toBe(404);
  });
});
