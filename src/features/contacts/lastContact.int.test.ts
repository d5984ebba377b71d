import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { memberSupport } from '../../db/schema.ts';
import { createFamily, createPractice } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { contactFields, recordContact } from './contactTesting.ts';
import { ukDateAndTime } from './contactTime.ts';
import { refreshLastContacts } from './lastContact.ts';

describe('each member’s last contact, kept on their support', () => {
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

  it('moves on with each attended contact, not with a missed or an older one, and can be worked out again', async () => {
    const { area, org, user } = await createPractice(database.db);
    const home = await createFamily(database.db, area.id, [org.id]);
    const [agnes, callum] = home.people as [(typeof home.people)[0], (typeof home.people)[0]];
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);
    const lastContacts = async () =>
      Object.fromEntries(
        (
          await database.db
            .select()
            .from(memberSupport)
            .where(and(eq(memberSupport.familyId, home.id), eq(memberSupport.organisationId, org.id)))
        ).map((s) => [s.personId, s.lastContactOn]),
      );
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

    expect(
      (await recordContact(browser, home.id, contactFields([agnes.id], {}, daysAgo(3)))).statusCode,
    ).toBe(303);
    expect(await lastContacts()).toEqual({ [agnes.id]: ukDateAndTime(daysAgo(3)).date, [callum.id]: null });
    await recordContact(
      browser,
      home.id,
      contactFields([agnes.id, callum.id], { outcome: 'did_not_attend' }, daysAgo(1)),
    );
    await recordContact(browser, home.id, contactFields([agnes.id], {}, daysAgo(10)));
    expect(await lastContacts()).toEqual({ [agnes.id]: ukDateAndTime(daysAgo(3)).date, [callum.id]: null });

    await database.db
      .update(memberSupport)
      .set({ lastContactOn: null })
      .where(eq(memberSupport.familyId, home.id));
    await refreshLastContacts(database.db);
    expect(await lastContacts()).toEqual({ [agnes.id]: ukDateAndTime(daysAgo(3)).date, [callum.id]: null });
  });
});
