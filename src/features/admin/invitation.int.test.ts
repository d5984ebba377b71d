import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { appUser, auditEvent, userInvitation } from '../../db/schema.ts';
import { createPractice, createUser, testPassword } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

const newPassword = 'a kettle of lapwings by the firth';

describe('invitation links', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let ipCounter = 10;
  const newBrowser = () => new TestBrowser(app, `10.2.0.${ipCounter++}`);

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  /** An organisation with an admin already signed in. */
  async function adminOfNewOrganisation() {
    const { org, user } = await createPractice(database.db, ['org_admin']);
    const browser = newBrowser();
    await browser.signIn(user.email);
    return { org, admin: user, browser };
  }

  function invitationPath(body: string): string {
    const path = /https?:\/\/[^/\s<]+(\/invitation\/[\w-]{43})/.exec(body)?.[1];
    if (!path) throw new Error('no invitation link on the page');
    return path;
  }

  async function invite(browser: TestBrowser, name = 'Isla Invited') {
    await browser.get('/admin/users/invite');
    const email = `invited-${ipCounter}-${Date.now()}@test.example`;
    const page = await browser.post('/admin/users/invite', { name, email, roles: 'practitioner' });
    const [user] = await database.db.select().from(appUser).where(eq(appUser.email, email));
    if (!user) throw new Error('not invited');
    return { user, path: invitationPath(page.body) };
  }

  async function accept(path: string, password = newPassword, confirmPassword = password) {
    const browser = newBrowser();
    const page = await browser.get(path);
    const response = await browser.post(path, { password, confirmPassword });
    return { page, response };
  }

  it('lets the invited person choose a password and then sign in', async () => {
    const { org, browser } = await adminOfNewOrganisation();
    const { user, path } = await invite(browser);

    const { page, response } = await accept(path);

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hello Isla Invited');
    expect(page.body).toContain(org.name);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in?passwordSet=1');
    expect((await newBrowser().get('/sign-in?passwordSet=1')).body).toContain('Your password is set');
    await newBrowser().signIn(user.email, newPassword);
    const [after] = await database.db.select().from(appUser).where(eq(appUser.id, user.id));
    expect(after).toMatchObject({ status: 'active' });
    expect(after?.passwordChangedAt).not.toBeNull();
    const [invitation] = await database.db
      .select()
      .from(userInvitation)
      .where(eq(userInvitation.userId, user.id));
    expect(invitation?.usedAt).not.toBeNull();
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, user.id), eq(auditEvent.action, 'invitation.accept')));
    expect(events).toEqual([
      expect.objectContaining({ actorUserId: user.id, organisationId: org.id, outcome: 'success' }),
    ]);
  });

  it('works only once', async () => {
    const { browser } = await adminOfNewOrganisation();
    const { user, path } = await invite(browser);
    // A second tab opened on the form before the first one was sent.
    const otherTab = newBrowser();
    await otherTab.get(path);
    await accept(path);

    const again = await newBrowser().get(path);
    const late = await otherTab.post(path, {
      password: 'a different password',
      confirmPassword: 'a different password',
    });

    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This invitation link has already been used');
    expect(late.statusCode).toBe(410);
    await newBrowser().signIn(user.email, newPassword);
  });

  it('refuses an expired link, tells the person what to do, and audits the attempt', async () => {
    const { browser } = await adminOfNewOrganisation();
    const { user, path } = await invite(browser);
    const person = newBrowser();
    await person.get(path);
    await database.db
      .update(userInvitation)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(userInvitation.userId, user.id));

    const page = await newBrowser().get(path);
    const response = await person.post(path, { password: newPassword, confirmPassword: newPassword });

    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('This invitation link has expired');
    expect(page.body).toContain('ask your organisation’s Hearth administrator');
    expect(page.body).not.toContain(user.displayName);
    expect(response.statusCode).toBe(410);
    const [after] = await database.db.select().from(appUser).where(eq(appUser.id, user.id));
    expect(after).toMatchObject({ status: 'invited', passwordHash: null });
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, user.id), eq(auditEvent.action, 'invitation.accept')));
    expect(events).toEqual([
      expect.objectContaining({ outcome: 'denied', reason: 'expired', actorUserId: null }),
    ]);
  });

  it('refuses a link that was never made', async () => {
    const page = await newBrowser().get(`/invitation/${'x'.repeat(43)}`);
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('This invitation link does not work');
  });

  it('checks the new password and changes nothing until it is right', async () => {
    const { browser } = await adminOfNewOrganisation();
    const { user, path } = await invite(browser);

    const short = await accept(path, 'too short');
    const mismatch = await accept(path, newPassword, `${newPassword}!`);

    expect(short.response.statusCode).toBe(400);
    expect(short.response.body).toContain('Password must be 12 characters or more');
    expect(short.response.body).toContain('href="#password"');
    expect(mismatch.response.statusCode).toBe(400);
    expect(mismatch.response.body).toContain('The passwords do not match');
    const [after] = await database.db.select().from(appUser).where(eq(appUser.id, user.id));
    expect(after).toMatchObject({ status: 'invited', passwordHash: null });
    expect((await accept(path)).response.statusCode).toBe(302);
  });

  it('gives a user who forgot their password a new link: older links stop, their sessions end', async () => {
    const { org, browser } = await adminOfNewOrganisation();
    const worker = await createUser(database.db, org.id, ['practitioner']);
    const workerBrowser = newBrowser();
    await workerBrowser.signIn(worker.email);
    await browser.get(`/admin/users/${worker.id}`);
    const first = invitationPath((await browser.post(`/admin/users/${worker.id}/invitation`, {})).body);
    await browser.get(`/admin/users/${worker.id}`);
    const second = await browser.post(`/admin/users/${worker.id}/invitation`, {});
    expect(second.body).toContain('Any older link for');

    expect((await accept(first)).page.statusCode).toBe(410);
    // The old password keeps working until the new link is used.
    await newBrowser().signIn(worker.email, testPassword);
    expect((await accept(invitationPath(second.body))).response.statusCode).toBe(302);

    expect((await workerBrowser.get('/practice')).statusCode).toBe(302);
    await expect(newBrowser().signIn(worker.email, testPassword)).rejects.toThrow();
    await newBrowser().signIn(worker.email, newPassword);
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, worker.id), eq(auditEvent.action, 'user.reinvite')));
    expect(events).toHaveLength(2);
  });

  it('stops a deactivated user’s invitation link working', async () => {
    const { browser } = await adminOfNewOrganisation();
    const { user, path } = await invite(browser);
    await browser.get(`/admin/users/${user.id}/deactivate`);
    await browser.post(`/admin/users/${user.id}/deactivate`, {});

    expect((await accept(path)).page.statusCode).toBe(410);
    const userPage = await browser.get(`/admin/users/${user.id}`);
    expect(userPage.body).not.toContain('Make a new invitation link');
    expect(userPage.body).toContain(`Reactivate ${user.displayName}`);

    await browser.post(`/admin/users/${user.id}/reactivate`, {});
    const [after] = await database.db.select().from(appUser).where(eq(appUser.id, user.id));
    // Never having set a password, they go back to waiting for an invitation.
    expect(after).toMatchObject({ status: 'invited' });
  });
});
