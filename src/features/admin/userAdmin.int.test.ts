import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { appUser, auditEvent, userInvitation } from '../../db/schema.ts';
import { createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

describe('managing users', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let ipCounter = 10;
  // A fresh client address per browser, so sign-in throttling in one test does not touch another.
  const newBrowser = () => new TestBrowser(app, `10.1.0.${ipCounter++}`);

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  async function signedIn(email: string) {
    const browser = newBrowser();
    await browser.signIn(email);
    return browser;
  }

  async function auditOf(recordId: string, action: string) {
    return database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.recordId, recordId), eq(auditEvent.action, action)));
  }

  async function userRow(id: string) {
    const [row] = await database.db.select().from(appUser).where(eq(appUser.id, id));
    return row;
  }

  it('opens the admin section to admins only', async () => {
    const { org, user: practitioner } = await createPractice(database.db);
    const admin = await createUser(database.db, org.id, ['org_admin']);

    const refused = await signedIn(practitioner.email);
    for (const url of ['/admin', '/admin/users', '/admin/users/invite', '/admin/audit']) {
      expect((await refused.get(url)).statusCode, url).toBe(403);
    }
    expect((await newBrowser().get('/admin/users')).headers.location).toBe(
      '/sign-in?returnTo=%2Fadmin%2Fusers',
    );

    const index = await (await signedIn(admin.email)).get('/admin');
    expect(index.statusCode).toBe(200);
    for (const href of ['/admin/users', '/admin/api-tokens', '/admin/audit'])
      expect(index.body).toContain(`href="${href}"`);
  });

  it('lists only the admin’s own organisation’s users, with roles and status in plain words', async () => {
    const { area, org, user: practitioner } = await createPractice(database.db);
    const admin = await createUser(database.db, org.id, ['org_admin']);
    const leaver = await createUser(database.db, org.id, ['volunteer', 'team_lead'], {
      status: 'deactivated',
    });
    const other = await createUser(database.db, (await createOrganisation(database.db, area.id)).id, [
      'practitioner',
    ]);
    const browser = await signedIn(admin.email);

    const page = await browser.get('/admin/users');
    // Asking for another organisation changes nothing for an organisation admin.
    const sneaky = await browser.get(`/admin/users?organisation=${other.organisationId}`);

    expect(page.statusCode).toBe(200);
    for (const body of [page.body, sneaky.body]) {
      expect(body).toContain(practitioner.displayName);
      expect(body).toContain(leaver.displayName);
      expect(body).not.toContain(other.displayName);
      expect(body).not.toContain('name="organisation"');
    }
    expect(page.body).toContain('Volunteer or peer worker, Team lead');
    expect(page.body).toContain('Deactivated');
    const rowOf = (name: string) => page.body.split('</tr>').find((row) => row.includes(name)) ?? '';
    // The admin has just signed in; the practitioner never has.
    expect(rowOf(admin.displayName)).not.toContain('Never');
    expect(rowOf(practitioner.displayName)).toContain('Never');
    expect(await auditOf(org.id, 'user.list')).toHaveLength(2);
  });

  it('lets a system admin pick any organisation', async () => {
    const { area, org: home } = await createPractice(database.db);
    const systemAdmin = await createUser(database.db, home.id, ['system_admin']);
    const elsewhere = await createOrganisation(database.db, area.id);
    const theirs = await createUser(database.db, elsewhere.id, ['practitioner']);
    const browser = await signedIn(systemAdmin.email);

    const page = await browser.get(`/admin/users?organisation=${elsewhere.id}`);

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(theirs.displayName);
    expect(page.body).toContain('name="organisation"');
    expect(page.body).toContain(`href="/admin/users/invite?organisation=${elsewhere.id}"`);
    expect((await browser.get(`/admin/users/${theirs.id}`)).statusCode).toBe(200);
  });

  it('invites a user: one transaction writes the user, the hashed invitation and the audit event', async () => {
    const { org } = await createPractice(database.db);
    const admin = await createUser(database.db, org.id, ['org_admin']);
    const browser = await signedIn(admin.email);
    await browser.get('/admin/users/invite');

    const email = `New.Person.${Date.now()}@Test.Example`;
    const response = await browser.post('/admin/users/invite', {
      name: 'Nessa Newperson',
      email,
      roles: ['practitioner', 'team_lead'],
    });

    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Hearth does not send emails');
    const token = /http:\/\/localhost(?::\d+)?\/invitation\/([\w-]{43})/.exec(response.body)?.[1];
    expect(token).toBeDefined();
    const [created] = await database.db
      .select()
      .from(appUser)
      .where(sql`lower(${appUser.email}) = ${email.toLowerCase()}`);
    expect(created).toMatchObject({
      organisationId: org.id,
      status: 'invited',
      passwordHash: null,
      roles: ['practitioner', 'team_lead'],
    });
    const invitations = await database.db
      .select()
      .from(userInvitation)
      .where(eq(userInvitation.userId, created?.id as string));
    expect(invitations).toHaveLength(1);
    expect(invitations[0]?.tokenHash).not.toContain(token as string);
    expect(invitations[0]?.createdBy).toBe(admin.id);
    const days = ((invitations[0]?.expiresAt.getTime() ?? 0) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const [event] = await auditOf(created?.id as string, 'user.invite');
    expect(event).toMatchObject({ actorUserId: admin.id, organisationId: org.id, outcome: 'success' });
    expect(JSON.stringify(event)).not.toContain(token as string);
    expect(JSON.stringify(event).toLowerCase()).not.toContain(email.toLowerCase());
  });

  it('shows what is wrong with a bad invitation, beside each field, and writes nothing', async () => {
    const { org, user: existing } = await createPractice(database.db);
    const admin = await createUser(database.db, org.id, ['org_admin']);
    const browser = await signedIn(admin.email);
    await browser.get('/admin/users/invite');
    const before = await database.db.select().from(appUser).where(eq(appUser.organisationId, org.id));

    const empty = await browser.post('/admin/users/invite', { name: '', email: 'not-an-email' });
    const taken = await browser.post('/admin/users/invite', {
      name: 'Someone Else',
      email: existing.email.toUpperCase(),
      roles: 'practitioner',
    });
    const tooPowerful = await browser.post('/admin/users/invite', {
      name: 'Would-be Admin',
      email: `power-${Date.now()}@test.example`,
      roles: ['practitioner', 'system_admin'],
    });

    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('<title>Error: Invite a user');
    expect(empty.body).toContain('Enter the person’s full name');
    expect(empty.body).toContain('Enter an email address in the right format');
    expect(empty.body).toContain('Select at least one role');
    expect(empty.body).toMatch(/href="#name"[\s\S]*href="#email"[\s\S]*href="#roles"/);
    expect(empty.body).toContain('value="not-an-email"');
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('A user with this email address already exists');
    expect(tooPowerful.statusCode).toBe(400);
    expect(tooPowerful.body).toContain('Select only the roles shown');
    expect(tooPowerful.body).not.toContain('value="system_admin"');
    const after = await database.db.select().from(appUser).where(eq(appUser.organisationId, org.id));
    expect(after).toHaveLength(before.length);
    const events = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, admin.id), eq(auditEvent.action, 'user.invite')));
    expect(events).toHaveLength(0);
  });

  it('deactivating ends the user’s sessions at once and stops them signing in; reactivating lets them back', async () => {
    const { org, user: worker } = await createPractice(database.db);
    const admin = await createUser(database.db, org.id, ['org_admin']);
    const workerBrowser = await signedIn(worker.email);
    expect((await workerBrowser.get('/practice')).statusCode).toBe(200);
    const adminBrowser = await signedIn(admin.email);

    const confirm = await adminBrowser.get(`/admin/users/${worker.id}/deactivate`);
    expect(confirm.body).toContain(`Deactivate ${worker.displayName}?`);
    // The header still names whoever is signed in, not the user on the page.
    expect(confirm.body).toContain(`${admin.displayName}, ${org.name}`);
    const done = await adminBrowser.post(`/admin/users/${worker.id}/deactivate`, {});

    expect(done.statusCode).toBe(302);
    expect(done.headers.location).toBe(`/admin/users/${worker.id}?done=deactivated`);
    expect((await adminBrowser.get(done.headers.location as string)).body).toContain(
      'has been deactivated and signed out everywhere',
    );
    const next = await workerBrowser.get('/practice');
    expect(next.statusCode).toBe(302);
    expect(next.headers.location).toMatch(/^\/sign-in/);
    await expect(newBrowser().signIn(worker.email)).rejects.toThrow('sign-in failed with 400');
    expect(await userRow(worker.id)).toMatchObject({ status: 'deactivated' });
    expect(await auditOf(worker.id, 'user.deactivate')).toEqual([
      expect.objectContaining({ actorUserId: admin.id, organisationId: org.id }),
    ]);

    await adminBrowser.get(`/admin/users/${worker.id}`);
    const back = await adminBrowser.post(`/admin/users/${worker.id}/reactivate`, {});
    expect(back.headers.location).toBe(`/admin/users/${worker.id}?done=reactivated`);
    expect(await userRow(worker.id)).toMatchObject({ status: 'active', deactivatedAt: null });
    await newBrowser().signIn(worker.email);
    expect(await auditOf(worker.id, 'user.reactivate')).toHaveLength(1);
  });

  it('will not let an admin deactivate themselves', async () => {
    const { org } = await createPractice(database.db);
    const admin = await createUser(database.db, org.id, ['org_admin']);
    const browser = await signedIn(admin.email);

    const page = await browser.get(`/admin/users/${admin.id}`);
    const attempt = await browser.post(`/admin/users/${admin.id}/deactivate`, {});

    expect(page.body).toContain('You cannot deactivate your own account');
    expect(page.body).not.toContain(`/admin/users/${admin.id}/deactivate"`);
    expect(attempt.statusCode).toBe(403);
    expect(await userRow(admin.id)).toMatchObject({ status: 'active' });
    expect((await browser.get('/admin')).statusCode).toBe(200);
  });

  it('gives an organisation admin 404 for another organisation’s user, and changes nothing', async () => {
    const { area, org } = await createPractice(database.db);
    const admin = await createUser(database.db, org.id, ['org_admin']);
    const outsider = await createUser(database.db, (await createOrganisation(database.db, area.id)).id, [
      'practitioner',
    ]);
    const browser = await signedIn(admin.email);
    await browser.get('/admin');

    const responses = [
      await browser.get(`/admin/users/${outsider.id}`),
      await browser.get(`/admin/users/${outsider.id}/deactivate`),
      await browser.post(`/admin/users/${outsider.id}/deactivate`, {}),
      await browser.post(`/admin/users/${outsider.id}/invitation`, {}),
      await browser.post(`/admin/users/${outsider.id}/reactivate`, {}),
    ];

    expect(responses.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404]);
    for (const r of responses) expect(r.body).not.toContain(outsider.displayName);
    expect(await userRow(outsider.id)).toMatchObject({ status: 'active' });
    expect(
      await database.db.select().from(userInvitation).where(eq(userInvitation.userId, outsider.id)),
    ).toHaveLength(0);
  });

  it('keeps a system admin’s account out of an organisation admin’s hands', async () => {
    const { org } = await createPractice(database.db);
    const admin = await createUser(database.db, org.id, ['org_admin']);
    const systemAdmin = await createUser(database.db, org.id, ['system_admin', 'org_admin']);
    const browser = await signedIn(admin.email);

    const page = await browser.get(`/admin/users/${systemAdmin.id}`);
    const invitation = await browser.post(`/admin/users/${systemAdmin.id}/invitation`, {});
    const deactivation = await browser.post(`/admin/users/${systemAdmin.id}/deactivate`, {});

    expect(page.body).toContain('Only a system admin can change a system admin’s account');
    expect([invitation.statusCode, deactivation.statusCode]).toEqual([403, 403]);
    expect(await userRow(systemAdmin.id)).toMatchObject({ status: 'active' });
    expect(
      await database.db.select().from(userInvitation).where(eq(userInvitation.userId, systemAdmin.id)),
    ).toHaveLength(0);
  });

  it('lets a system admin invite into another organisation and grant system admin', async () => {
    const { area, org: home } = await createPractice(database.db);
    const systemAdmin = await createUser(database.db, home.id, ['system_admin']);
    const elsewhere = await createOrganisation(database.db, area.id);
    const browser = await signedIn(systemAdmin.email);
    const form = await browser.get(`/admin/users/invite?organisation=${elsewhere.id}`);
    expect(form.body).toContain('value="system_admin"');
    expect(form.body).toMatch(new RegExp(`value="${elsewhere.id}" selected`));

    const email = `sys-${Date.now()}@test.example`;
    const response = await browser.post('/admin/users/invite', {
      organisation: elsewhere.id,
      name: 'Sylvie Sysadmin',
      email,
      roles: ['system_admin'],
    });

    expect(response.statusCode).toBe(200);
    const [created] = await database.db.select().from(appUser).where(eq(appUser.email, email));
    expect(created).toMatchObject({ organisationId: elsewhere.id, roles: ['system_admin'] });
    // Filed under the organisation the user joined, so its own admins see it.
    expect(await auditOf(created?.id as string, 'user.invite')).toEqual([
      expect.objectContaining({ actorUserId: systemAdmin.id, organisationId: elsewhere.id }),
    ]);
  });
});
