import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { csvField, guardFormula, viewToCsv } from './auditCsv.ts';
import { type AuditOutputNotes, type ShownView, suppressionRule } from './auditOutputs.ts';
import {
  byLocality,
  parseCsv,
  pdfTextRuns,
  reachByRelationship,
  waitsByQuarter,
  xlsxCells,
  xlsxParts,
} from './auditOutputsTesting.ts';
import { reportPdf } from './auditPdf.ts';
import { suppressTable } from './auditTable.ts';
import { viewsToXlsx } from './auditXlsx.ts';
import { columnName, sheetNames } from './xlsxWriter.ts';

const filters = { from: '2025-04-01', to: '2026-03-31' };
const localities = [
  { id: 'k', name: 'Kilbrannan' },
  { id: 'c', name: 'Carse of Dunmore' },
  { id: 'a', name: 'Ardmore Coast' },
];
const views: ShownView[] = [
  {
    id: 'reach',
    title: 'Reach',
    summary: 'Who the services reach.',
    tables: [...byLocality(localities, filters), reachByRelationship()].map((t) => suppressTable(t, 10)),
  },
  {
    id: 'waiting',
    title: 'Waiting times',
    summary: 'How soon.',
    tables: [suppressTable(waitsByQuarter(), 10)],
  },
];
const notes: AuditOutputNotes = {
  areaName: 'Glenmuir and Carse ADP',
  councilArea: 'Glenmuir Council',
  filters,
  period: '1 April 2025 to 31 March 2026',
  filterLines: ['Locality: Kilbrannan'],
  threshold: 10,
  suppressionRule: suppressionRule(10),
  simdEdition: 'SIMD 2020v2',
  madeAt: new Date('2026-12-02T09:15:00Z'),
};

/** Values that are a bare count from 1 to 9: what no export may hold. */
const smallCounts = (values: string[]) => values.filter((v) => /^\s*[1-9]\s*$/.test(v));

describe('CSV', () => {
  it('guards every cell a spreadsheet would run as a formula', () => {
    for (const risky of ['=1+1', '+44 1234', '-2', '@SUM(A1)', '\tcmd', '\rcmd'])
      expect(guardFormula(risky)).toBe(`'${risky}`);
    for (const safe of ['Kilbrannan', '12', 'a=b', "'quoted", '']) expect(guardFormula(safe)).toBe(safe);
  });

  it('quotes fields with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('writes a view with its notes first, each table with its definition, hidden figures as words', () => {
    const csv = viewToCsv(views[0] as ShownView, notes);
    expect(csv.startsWith('\uFEFF# Title: Reach: provision audit\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const records = parseCsv(csv);
    const firstCells = records.map((r) => r[0] ?? '');
    expect(firstCells).toContain('# Period: 1 April 2025 to 31 March 2026');
    expect(firstCells).toContain('# Filter: Locality: Kilbrannan');
    expect(firstCells).toContain(`# Small numbers: ${suppressionRule(10)}`);
    expect(firstCells).toContain('# Deprivation (SIMD) edition: SIMD 2020v2');
    expect(firstCells).toContain(`# Definition: ${reachByRelationship().definition}`);
    expect(records).toContainEqual(['', 'People supported', 'Families supported']);
    expect(records).toContainEqual(['Kilbrannan', '120', '48']);
    expect(records).toContainEqual(['Ardmore Coast', 'fewer than 10', 'fewer than 10']);
    expect(records).toContainEqual(['Partners', '22', '\'=HYPERLINK("http://x")']);
    expect(records).toContainEqual(['Grandparents', 'fewer than 10', 'Kinship carers, "mostly"']);
    expect(records).toContainEqual(['Friends', '12', "'+ neighbours"]);
    expect(smallCounts(records.flat())).toEqual([]);
  });

  it('gives rates and waits their unit in the header, as the numbers carry none', () => {
    const records = parseCsv(viewToCsv(views[1] as ShownView, notes));
    expect(records).toContainEqual(['', 'Referrals', 'Started within 3 weeks (%)', 'Median wait (days)']);
    expect(records).toContainEqual(['January to March 2026', '61', '93', '11']);
    expect(records).toContainEqual(['July to September 2025', 'fewer than 10', 'not shown', 'not shown']);
  });
});

describe('XLSX', () => {
  const parts = xlsxParts(viewsToXlsx(views, notes, 'Provision audit'));

  it('is a workbook whose every part is well-formed XML', () => {
    expect(Object.keys(parts)).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'docProps/core.xml',
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet5.xml',
      ]),
    );
    for (const [path, xml] of Object.entries(parts)) expect(XMLValidator.validate(xml), path).toBe(true);
    expect(parts['docProps/core.xml']).toContain('<dc:title>Provision audit</dc:title>');
  });

  it('has a notes sheet first, then a sheet for each table', () => {
    const names = [...(parts['xl/workbook.xml'] ?? '').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual([
      'Notes',
      'People and families supported b',
      'Sessions delivered by who deliv',
      'People supported by relationshi',
      'Referrals and waits by quarter',
    ]);
    const notesCells = xlsxCells(parts['xl/worksheets/sheet1.xml'] ?? '').map((c) => c[1]);
    expect(notesCells).toEqual(
      expect.arrayContaining([
        '1 April 2025 to 31 March 2026',
        'Locality: Kilbrannan',
        suppressionRule(10).replaceAll('"', '&quot;'),
        'SIMD 2020v2',
        waitsByQuarter().definition,
      ]),
    );
  });

  it('writes shown figures as numbers and hidden ones as words, never a small count', () => {
    const cells = xlsxCells(parts['xl/worksheets/sheet2.xml'] ?? '');
    expect(cells).toContainEqual(['B6', '120', true]);
    expect(cells).toContainEqual(['B8', 'fewer than 10', false]);
    expect(cells).toContainEqual(['C7', 'not shown', false]);
    for (let sheet = 2; sheet <= 5; sheet++)
      expect(smallCounts(xlsxCells(parts[`xl/worksheets/sheet${sheet}.xml`] ?? '').map((c) => c[1]))).toEqual(
        [],
      );
    // A text cell is an inline string, which a spreadsheet does not run.
    expect(parts['xl/worksheets/sheet4.xml']).toContain(
      '<t xml:space="preserve">=HYPERLINK(&quot;http://x&quot;)</t>',
    );
  });

  it('names sheets within the rules and columns past Z', () => {
    expect(sheetNames(['A: b/c', 'Notes', 'notes', 'x'.repeat(40), 'x'.repeat(40)])).toEqual([
      'A b c',
      'Notes',
      'notes (2)',
      'x'.repeat(31),
      `${'x'.repeat(27)} (2)`,
    ]);
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });
});

describe('PDF', () => {
  it('is a PDF holding the period, the rule, every definition, the summaries and no small count', async () => {
    const pdf = await reportPdf({ title: 'Provision audit: baseline report', notes, views });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    const text = pdfTextRuns(pdf).join('\n');
    expect(text).toContain('Period: 1 April 2025 to 31 March 2026');
    expect(text).toContain('Definitions of every measure');
    expect(text).toContain('SIMD 2020v2');
    const words = text.replace(/\s+/g, ' ');
    expect(words).toContain(suppressionRule(10));
    for (const table of views.flatMap((v) => v.tables)) expect(words).toContain(table.definition);
    expect(words).toContain('Highest: Parents, 45; lowest: Brothers and sisters, 0');
    expect(smallCounts(pdfTextRuns(pdf))).toEqual([]);
  });
});
