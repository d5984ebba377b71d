import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { assessmentContribution, auditEvent, chronologyEntry, recordChange } from '../../db/schema.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { assessmentScenario, editFieldsOf, sectionIdFor } from './assessmentTesting.ts';

describe('assessment pages', () => {
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

  async function signedIn(email: string) {
    const browser = new TestBrowser(app);
    await browser.signIn(email);
    return browser;
  }

  async function started() {
    const s = await assessmentScenario(database);
    const home = await signedIn(s.homeWorker.email);
    const url = `/practice/families/${s.family.id}/assessment`;
    const empty = await home.get(url);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('This family has no assessment yet');
    const start = await home.post(`${url}/start`, {});
    expect(start.statusCode).toBe(303);
    const page = await home.get(url);
    return { s, home, url, page };
  }

  async function contribute(
    browser: TestBrowser,
    url: string,
    sectionId: string,
    answers: Record<string, string>,
  ) {
    const form = await browser.get(`${url}/sections/${sectionId}/contribute`);
    expect(form.statusCode).toBe(200);
    return browser.post(`${url}/sections/${sectionId}/contribute`, {
      ...editFieldsOf(form.body),
      ...answers,
    });
  }

  it('starts an assessment with a section per member and the family, then two organisations contribute side by side', async () => {
    const { s, home, url, page } = await started();
    expect(page.body).toContain('Version 1');
    for (const name of ['The whole family', 'Agnes Testfamily', 'Callum Testfamily', 'Mia Testfamily'])
      expect(page.body).toContain(name);
    const mia = sectionIdFor(page.body, 'Mia Testfamily');
    const saved = await contribute(home, url, mia, {
      strengths: 'Mia loves drawing and her gran',
      safeRating: 'some_concerns',
      safeConcerns: 'Worried when her dad is drunk',
      ownViews: 'I like it at Gran’s because it is quiet',
    });
    expect(saved.statusCode).toBe(303);
    const partner = await signedIn(s.partnerWorker.email);
    expect(
      (
        await contribute(partner, url, mia, {
          strengths: 'Does well at school',
          achievingRating: 'doing_well',
        })
      ).statusCode,
    ).toBe(303);
    const section = await partner.get(`${url}/sections/${mia}`);
    expect(section.statusCode).toBe(200);
    for (const text of [
      s.home.name,
      s.partner.name,
      'Mia loves drawing and her gran',
      'Does well at school',
      'Some concerns',
      'I like it at Gran’s because it is quiet',
      s.homeWorker.displayName,
    ])
      expect(section.body).toContain(text);
    // Strengths come first, before the wellbeing indicators.
    expect(section.body.indexOf('>Strengths</caption>')).toBeGreaterThan(0);
    expect(section.body.indexOf('>Strengths</caption>')).toBeLessThan(
      section.body.indexOf('>Safe</caption>'),
    );
    const overview = await partner.get(url);
    expect(overview.body).toContain('2 contributions from 2 organisations');
  });

  it('refuses bad input with an error summary and saves nothing', async () => {
    const { home, url, page } = await started();
    const mia = sectionIdFor(page.body, 'Mia Testfamily');
    const outOfRange = await contribute(home, url, mia, { strengths: 'Kind', safeRating: 'excellent' });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.body).toContain('There is a problem');
    expect(outOfRange.body).toContain('href="#safeRating"');
    expect(outOfRange.body).toMatch(/name="strengths"[^>]*>Kind<\/textarea>/);
    const nothing = await contribute(home, url, mia, {});
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('Write at least one part of your organisation’s contribution');
    const rows = await database.db
      .select()
      .from(assessmentContribution)
      .where(eq(assessmentContribution.sectionId, mia));
    expect(rows).toEqual([]);
  });

  it('shows the second of two workers saving the same section what changed, keeping what they typed', async () => {
    const { s, home, url, page } = await started();
    const agnes = sectionIdFor(page.body, 'Agnes Testfamily');
    await contribute(home, url, agnes, { strengths: 'Strong faith', money: 'Debts from his borrowing' });
    const lead = await signedIn(s.homeLead.email);
    const first = await home.get(`${url}/sections/${agnes}/contribute`);
    const second = await lead.get(`${url}/sections/${agnes}/contribute`);
    const saveFirst = await home.post(`${url}/sections/${agnes}/contribute`, {
      ...editFieldsOf(first.body),
      strengths: 'Strong faith',
      money: 'Debts paid off with help from CAB',
      housing: 'Secure council tenancy',
    });
    expect(saveFirst.statusCode).toBe(303);
    const saveSecond = await lead.post(`${url}/sections/${agnes}/contribute`, {
      ...editFieldsOf(second.body),
      strengths: 'Strong faith and a good friend next door',
      money: 'Debts from his borrowing, now £2,000',
    });
    expect(saveSecond.statusCode).toBe(409);
    const body = saveSecond.body;
    expect(body).toContain('Someone else saved this while you were editing');
    expect(body).toContain(s.homeWorker.displayName);
    // Field by field: opened, theirs, yours.
    expect(body).toContain('Debts from his borrowing</td>');
    expect(body).toContain('Debts paid off with help from CAB');
    expect(body).toContain('Debts from his borrowing, now £2,000');
    // The form keeps what they typed and takes the other change they did not touch.
    expect(body).toMatch(
      /<textarea[^>]*name="strengths"[^>]*>Strong faith and a good friend next door<\/textarea>/,
    );
    expect(body).toMatch(/<textarea[^>]*name="housing"[^>]*>Secure council tenancy<\/textarea>/);
    const [saved] = await database.db
      .select()
      .from(assessmentContribution)
      .where(eq(assessmentContribution.sectionId, agnes));
    expect(saved?.answers.money).toBe('Debts paid off with help from CAB');
    // Re-submitting the conflict page saves the merge.
    const merged = await lead.post(`${url}/sections/${agnes}/contribute`, {
      ...editFieldsOf(body),
      strengths: 'Strong faith and a good friend next door',
      money: 'Debts paid off with help from CAB',
      housing: 'Secure council tenancy',
    });
    expect(merged.statusCode).toBe(303);
    const [after] = await database.db
      .select()
      .from(assessmentContribution)
      .where(eq(assessmentContribution.sectionId, agnes));
    expect(after?.answers).toMatchObject({
      strengths: 'Strong faith and a good friend next door',
      housing: 'Secure council tenancy',
    });
    expect(after?.version).toBe(3);
  });

  it('completes, adds a chronology entry, keeps history, and a new version copies and supersedes', async () => {
    const { s, home, url, page } = await started();
    const family = sectionIdFor(page.body, 'The whole family');
    const refused = await home.get(`${url}/complete`);
    const empty = await home.post(`${url}/complete`, {
      ...editFieldsOf(refused.body),
      assessmentId: /name="assessmentId" value="([^"]+)"/.exec(refused.body)?.[1] ?? '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Add at least one organisation’s contribution');
    await contribute(home, url, family, { strengths: 'Sunday dinners together', wants: 'Fewer arguments' });
    const confirm = await home.get(`${url}/complete`);
    const assessmentId = /name="assessmentId" value="([^"]+)"/.exec(confirm.body)?.[1] ?? '';
    const done = await home.post(`${url}/complete`, { ...editFieldsOf(confirm.body), assessmentId });
    expect(done.statusCode).toBe(303);
    const entries = await database.db
      .select()
      .from(chronologyEntry)
      .where(eq(chronologyEntry.familyId, s.family.id));
    expect(entries.map((e) => e.what)).toContain('Whole-family assessment version 1 completed');
    const completedPage = await home.get(url);
    expect(completedPage.body).toContain('Completed');
    expect(completedPage.body).toContain('Start version 2');
    await home.post(`${url}/start`, {});
    const draft = await home.get(url);
    expect(draft.body).toContain('Version 2');
    expect(draft.body).toContain('Sunday dinners together');
    const family2 = sectionIdFor(draft.body, 'The whole family');
    await contribute(home, url, family2, {
      strengths: 'Sunday dinners together',
      wants: 'A holiday together',
    });
    const confirm2 = await home.get(`${url}/complete`);
    await home.post(`${url}/complete`, {
      ...editFieldsOf(confirm2.body),
      assessmentId: /name="assessmentId" value="([^"]+)"/.exec(confirm2.body)?.[1] ?? '',
    });
    const versions = await home.get(`${url}/versions`);
    expect(versions.body).toContain('Superseded');
    const ids = [...versions.body.matchAll(/versions\/([0-9a-f-]{36})">Version/g)].map((m) => m[1]);
    const compare = await home.get(`${url}/versions/compare?from=${ids[1]}&to=${ids[0]}`);
    expect(compare.statusCode).toBe(200);
    expect(compare.body).toContain('Fewer arguments');
    expect(compare.body).toContain('A holiday together');
    expect(compare.body).toContain('1 answer changed');
    const history = await database.db
      .select()
      .from(recordChange)
      .where(
        and(eq(recordChange.familyId, s.family.id), eq(recordChange.recordType, 'assessment_contribution')),
      );
    expect(history.length).toBe(2);
    const audits = await database.db.select().from(auditEvent).where(eq(auditEvent.familyId, s.family.id));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'assessment.start',
        'assessment.contribute',
        'assessment.complete',
        'assessment.compare',
      ]),
    );
  });
});
