import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { auditEvent, userSession } from '../../db/schema.ts';
import { createPractice, createUser, testPassword } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { throttle } from './signInService.ts';

describe('sign-in, sessions and sign-out', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let ipCounter = 10;
  // A fresh client address per test, so address throttling in one test does not touch another.
  const newBrowser = () => new TestBrowser(app, `10.0.0.${ipCounter++}`);

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('signs in with the right password, sets a safe session cookie and audits it', async () => {
    const { user } = await createPractice(database.db);
    const browser = newBrowser();
    await browser.get('/sign-in');
    const response = await browser.post('/sign-in', {
      email: user.email.toUpperCase(),
      password: testPassword,
    });

    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/');
    const cookie = response.cookies.find((c) => c.name === 'hearth_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const home = await browser.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(user.displayName);
    const events = await database.db.select().from(auditEvent).where(eq(auditEvent.actorUserId, user.id));
    expect(events.map((e) => [e.action, e.outcome])).toContainEqual(['sign_in', 'success']);
  });

  it('gives the same message for a wrong password and an unknown email', async () => {
    const { user } = await createPractice(database.db);
    const browser = newBrowser();
    await browser.get('/sign-in');
    const wrong = await browser.post('/sign-in', { email: user.email, password: 'not the password' });
    const unknown = await browser.post('/sign-in', {
      email: 'nobody-here@test.example',
      password: 'whatever-it-is',
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('The email address or password is not right');
      expect(response.body).toContain('<title>Error: Sign in');
      expect(response.body).toContain('href="#email"');
    }
    expect(browser.hasCookie('hearth_session')).toBe(false);
    const [failure] = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, user.id), eq(auditEvent.outcome, 'failure')));
    expect(failure?.action).toBe('sign_in');
  });

  it('asks for missing fields next to the field', async () => {
    const browser = newBrowser();
    await browser.get('/sign-in');
    const response = await browser.post('/sign-in', { email: 'not-an-email', password: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter an email address in the right format');
    expect(response.body).toContain('Enter your password');
  });

  it('locks an account after repeated failures, even against the right password, with the same wording for everyone', async () => {
    const { user } = await createPractice(database.db);
    const browser = newBrowser();
    await browser.get('/sign-in');
    for (let i = 0; i < throttle.perAccount; i++) {
      await browser.post('/sign-in', { email: user.email, password: `wrong ${i}` });
    }
    const fromElsewhere = newBrowser();
    await fromElsewhere.get('/sign-in');
    const refused = await fromElsewhere.post('/sign-in', { email: user.email, password: testPassword });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Too many attempts to sign in');
  });

  it('limits failed sign-ins from one address across accounts', async () => {
    const browser = newBrowser();
    await browser.get('/sign-in');
    for (let i = 0; i < throttle.perAddress; i++) {
      await browser.post('/sign-in', { email: `guess-${i}@test.example`, password: 'guessing-password' });
    }
    const { user } = await createPractice(database.db);
    const refused = await browser.post('/sign-in', { email: user.email, password: testPassword });
    expect(refused.body).toContain('Too many attempts to sign in');
  });

  it('refuses a deactivated or invited user with the usual message', async () => {
    const { org } = await createPractice(database.db);
    for (const status of ['deactivated', 'invited'] as const) {
      const user = await createUser(database.db, org.id, ['practitioner'], { status });
      const browser = newBrowser();
      await browser.get('/sign-in');
      const response = await browser.post('/sign-in', { email: user.email, password: testPassword });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('The email address or password is not right');
    }
  });

  it('ends a session after 30 minutes idle, and after 12 hours however busy', async () => {
    const { user } = await createPractice(database.db);
    const idle = newBrowser();
    await idle.signIn(user.email);
    await database.db
      .update(userSession)
      .set({ lastSeenAt: sql`now() - interval '31 minutes'` })
      .where(eq(userSession.userId, user.id));
    expect((await idle.get('/')).headers.location).toBe('/sign-in');

    const busy = newBrowser();
    await busy.signIn(user.email);
    await database.db
      .update(userSession)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(and(eq(userSession.userId, user.id), sql`${userSession.endedAt} is null`));
    expect((await busy.get('/')).headers.location).toBe('/sign-in');
    const ended = await database.db.select().from(userSession).where(eq(userSession.userId, user.id));
    expect(ended.map((s) => s.endReason).sort()).toEqual(['expired', 'idle']);
  });

  it('signs out: the old cookie no longer works', async () => {
    const { user } = await createPractice(database.db);
    const browser = newBrowser();
    await browser.signIn(user.email);
    const cookie = browser.cookieHeader();
    await browser.get('/');
    const response = await browser.post('/sign-out', {});
    expect(response.headers.location).toBe('/sign-in?signedOut=1');
    const replay = await app.inject({ method: 'GET', url: '/', headers: { cookie } });
    expect(replay.statusCode).toBe(302);
  });

  it('sends a visitor to sign-in and back to where they were going', async () => {
    const { user } = await createPractice(database.db);
    const browser = newBrowser();
    const first = await browser.get('/practice?page=2');
    expect(first.headers.location).toBe('/sign-in?returnTo=%2Fpractice%3Fpage%3D2');
    await browser.get(first.headers.location as string);
    const response = await browser.post('/sign-in', {
      email: user.email,
      password: testPassword,
      returnTo: '/practice?page=2',
    });
    expect(response.headers.location).toBe('/practice?page=2');
    const offsite = await newBrowser().post('/sign-in', {
      email: user.email,
      password: testPassword,
      returnTo: '//evil.example/',
    });
    expect(offsite.statusCode).toBe(403); // no CSRF token: refused before anything else
  });

  it('refuses a form sent without the CSRF token and changes nothing', async () => {
    const { user } = await createPractice(database.db);
    const browser = newBrowser();
    const response = await browser.post('/sign-in', {
      _csrf: 'forged',
      email: user.email,
      password: testPassword,
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('This form has expired');
    const sessions = await database.db.select().from(userSession).where(eq(userSession.userId, user.id));
    expect(sessions).toHaveLength(0);
  });

  it('changes the password, ending the user’s other sessions but not this one', async () => {
    const { user } = await createPractice(database.db);
    const elsewhere = newBrowser();
    await elsewhere.signIn(user.email);
    const browser = newBrowser();
    await browser.signIn(user.email);
    await browser.get('/account');

    const wrong = await browser.post('/account/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new passphrase',
      confirmPassword: 'a brand new passphrase',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Your current password is not right');

    const short = await browser.post('/account/password', {
      currentPassword: testPassword,
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(short.body).toContain('Password must be 12 characters or more');

    const changed = await browser.post('/account/password', {
      currentPassword: testPassword,
      newPassword: 'a brand new passphrase',
      confirmPassword: 'a brand new passphrase',
    });
    expect(changed.headers.location).toBe('/account?changed=1');
    expect((await browser.get('/account')).statusCode).toBe(200);
    expect((await elsewhere.get('/account')).headers.location).toBe('/sign-in?returnTo=%2Faccount');
    await newBrowser().signIn(user.email, 'a brand new passphrase');
  });

  it('forgets ended sessions and old failed sign-ins after a day', async () => {
    const { user } = await createPractice(database.db);
    const browser = newBrowser();
    await browser.signIn(user.email);
    await browser.post('/sign-out', {});
    await database.db
      .update(userSession)
      .set({ endedAt: sql`now() - interval '2 days'` })
      .where(eq(userSession.userId, user.id));
    const services = (await import('../../services.ts')).createServices(database, {
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    });
    await services.sessions.prune();
    expect(await database.db.select().from(userSession).where(eq(userSession.userId, user.id))).toHaveLength(
      0,
    );
  });
});
