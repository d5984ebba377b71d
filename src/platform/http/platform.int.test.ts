import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { createPractice } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

describe('the HTTP platform', () => {
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

  it('answers /health with the database state', async () => {
    const response = await app.inject('/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers /health with 503 naming the database when it is down', async () => {
    const broken = await testApp({
      ...database,
      ping: () => Promise.reject(new Error('connection refused')),
    });
    const response = await broken.inject('/health');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', database: 'unavailable' });
    await broken.close();
  });

  it('serves Prometheus metrics with request durations by route pattern, not by URL', async () => {
    await app.inject('/practice/families/00000000-0000-0000-0000-000000000000');
    const response = await app.inject('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('hearth_process_cpu_seconds_total');
    expect(response.body).toContain('route="/practice/families/:familyId"');
    expect(response.body).not.toContain('00000000-0000');
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const response = await app.inject('/sign-in');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
  });

  it('marks cookies Secure when the request came over TLS through a trusted proxy', async () => {
    const proxied = await (await import('../../app.ts')).createApp({
      database,
      config: { logLevel: 'silent', trustProxy: true, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 },
    });
    const response = await proxied.inject({ url: '/sign-in', headers: { 'x-forwarded-proto': 'https' } });
    const csrf = response.cookies.find((c) => c.name === 'hearth_csrf');
    expect(csrf?.secure).toBe(true);
    await proxied.close();
  });

  it('shows plain pages for 404 and the footer pages', async () => {
    const missing = await app.inject('/no-such-page');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Page not found');
    expect(missing.body).not.toMatch(/at .*\.ts:\d+/);
    for (const [url, heading] of [
      ['/accessibility', 'Accessibility statement for Hearth'],
      ['/privacy', 'Privacy notice'],
    ]) {
      const page = await app.inject(url as string);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(heading);
    }
  });

  it('shows a plain 500 page or problem, never the error itself', async () => {
    const failing = await testApp(database);
    const fail = () => {
      throw new Error('Failed query: select secret\nparams: Agnes');
    };
    failing.get('/test-failure', fail);
    failing.get('/api/v1/test-failure', fail);
    const page = await failing.inject('/test-failure');
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('Sorry, there is a problem with Hearth');
    const api = await failing.inject('/api/v1/test-failure');
    expect(api.json()).toMatchObject({ status: 500, detail: 'Something went wrong on our side.' });
    for (const body of [page.body, api.body]) {
      expect(body).not.toContain('Agnes');
      expect(body).not.toContain('select secret');
    }
    await failing.close();
  });

  it('answers unknown API addresses with RFC 9457 problem details', async () => {
    const response = await app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('serves the stylesheet without the GOV.UK typeface, and the GOV.UK and MOJ scripts', async () => {
    const css = await app.inject('/assets/hearth.css');
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('.govuk-button');
    expect(css.body).toContain('.moj-');
    expect(css.body).not.toContain('GDS Transport');
    for (const url of [
      '/assets/govuk/govuk-frontend.min.js',
      '/assets/moj/moj-frontend.min.js',
      '/assets/hearth.js',
      '/assets/js-enabled.js',
    ]) {
      expect((await app.inject(url)).statusCode, url).toBe(200);
    }
    expect((await app.inject('/assets/hearth.scss')).statusCode).toBe(404);
  });

  it('shows each role the navigation for its work', async () => {
    const cases: [Parameters<typeof createPractice>[1], string[], string[]][] = [
      [['practitioner'], ['Practice'], ['Partnership', 'Admin']],
      [['volunteer'], ['Practice'], ['Partnership', 'Admin']],
      [['team_lead'], ['Practice'], ['Partnership', 'Admin']],
      [['org_admin'], ['Admin'], ['Practice', 'Partnership']],
      [['partnership_lead'], ['Partnership'], ['Practice', 'Admin']],
      [['system_admin'], ['Admin'], ['Practice', 'Partnership']],
    ];
    for (const [roles, shown, hidden] of cases) {
      const { user } = await createPractice(database.db, roles);
      const browser = new TestBrowser(app, '10.1.0.1');
      await browser.signIn(user.email);
      const nav = (
        /<nav[^>]*govuk-service-navigation[\s\S]*?<\/nav>/.exec((await browser.get('/')).body)?.[0] ?? ''
      )
        .replace(/\s+/g, ' ')
        .replace(/> </g, '><');
      for (const text of shown) expect(nav, `${roles} sees ${text}`).toContain(`> ${text} <`);
      for (const text of hidden) expect(nav, `${roles} does not see ${text}`).not.toContain(`> ${text} <`);
    }
  });
});
