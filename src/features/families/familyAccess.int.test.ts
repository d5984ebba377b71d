import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent } from '../../db/schema.ts';
import { createFamily, createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

describe('who can read a family record', () => {
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

  async function auditFor(familyId: string, userId: string) {
    return database.db
      .select()
      .from(auditEvent)
      .where(
        and(
          eq(auditEvent.recordId, familyId),
          eq(auditEvent.actorUserId, userId),
          eq(auditEvent.action, 'family.read'),
        ),
      );
  }

  it('shows the family to a practitioner whose organisation is on its team, and audits the read', async () => {
    const { area, org, user } = await createPractice(database.db);
    const family = await createFamily(database.db, area.id, [org.id]);
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);

    const page = await browser.get(`/practice/families/${family.id}`);

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Agnes Testfamily');
    const events = await auditFor(family.id, user.id);
    expect(events).toEqual([
      expect.objectContaining({ action: 'family.read', outcome: 'success', familyId: family.id }),
    ]);
  });

  it('refuses a practitioner of another organisation, shows nothing of the family, and audits the refusal', async () => {
    const { area, org } = await createPractice(database.db);
    const family = await createFamily(database.db, area.id, [org.id]);
    const outsider = await createUser(database.db, (await createOrganisation(database.db, area.id)).id, [
      'practitioner',
    ]);
    const browser = new TestBrowser(app);
    await browser.signIn(outsider.email);

    const page = await browser.get(`/practice/families/${family.id}`);
    const list = await browser.get('/practice');

    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain('Testfamily');
    expect(list.body).not.toContain(family.reference);
    const events = await auditFor(family.id, outsider.id);
    expect(events).toEqual([expect.objectContaining({ action: 'family.read', outcome: 'denied' })]);
  });

  it('refuses an organisation that has left the family’s team', async () => {
    const { area, org, user } = await createPractice(database.db);
    const family = await createFamily(database.db, area.id, [org.id]);
    await database.db.execute(
      `update family_team_member set left_on = current_date where family_id = '${family.id}'` as never,
    );
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);
    expect((await browser.get(`/practice/families/${family.id}`)).statusCode).toBe(404);
  });

  it('keeps personal data from a partnership lead and an admin of the same organisation', async () => {
    const { area, org } = await createPractice(database.db);
    const family = await createFamily(database.db, area.id, [org.id]);
    for (const roles of [['partnership_lead'], ['org_admin']] as const) {
      const user = await createUser(database.db, org.id, [...roles]);
      const browser = new TestBrowser(app);
      await browser.signIn(user.email);
      const page = await browser.get(`/practice/families/${family.id}`);
      expect(page.statusCode).toBe(403);
      expect(page.body).not.toContain('Testfamily');
    }
  });

  it('lists only the organisation’s own families', async () => {
    const { area, org, user } = await createPractice(database.db);
    const mine = await createFamily(database.db, area.id, [org.id]);
    const other = await createFamily(database.db, area.id, [
      (await createOrganisation(database.db, area.id)).id,
    ]);
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);
    const list = await browser.get('/practice');
    expect(list.body).toContain(mine.reference);
    expect(list.body).not.toContain(other.reference);
    expect(list.body).toContain('1 open family');
  });
});
