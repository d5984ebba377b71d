import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { locality } from '../src/db/schema.ts';
import { addDemoBoundaries } from '../src/demo/demoBoundaries.ts';
import { fixtureViews } from '../src/features/audit/auditOutputsTesting.ts';
import { createArea, createOrganisation, createUser, testPassword } from '../src/testing/fixtures.ts';
import { checkAccessibility, launchBrowser } from './support/browser.ts';

// The report of the audit's own fixture views, on a Hearth of this test's own
// (an in-memory database with the demo's locality outlines), so the page has
// charts, tables and a map whatever views the audit has registered.
describe('the provision audit’s baseline report', () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl: string;
  let email: string;

  beforeAll(async () => {
    database = await openDatabase({});
    await migrate(database);
    const area = await createArea(database.db);
    await database.db
      .insert(locality)
      .values(['Ardmore Coast', 'Carse of Dunmore'].map((name) => ({ partnershipAreaId: area.id, name })));
    await database.db.update(locality).set({ name: 'Kilbrannan' }).where(eq(locality.id, area.localityId));
    await addDemoBoundaries(database.db, area.id);
    const org = await createOrganisation(database.db, area.id);
    email = (await createUser(database.db, org.id, ['partnership_lead'])).email;
    app = await createApp({
      database,
      config: { logLevel: 'silent', trustProxy: false, sessionIdleMinutes: 30, sessionAbsoluteHours: 12 },
      auditViews: fixtureViews,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  it('shows charts with their tables and summaries, and a map, that axe finds nothing wrong with', async () => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      locale: 'en-GB',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(testPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto('/partnership/audit/report');
    await page.getByLabel('Period').selectOption('2025-26');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await expect.poll(() => page.url()).toContain('year=2025-26');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Provision audit: baseline report',
    );

    // Each chart is a picture named by its title and summary, with its figures in a table.
    const chart = page.getByRole('img', {
      name: 'People supported by relationship to the person using substances',
    });
    await expect.poll(() => chart.count()).toBe(1);
    expect(
      await page
        .getByRole('table', { name: 'People supported by relationship to the person using substances' })
        .count(),
    ).toBe(1);
    const map = page.getByRole('img', { name: /^Map: People supported by locality/ });
    expect(await map.count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Download the report as a PDF' }).getAttribute('href')).toBe(
      '/partnership/audit/report.pdf?from=2025-04-01&to=2026-03-31',
    );
    await checkAccessibility(page, 'audit-report');

    // Printed, each view starts a new page and the navigation is left out.
    await page.emulateMedia({ media: 'print' });
    const breaks = await page
      .locator('.hearth-report__section')
      .evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
    expect(breaks.length).toBeGreaterThan(2);
    expect(new Set(breaks)).toEqual(new Set(['page']));
    expect(await page.locator('.hearth-header').isVisible()).toBe(false);
    await context.close();
  });
});
