import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { financialYearOf, periodText, suggestedPeriods } from '../src/features/audit/auditFilters.ts';
import { parseCsv, pdfTextRuns } from '../src/features/audit/auditOutputsTesting.ts';
import { todayInUk } from '../src/features/chronology/dateParts.ts';
import {
  AuditContentsPage,
  AuditReportPage,
  AuditViewPage,
  download,
  followLink,
  GapsPage,
  ProposalFormPage,
  ProposalPage,
} from './pages/auditPages.ts';
import { PartnershipPage } from './pages/partnershipPage.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts, demoAreaName } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const lead = demoAccounts.partnershipLead;
const locality = 'Ardmore Coast';
const youngPeople = `Young people aged 12 to 17 in ${locality}`;

/** The last whole financial year before today's: the period a baseline is made for. */
function lastWholeYear() {
  const today = todayInUk(new Date());
  const start = financialYearOf(today) - 1;
  const period = suggestedPeriods(today).find((p) => p.from === `${start}-04-01`);
  if (!period) throw new Error('no suggested period for the last financial year');
  return { ...period, words: periodText(period) };
}

/** A bare count from 1 to 9, which no output may show. */
const small = (cells: string[]) => cells.filter((c) => /^\s*[1-9]\s*$/.test(c));

/** One column of one table of an exported CSV: its title line, definition, header row, then rows to a blank line. */
function csvColumn(records: string[][], title: string, column: string): string[] {
  const start = records.findIndex((r) => r[0] === `# Table: ${title}`);
  const header = records[start + 2] ?? [];
  const at = header.indexOf(column);
  if (start < 0 || at < 0) throw new Error(`no column ${column} in ${title}`);
  const rows: string[] = [];
  for (const record of records.slice(start + 3)) {
    if (!record.some(Boolean) || record[0]?.startsWith('#')) break;
    rows.push(record[at] ?? '');
  }
  return rows;
}

async function fileText(file: { path(): Promise<string | null> }): Promise<Buffer> {
  const where = await file.path();
  if (!where) throw new Error('the download was not saved');
  return fs.readFileSync(where);
}

/** From the partnership overview to the audit's contents. */
async function openAudit(page: Page, state: string): Promise<AuditContentsPage> {
  const home = await signInAs(page, lead, state);
  await home.openSection('Partnership');
  await PartnershipPage.verifyOnPage(page, demoAreaName, state);
  await followLink(page, page.getByRole('main').getByRole('link', { name: 'Provision audit', exact: true }));
  return AuditContentsPage.verifyOnPage(page, state);
}

