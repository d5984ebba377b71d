import fs from 'node:fs';
import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3991';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.setDefaultTimeout(90000);
const axeSource = fs.readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
async function axe(label: string, all = false) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async (all) => {
    // biome-ignore lint: temp
    const r = await (window as any).axe.run(document, all ? {} : { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v: { id: string; nodes: unknown[] }) => `${v.id} (${v.nodes.length})`);
  }, all);
  console.log(`${label}: axe ${all ? '(every rule)' : ''} ${result.length ? result.join(', ') : 'nothing found'}`);
}
const shot = async (name: string) => { await page.screenshot({ path: `/tmp/walk-${name}.png`, fullPage: true }); };
await page.goto(`${base}/sign-in`);
await page.fill('#email', 'morven.blair@carse-family-support.example');
await page.fill('#password', 'wrong-password-here');
await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
console.log('wrong password:', (await page.textContent('.govuk-error-summary'))?.replace(/\s+/g, ' ').trim());
await page.fill('#password', 'demo-walk-password-1');
await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
console.log('signed in at', page.url());
await page.goto(`${base}/practice`);
console.log('families list:', (await page.textContent('h1'))?.trim(), '|', (await page.locator('main').innerText()).split('\n').slice(0, 4).join(' / '));
await axe('families list'); await shot('list');
// Find a family: a wrong date first.
await page.goto(`${base}/practice/search`);
await page.fill('#dateOfBirth-day', '31'); await page.fill('#dateOfBirth-month', '2'); await page.fill('#dateOfBirth-year', '2010');
await page.focus('#reference'); await page.keyboard.press('Enter'); await page.waitForLoadState();
console.log('search error:', (await page.textContent('.govuk-error-summary'))?.replace(/\s+/g, ' ').trim(), '| field:', (await page.textContent('#dateOfBirth-error'))?.replace(/\s+/g, ' ').trim());
await axe('search with an error'); await shot('search-error');
await page.fill('#dateOfBirth-day', ''); await page.fill('#dateOfBirth-month', ''); await page.fill('#dateOfBirth-year', '');
await page.fill('#name', 'Nowak');
await page.focus('#name'); await page.keyboard.press('Enter'); await page.waitForLoadState();
console.log('search results:', (await page.textContent('#results-summary'))?.trim());
await axe('search results'); await shot('search');
const first = page.locator('.hearth-search-results a').first();
const href = await first.getAttribute('href');
await page.goto(`${base}${href}`);
console.log('overview:', (await page.textContent('h1'))?.trim(), '|', (await page.textContent('.govuk-caption-l'))?.trim());
console.log('  members:', await page.locator('.hearth-member-card').count(), '| map boxes:', await page.locator('.hearth-family-map__svg rect').count(), '| chronology rows:', await page.locator('#chronology + table tbody tr').count());
await axe('overview'); await axe('overview', true); await shot('overview');
await page.goto(`${base}${href}/plan`);
console.log('plan:', (await page.textContent('h1'))?.trim(), '| goals:', await page.locator('.govuk-summary-card').count(), '| charts:', await page.locator('svg.hearth-progress-chart').count());
await axe('plan'); await axe('plan', true); await shot('plan');
await page.goto(`${base}${href}/map`);
console.log('map page boxes:', await page.locator('.hearth-family-map__svg rect').count());
await axe('map'); await shot('map');
await page.goto(`${base}/practice/referrals`);
console.log('inbox:', (await page.textContent('h2.govuk-heading-m'))?.trim(), '| rows:', await page.locator('tbody tr').count());
await axe('inbox'); await shot('inbox');
await page.selectOption('#urgency', 'urgent');
await page.focus('#urgency'); await page.keyboard.press('Tab'); await page.keyboard.press('Enter'); await page.waitForLoadState();
console.log('inbox, urgent only:', page.url().replace(base, ''), '|', (await page.textContent('h2.govuk-heading-m'))?.trim());
await axe('inbox filtered'); await shot('inbox-urgent');
await browser.close();
