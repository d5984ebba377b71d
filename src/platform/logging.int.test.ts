import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { Database } from '../db/client.ts';
import { createFamily, createPractice } from '../testing/fixtures.ts';
import { TestBrowser } from '../testing/testApp.ts';
import { testDatabase } from '../testing/testDatabase.ts';

describe('logs', () => {
  let database: Database;
  const lines: string[] = [];
  let app: Awaited<ReturnType<typeof createApp>>;
  beforeAll(async () => {
    database = await testDatabase();
    app = await createApp({
      database,
      config: { logLevel: 'info', trustProxy: false, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 },
      logStream: { write: (line) => lines.push(line) },
    });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('record each request by route pattern and never carry personal data', async () => {
    const { area, org, user } = await createPractice(database.db);
    const family = await createFamily(database.db, area.id, [org.id]);
    const browser = new TestBrowser(app);
    await browser.get('/sign-in');
    await browser.post('/sign-in', { email: user.email, password: 'a wrong password here' });
    await browser.signIn(user.email);
    await browser.get(`/practice/families/${family.id}`);
    await browser.get('/practice?search=Agnes%20Testfamily');

    const log = lines.join('');
    expect(log).toContain('"route":"/practice/families/:familyId"');
    expect(log).toContain('"route":"/sign-in"');
    for (const secret of [
      user.email,
      'a wrong password here',
      'Agnes',
      'Testfamily',
      family.id,
      browser.csrf,
    ]) {
      expect(log, `log leaks ${secret}`).not.toContain(secret);
    }
  });
});
