import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { assessment, assessmentSection, auditEvent } from '../../db/schema.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { assessmentScenario, editFieldsOf, sectionIdFor } from './assessmentTesting.ts';

describe('a member who joins while the assessment is a draft', () => {
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

  async function setUp() {
    const s = await assessmentScenario(database);
    const home = new TestBrowser(app);
    await home.signIn(s.homeWorker.email);
    const url = `/practice/families/${s.family.id}/assessment`;
    return { s, home, url };
  }

  async function addMember(browser: TestBrowser, familyId: string, givenName: string, year: string) {
    await browser.get(`/practice/families/${familyId}/members/new`);
    const added = await browser.post(`/practice/families/${familyId}/members/new`, {
      givenName,
      familyName: 'Testfamily',
      'dateOfBirth-day': '3',
      'dateOfBirth-month': '9',
      'dateOfBirth-year': year,
      relationshipLabel: 'Grandson',
      roles: ['child_or_young_person'],
    });
    expect(added.statusCode, added.body.slice(0, 800)).toBe(302);
    // The new member's page: /practice/families/<family>/members/<person>
    return added.headers.location?.split('/').pop()?.split('?')[0] as string;
  }

  it('gets their own section in the draft, in the same save as joining, and it can be contributed to', async () => {
    const { s, home, url } = await setUp();
    await home.get(url);
    expect((await home.post(`${url}/start`, {})).statusCode).toBe(303);
    const rory = await addMember(home, s.family.id, 'Rory', '2017');

    const sections = await database.db
      .select()
      .from(assessmentSection)
      .where(and(eq(assessmentSection.familyId, s.family.id), eq(assessmentSection.personId, rory)));
    expect(sections.map((x) => x.kind)).toEqual(['child']);
    const audit = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'assessment.section.add'), eq(auditEvent.familyId, s.family.id)));
    expect(audit.map((a) => a.recordId)).toEqual([sections[0]?.id]);

    const page = await home.get(url);
    const section = sectionIdFor(page.body, 'Rory Testfamily');
    const form = await home.get(`${url}/sections/${section}/contribute`);
    expect(form.body).toContain('Safe');
    const saved = await home.post(`${url}/sections/${section}/contribute`, {
      ...editFieldsOf(form.body),
      strengths: 'Rory settles quickly at his gran’s',
    });
    expect(saved.statusCode).toBe(303);
  });

  it('leaves a completed version as it was, and joins without error when there is no assessment', async () => {
    const { s, home, url } = await setUp();
    const before = await addMember(home, s.family.id, 'Isla', '2019');
    expect(
      await database.db.select().from(assessmentSection).where(eq(assessmentSection.personId, before)),
    ).toEqual([]);

    await home.get(url);
    await home.post(`${url}/start`, {});
    await database.db
      .update(assessment)
      .set({ status: 'completed', completedAt: new Date() })
      .where(eq(assessment.familyId, s.family.id));
    const after = await addMember(home, s.family.id, 'Euan', '2016');
    expect(
      await database.db.select().from(assessmentSection).where(eq(assessmentSection.personId, after)),
    ).toEqual([]);
  });
});