describe('a partnership lead’s provision audit, from the figures to a proposal and the report', () => {
  const browser = useBrowser();
  const year = lastWholeYear();

  it('filters to one locality and a year, finds the gap in young people’s support, records a proposal, and exports the figures and the report', async () => {
    const page = await browser.newPage();
    let contents = await openAudit(page, 'journey');

    // One locality, then the last whole financial year: the period link keeps the locality.
    await contents.chooseLocality(locality);
    contents = await AuditContentsPage.verifyOnPage(page, 'journey-locality');
    await contents.choosePeriod(year.label);
    contents = await AuditContentsPage.verifyOnPage(page, 'journey-filtered');
    expect(await contents.figuresFor()).toBe(`${year.words}, ${locality}`);
    expect(new URL(page.url()).searchParams.get('from')).toBe(year.from);

    // Every view keeps the filters and says its period, like the others.
    await contents.openView('Reach');
    const reach = await AuditViewPage.verifyOnPage(page, 'Reach', 'reach-filtered');
    expect(await reach.figuresFor()).toBe(`${year.words}, ${locality}`);
    for (const table of await reach.tables())
      expect(table.definition, table.title).toContain(`Period: ${year.words}.`);
    await page.goBack();
    contents = await AuditContentsPage.verifyOnPage(page, 'journey-back');

    // The gap analysis, with the same filters.
    await contents.openView('Gaps: need against provision and reach');
    let gaps = await GapsPage.verifyOnPage(page, 'filtered');
    const gapsAddress = page.url();
    expect(await gaps.figuresFor()).toBe(`${year.words}, ${locality}`);
    const found = await gaps.found(youngPeople);
    expect(found.join(' ')).toMatch(/(Nobody|Fewer than 10) supported[^.]*against an estimated \d+/);
    expect(await gaps.proposals(youngPeople)).toBe('None recorded yet');
    expect(await gaps.tableCaptions()).toContain(
      `Groups: people supported against estimated need, ${locality}`,
    );
    for (const definition of await gaps.definitions()) expect(definition).toContain(`Period: ${year.words}.`);

    // A proposal for it, with an owner.
    await gaps.recordProposal(youngPeople);
    const form = await ProposalFormPage.verifyOnPage(page, 'young-people');
    const title = await form.title();
    expect(title).toBe(`Support for young people aged 12 to 17 in ${locality}`);
    await form.record({
      proposal:
        'Ardmore Youth Project to run a weekly drop-in for young people affected by a family member’s drinking or drug use at Ardmore Academy, with one-to-one sessions for those who ask, and Glenmuir Young Carers referring in.',
      owner: 'Kieran Doyle, Ardmore Youth Project',
      due: ['30', '6', String(financialYearOf(todayInUk(new Date())) + 1)],
      status: 'Agreed',
    });
    const proposal = await ProposalPage.verifyOnPage(page, title, 'young-people');
    expect(await proposal.banner()).toBe('The proposal was recorded.');
    const facts = await proposal.facts();
    expect(facts.get('Owner')).toBe('Kieran Doyle, Ardmore Youth Project');
    expect(facts.get('Status')).toBe('Agreed');
    expect(facts.get('The gap')).toContain(locality);

    // Back at the gaps, the gap has its proposal.
    await page.goto(gapsAddress);
    gaps = await GapsPage.verifyOnPage(page, 'with-proposal');
    expect(await gaps.proposals(youngPeople)).toBe(`${title} (Agreed)`);

    // The gap analysis as CSV: the period, the locality, the rule, and no small count.
    const csv = await download(page, page.getByRole('link', { name: 'CSV of the gap analysis' }));
    expect(csv.suggestedFilename()).toBe(`hearth-audit-gaps-${year.from}-to-${year.to}.csv`);
    const records = parseCsv((await fileText(csv)).toString('utf8'));
    const cells = records.flat();
    expect(cells).toContain(`# Period: ${year.words}`);
    expect(cells).toContain(`# Filter: Locality: ${locality}`);
    expect(cells.some((c) => c.startsWith('# Small numbers:'))).toBe(true);
    const row = records.find((r) => r[0] === 'Young people aged 12 to 17');
    expect(row?.join(' ')).toMatch(/nobody supported|under 1 in 10/);
    // No count of people or referrals from 1 to 9 (counts of services are public, and shown).
    for (const [table, column] of [
      ['Need against provision and reach, by locality', 'Family members supported'],
      ['Need against provision and reach, by locality', 'Referrals waiting over 6 weeks'],
      [`Groups: people supported against estimated need, ${locality}`, 'Supported'],
      [`Long waits by service, ${locality}`, 'Referrals received'],
      [`Long waits by service, ${locality}`, 'Waited over 6 weeks'],
    ] as const) {
      const figures = csvColumn(records, table, column);
      expect(figures.length, `${table}: ${column}`).toBeGreaterThan(0);
      expect(small(figures), `${table}: ${column}`).toEqual([]);
    }

    // The baseline report for the same figures: charts with their tables, and the PDF.
    await followLink(page, page.getByRole('link', { name: 'the baseline report' }));
    const report = await AuditReportPage.verifyOnPage(page, 'filtered');
    expect(await report.facts()).toEqual(
      expect.arrayContaining([
        ['Period', year.words],
        ['Filter', `Locality: ${locality}`],
      ]),
    );
    const charts = await report.charts();
    expect(charts.length).toBeGreaterThan(3);
    for (const chart of charts) expect(chart.tableRows, chart.name).toBeGreaterThan(0);
    const pdf = await download(page, page.getByRole('link', { name: 'Download the report as a PDF' }));
    expect(pdf.suggestedFilename()).toBe(`hearth-audit-report-${year.from}-to-${year.to}.pdf`);
    const bytes = await fileText(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfTextRuns(bytes).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain(year.words);
    expect(text).toContain(locality);
    expect(text).toContain('Young people aged 12 to 17');
  });

  it('works without JavaScript: typed dates, an error summary for a date that does not exist, and the gaps', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    let contents = await openAudit(page, 'no-js');
    const [fromYear, toYear] = [year.from.slice(0, 4), year.to.slice(0, 4)];

    await contents.typePeriod(['31', '2', toYear], ['31', '3', toYear]);
    contents = await AuditContentsPage.verifyOnPage(page, 'no-js-error');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await contents.errors()).toEqual([
      { text: 'The start of the period must be a real date', href: '#from' },
    ]);

    await contents.typePeriod(['1', '4', fromYear], ['31', '3', toYear]);
    contents = await AuditContentsPage.verifyOnPage(page, 'no-js-year');
    await contents.chooseLocality(locality);
    contents = await AuditContentsPage.verifyOnPage(page, 'no-js-filtered');
    expect(await contents.figuresFor()).toBe(`${year.words}, ${locality}`);
    await contents.openView('Gaps: need against provision and reach');
    const gaps = await GapsPage.verifyOnPage(page, 'no-js');
    expect(await gaps.figuresFor()).toBe(`${year.words}, ${locality}`);
    expect((await gaps.found(youngPeople)).length).toBeGreaterThan(0);
    await gaps.recordProposal(youngPeople);
    await ProposalFormPage.verifyOnPage(page, 'no-js');
  });
});
