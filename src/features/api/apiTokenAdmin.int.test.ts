import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { apiToken, auditEvent } from '../../db/schema.ts';
import { createFamily, createOrganisation, createPractice, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

describe('the API tokens admin page', () => {
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

  async function signedInAdmin(organisationId: string) {
    const admin = await createUser(database.db, organisationId, ['org_admin']);
    const browser = new TestBrowser(app);
    await browser.signIn(admin.email);
    return { admin, browser };
  }

  async function issue(browser: TestBrowser, form: Record<string, string | string[]>) {
    await browser.get('/admin/api-tokens/new');
    const page = await browser.post('/admin/api-tokens/new', form);
    return { page, token: /value="(hearth_[\w-]+)"/.exec(page.body)?.[1] };
  }

  function tokensOf(organisationId: string) {
    return database.db.select().from(apiToken).where(eq(apiToken.organisationId, organisationId));
  }

  it('issues a token shown once, which then works on the API for the organisation’s families', async () => {
    const { area, org } = await createPractice(database.db);
    const family = await createFamily(database.db, area.id, [org.id]);
    const { admin, browser } = await signedInAdmin(org.id);

    const form = await browser.get('/admin/api-tokens/new');
    expect(form.body).toMatch(/value="practitioner"[^>]*checked/);
    const { page, token } = await issue(browser, { name: 'Case system', roles: ['practitioner'] });

    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hearth cannot show it again');
    expect(token).toMatch(/^hearth_[\w-]{43}$/);
    const [stored] = await tokensOf(org.id);
    expect(stored).toMatchObject({ name: 'Case system', roles: ['practitioner'], createdBy: admin.id });
    expect(stored?.tokenHash).not.toContain(token?.slice(7));
    expect(token?.startsWith(stored?.tokenPrefix ?? '-')).toBe(true);
    const audit = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'api_token.issue'), eq(auditEvent.recordId, stored?.id ?? '')));
    expect(audit).toEqual([expect.objectContaining({ actorUserId: admin.id, outcome: 'success' })]);

    const list = await browser.get('/admin/api-tokens');
    expect(list.body).toContain('Case system');
    expect(list.body).toContain(`${stored?.tokenPrefix}…`);
    expect(list.body).not.toContain(token);

    const headers = { authorization: `Bearer ${token}` };
    const me = await app.inject({ url: '/api/v1/me', headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      organisation: { id: org.id, name: org.name },
      roles: ['practitioner'],
    });
    const families = await app.inject({ url: '/api/v1/families', headers });
    expect(families.json().families.map((f: { reference: string }) => f.reference)).toEqual([
      family.reference,
    ]);
  });

  it('refuses a form without a name or role with a message for each, and stores nothing', async () => {
    const { org } = await createPractice(database.db);
    const { browser } = await signedInAdmin(org.id);

    const { page } = await issue(browser, { name: '   ' });

    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('href="#name"');
    expect(page.body).toContain('Enter a name for the token');
    expect(page.body).toContain('Select what the token can do');
    expect(page.body).toMatch(/<title>Error: /);
    expect(await tokensOf(org.id)).toEqual([]);
  });

  it('refuses a name over 100 characters and a role a token may not have, keeping what was typed', async () => {
    const { org } = await createPractice(database.db);
    const { browser } = await signedInAdmin(org.id);

    const long = await issue(browser, { name: 'n'.repeat(101), roles: 'practitioner' });
    const admin = await issue(browser, { name: 'Sneaky', roles: ['practitioner', 'org_admin'] });

    expect(long.page.statusCode).toBe(400);
    expect(long.page.body).toContain('Name must be 100 characters or fewer');
    expect(long.page.body).toContain(`value="${'n'.repeat(101)}"`);
    expect(admin.page.statusCode).toBe(400);
    expect(admin.page.body).toContain('Select practitioner, team lead or partnership lead');
    expect(await tokensOf(org.id)).toEqual([]);
  });

  it('revokes a token after asking, and the API then refuses it', async () => {
    const { org } = await createPractice(database.db);
    const { admin, browser } = await signedInAdmin(org.id);
    const { token } = await issue(browser, { name: 'Old system', roles: 'practitioner' });
    const [stored] = await tokensOf(org.id);

    const confirm = await browser.get(`/admin/api-tokens/${stored?.id}/revoke`);
    expect(confirm.body).toContain('Revoke the API token “Old system”?');
    const done = await browser.post(`/admin/api-tokens/${stored?.id}/revoke`, {});
    expect(done.statusCode).toBe(302);
    const list = await browser.get(done.headers.location as string);
    expect(list.body).toContain('The token “Old system” has been revoked');
    expect(list.body).toContain('Revoked');

    const [revoked] = await tokensOf(org.id);
    expect(revoked?.revokedBy).toBe(admin.id);
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(401);
    // Revoking again, say from another tab, changes nothing and is not an error.
    expect((await browser.post(`/admin/api-tokens/${stored?.id}/revoke`, {})).statusCode).toBe(302);
    expect((await tokensOf(org.id))[0]?.revokedAt).toEqual(revoked?.revokedAt);
  });

  it('keeps each organisation’s admin to its own tokens, auditing an attempt on another’s', async () => {
    const { area, org } = await createPractice(database.db);
    const a = await signedInAdmin(org.id);
    const { token } = await issue(a.browser, { name: 'A system', roles: 'practitioner' });
    const [tokenOfA] = await tokensOf(org.id);
    const b = await signedInAdmin((await createOrganisation(database.db, area.id)).id);

    const list = await b.browser.get('/admin/api-tokens');
    const confirm = await b.browser.get(`/admin/api-tokens/${tokenOfA?.id}/revoke`);
    const revoke = await b.browser.post(`/admin/api-tokens/${tokenOfA?.id}/revoke`, {});

    expect(list.body).not.toContain('A system');
    expect(confirm.statusCode).toBe(404);
    expect(revoke.statusCode).toBe(404);
    expect((await tokensOf(org.id))[0]?.revokedAt).toBeNull();
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    const audit = await database.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.actorUserId, b.admin.id), eq(auditEvent.action, 'api_token.revoke')));
    expect(audit).toEqual([expect.objectContaining({ outcome: 'denied', recordId: tokenOfA?.id })]);
  });

  it('answers 404 for an address that is not a token id', async () => {
    const { org } = await createPractice(database.db);
    const { browser } = await signedInAdmin(org.id);
    expect((await browser.get('/admin/api-tokens/not-a-token/revoke')).statusCode).toBe(404);
    await browser.get('/admin/api-tokens');
    expect((await browser.post('/admin/api-tokens/not-a-token/revoke', {})).statusCode).toBe(404);
  });

  it('is only for admins: a practitioner gets 403 and a visitor is sent to sign in', async () => {
    const { user } = await createPractice(database.db);
    const browser = new TestBrowser(app);
    await browser.signIn(user.email);

    const page = await browser.get('/admin/api-tokens');
    const post = await browser.post('/admin/api-tokens/new', { name: 'Mine', roles: 'practitioner' });

    expect(page.statusCode).toBe(403);
    expect(post.statusCode).toBe(403);
    expect(await tokensOf(user.organisationId)).toEqual([]);
    const visitor = await new TestBrowser(app).get('/admin/api-tokens');
    expect(visitor.statusCode).toBe(302);
    expect(visitor.headers.location).toContain('/sign-in');
  });

  it('refuses a form posted without the CSRF token', async () => {
    const { org } = await createPractice(database.db);
    const { browser } = await signedInAdmin(org.id);
    await browser.get('/admin/api-tokens/new');
    const page = await browser.post('/admin/api-tokens/new', {
      _csrf: 'forged',
      name: 'X',
      roles: 'practitioner',
    });
    expect(page.statusCode).toBe(403);
    expect(await tokensOf(org.id)).toEqual([]);
  });
});
