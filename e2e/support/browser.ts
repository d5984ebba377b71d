import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../screenshots');

/** Contexts made with JavaScript off: axe cannot run in them, so their pages are audited in a copy. */
const scriptlessContexts = new WeakSet<BrowserContext>();

/** Debian's Chromium, headless; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** A fresh, signed-out browser context pointed at the Hearth under test. */
export async function newContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: inject('baseUrl'),
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
  });
  context.setDefaultTimeout(10_000);
  if (options.javaScriptEnabled === false) scriptlessContexts.add(context);
  return context;
}

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core in the page against WCAG 2.2 AA and lists each violation.
 * axe is put into the page once and run there directly: Hearth's pages have
 * no frames, and @axe-core/playwright's default (inject twice, run each
 * frame, then finish in a new blank page) took three times as long.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(
    (tags) =>
      (
        window as unknown as {
          axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
        }
      ).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((results) => results.violations),
    wcagTags,
  );
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} at ${v.nodes
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}

/**
 * axe needs script, so a page seen with JavaScript off is audited as a copy:
 * the same DOM served at the same address in a context that allows script
 * for axe alone, with every script of the page itself blocked.
 */
async function axeViolationsWithoutScript(page: Page): Promise<string[]> {
  const browser = page.context().browser();
  if (!browser) throw new Error('the page has no browser');
  const copy = { html: await page.content(), url: page.url() };
  const audit = await auditPage(browser, page.viewportSize());
  audit.copy = copy;
  await audit.page.goto(copy.url);
  return axeViolations(audit.page);
}

/** One page per browser that serves the copy being audited, with the page's own scripts blocked. */
const auditPages = new WeakMap<Browser, { page: Page; copy: { html: string; url: string } }>();

async function auditPage(browser: Browser, viewport: { width: number; height: number } | null) {
  const existing = auditPages.get(browser);
  if (existing) return existing;
  const context = await browser.newContext({ viewport: viewport ?? undefined, locale: 'en-GB' });
  const audit = { page: await context.newPage(), copy: { html: '', url: '' } };
  await audit.page.route('**/*', (route) => {
    const request = route.request();
    if (request.isNavigationRequest() && request.url() === audit.copy.url)
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: audit.copy.html });
    if (request.resourceType() === 'script') return route.abort();
    return route.continue();
  });
  auditPages.set(browser, audit);
  return audit;
}

/**
 * Saves a full-page screenshot to e2e/screenshots/<name>.png for a person to
 * look at, then runs axe against WCAG 2.2 AA and fails listing every
 * violation (rule, impact, the elements) if there is any.
 */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  const violations = scriptlessContexts.has(page.context())
    ? await axeViolationsWithoutScript(page)
    : await axeViolations(page);
  expect(violations, `axe found accessibility problems on ${name} (${page.url()})`).toEqual([]);
}

/**
 * For a spec file: one Chromium for the file, a fresh context (so a fresh,
 * signed-out visitor) for each page asked for, closed after each test.
 */
export function useBrowser(): { newPage(options?: { javaScriptEnabled?: boolean }): Promise<Page> } {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async newPage(options = {}) {
      if (!browser) throw new Error('the browser has not started');
      const context = await newContext(browser, options);
      contexts.push(context);
      return context.newPage();
    },
  };
}
