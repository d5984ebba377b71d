import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, breakGlass, familyMembership, person } from '../../db/schema.ts';
import { createFamily, createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

describe('finding a family', () => {
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

  /** A family whose grandmother has a surname no other test uses, and the practitioner who sees it. */
  async function setUp() {
    const surname = `McAllister${randomUUID().slice(0, 6).replace(/\d/g, 'x')}`;
    const practice = await createPractice(database.db);
    const family = await createFamily(database.db, practice.area.id, [practice.org.id]);
    const agnes = family.people[0] as { id: string };
    await database.db
      .update(person)
      .set({ familyName: surname, postcode: 'KY12 7AB', preferredName: 'Nessie' })
      .where(eq(person.id, agnes.id));
    const browser = new TestBrowser(app);
    await browser.signIn(practice.user.email);
    return { ...practice, family, agnes, surname, browser };
  }

  it('finds a family by a misspelt surname and shows the matching member, audited with the count only', async () => {
    const { family, surname, browser, user } = await setUp();
    const misspelt = surname.replace('McAllister', 'Mcalister');

    const page = await browser.get(`/practice/search?name=${encodeURIComponent(misspelt)}`);

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 family found.');
    expect(page.body).toContain(`href="/practice/families/${family.id}"`);
    expect(page.body).toContain(`Nessie ${surname} (Agnes)`);
    // Only the matching member is listed, not the rest of the family.
    expect(page.body).not.toContain('Callum Testfamily');
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, user.id), eq(auditEvent.action, 'family.search')));
    expect(events).toEqual([expect.objectContaining({ outcome: 'success', detail: { results: 1 } })]);
    expect(JSON.stringify(events)).not.toContain(surname.slice(-6));
  });

  it('finds by date of birth with postcode without its space, and by family reference in lower case', async () => {
    const { family, browser } = await setUp();

    const byBirth = await browser.get(
      '/practice/search?dateOfBirth-day=2&dateOfBirth-month=4&dateOfBirth-year=1960&postcode=ky127ab',
    );
    const byReference = await browser.get(`/practice/search?reference=${family.reference.toLowerCase()}`);

    expect(byBirth.body).toContain(family.reference);
    expect(byReference.body).toContain('1 family found.');
    // A search by reference alone lists every member the user may see.
    expect(byReference.body).toContain('Callum Testfamily');
  });

  it('tells an outsider nothing: no result, no count, no hint, even for an exact name', async () => {
    const { area, family, surname } = await setUp();
    const outsider = await createUser(database.db, (await createOrganisation(database.db, area.id)).id, [
      'practitioner',
    ]);
    const browser = new TestBrowser(app);
    await browser.signIn(outsider.email);

    const page = await browser.get(`/practice/search?name=${surname}&postcode=KY12+7AB`);
    const byReference = await browser.get(`/practice/search?reference=${family.reference}`);

    for (const answer of [page, byReference]) {
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toContain('No families found that you can see.');
      expect(answer.body).not.toContain(family.id);
      expect(answer.body).not.toContain('Nessie');
      expect(answer.body).not.toContain('1960');
    }
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, outsider.id), eq(auditEvent.action, 'family.search')));
    expect(events.map((e) => e.detail)).toEqual([{ results: 0 }, { results: 0 }]);
  });

  it('finds a family the user sees only through break glass, and not once that access has expired', async () => {
    const { area, family, surname } = await setUp();
    const outsiderOrg = await createOrganisation(database.db, area.id);
    const outsider = await createUser(database.db, outsiderOrg.id, ['practitioner']);
    const browser = new TestBrowser(app);
    await browser.signIn(outsider.email);
    const [glass] = await database.db
      .insert(breakGlass)
      .values({
        familyId: family.id,
        userId: outsider.id,
        organisationId: outsiderOrg.id,
        reason: 'Police call about the children at the address tonight',
        expiresAt: new Date(Date.now() + 3_600_000),
      })
      .returning();

    const found = await browser.get(`/practice/search?name=${surname}`);
    expect(found.body).toContain(family.id);
    expect(found.body).toContain('Nessie');

    await database.db
      .update(breakGlass)
      .set({ startedAt: new Date(Date.now() - 5 * 3_600_000), expiresAt: new Date(Date.now() - 3_600_000) })
      .where(eq(breakGlass.id, glass?.id ?? ''));
    const expired = await browser.get(`/practice/search?name=${surname}`);
    expect(expired.body).toContain('No families found that you can see.');
    expect(expired.body).not.toContain(family.id);
  });

  it('shows a member who has left the family as having left', async () => {
    const { agnes, surname, browser } = await setUp();
    await database.db
      .update(familyMembership)
      .set({ startedOn: '2020-01-01', endedOn: '2025-01-01', endReason: 'Moved away' })
      .where(eq(familyMembership.personId, agnes.id));

    const page = await browser.get(`/practice/search?name=${surname}`);

    expect(page.body).toContain('(has left this family)');
  });

  it('explains bad input with an error summary and 400, and searches for nothing', async () => {
    const { browser } = await setUp();

    const badDate = await browser.get(
      '/practice/search?dateOfBirth-day=31&dateOfBirth-month=2&dateOfBirth-year=2001',
    );
    const badPostcode = await browser.get('/practice/search?postcode=NOT+A+CODE');
    const empty = await browser.get('/practice/search?name=&postcode=');
    const firstVisit = await browser.get('/practice/search');

    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('There is a problem');
    expect(badDate.body).toContain('Date of birth must be a real date');
    expect(badDate.body).toContain('href="#dateOfBirth-day"');
    expect(badPostcode.statusCode).toBe(400);
    expect(badPostcode.body).toContain('Enter a full postcode, like KY12 7AB');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter a name, date of birth, postcode or family reference');
    expect(firstVisit.statusCode).toBe(200);
    expect(firstVisit.body).not.toContain('There is a problem');
    expect(firstVisit.body).not.toContain('Results');
  });

  it('is not open to roles that do not see personal data', async () => {
    const { user } = await createPractice(database.db, ['org_admin']);
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);
    expect((await browser.get('/practice/search?name=Agnes')).statusCode).toBe(403);
  });
});
