// Fixture views for the tests of the audit's outputs (charts, exports, the
// report, the map): invented figures with small counts in known places, so
// the tests never depend on the real views' measures.
import { asc, eq } from 'drizzle-orm';
import { strFromU8, unzipSync, unzlibSync } from 'fflate';
import type { Db } from '../../db/client.ts';
import { locality } from '../../db/schema.ts';
import type { AuditTable } from './auditTable.ts';
import type { AuditFilters, AuditView } from './auditView.ts';

/** Every raw count the fixtures hold below 10: none of them may be seen in any output. */
export const fixtureSmallCounts = [7, 3, 8, 4, 5, 2, 6];

export function reachByRelationship(): AuditTable {
  return {
    id: 'reach-by-relationship',
    title: 'People supported by relationship to the person using substances',
    definition:
      'People with support open at any time in the period, by how they are related to the person using substances.',
    columns: [
      { key: 'people', label: 'People supported', kind: 'count' },
      { key: 'note', label: 'Note', kind: 'text' },
    ],
    rows: [
      { key: 'parent', label: 'Parents', values: { people: 45, note: 'Includes step-parents' } },
      { key: 'partner', label: 'Partners', values: { people: 22, note: '=HYPERLINK("http://x")' } },
      { key: 'child', label: 'Children and young people', values: { people: 8, note: null } },
      { key: 'grandparent', label: 'Grandparents', values: { people: 4, note: 'Kinship carers, "mostly"' } },
      { key: 'sibling', label: 'Brothers and sisters', values: { people: 0, note: null } },
      { key: 'friend', label: 'Friends', values: { people: 12, note: '+ neighbours' } },
    ],
    total: { key: 'all', label: 'All people', values: { people: 91, note: null } },
  };
}

export function waitsByQuarter(): AuditTable {
  const quarters: [string, string, number, number, number][] = [
    ['2025-Q2', 'April to June 2025', 40, 85, 12],
    ['2025-Q3', 'July to September 2025', 5, 60, 30],
    ['2025-Q4', 'October to December 2025', 52, 90, 14],
    ['2026-Q1', 'January to March 2026', 61, 93, 11],
  ];
  return {
    id: 'waits-by-quarter',
    title: 'Referrals and waits by quarter',
    definition:
      'Referrals sent in each quarter; the share whose support started within 3 weeks (standard 90%); the median wait in days.',
    columns: [
      { key: 'referrals', label: 'Referrals', kind: 'count' },
      { key: 'within3', label: 'Started within 3 weeks', kind: 'percent', basedOn: 'referrals' },
      { key: 'median', label: 'Median wait', kind: 'days', basedOn: 'referrals' },
    ],
    // Newest first, as a page lists them: the line chart puts them in order.
    rows: quarters.reverse().map(([key, label, referrals, within3, median]) => ({
      key,
      label,
      values: { referrals, within3, median },
    })),
  };
}

/** People and sessions by locality, with the parts of each locality's sessions by who delivered them. */
export function byLocality(localities: { id: string; name: string }[], filters: AuditFilters): AuditTable[] {
  const figures = [
    { people: 120, families: 48, paid: 60, volunteer: 24, peer: 16 },
    { people: 64, families: 30, paid: 40, volunteer: 2, peer: 22 },
    { people: 7, families: 3, paid: 15, volunteer: 0, peer: 6 },
  ];
  const rows = localities.map((l, i) => {
    const f = figures[i % figures.length] as (typeof figures)[number];
    return { key: l.id, label: l.name, values: { ...f, sessions: f.paid + f.volunteer + f.peer } };
  });
  const sum = (key: 'people' | 'families' | 'paid' | 'volunteer' | 'peer' | 'sessions') =>
    rows.reduce((n, r) => n + r.values[key], 0);
  return [
    {
      id: 'people-by-locality',
      title: 'People and families supported by locality',
      definition: `People and families with support open at any time from ${filters.from} to ${filters.to}, by the locality the family lives in.`,
      columns: [
        { key: 'people', label: 'People supported', kind: 'count' },
        { key: 'families', label: 'Families supported', kind: 'count' },
      ],
      rows: rows.map((r) => ({ ...r, values: { people: r.values.people, families: r.values.families } })),
      total: {
        key: 'area',
        label: 'Whole area',
        values: { people: sum('people'), families: sum('families') },
      },
    },
    {
      id: 'sessions-by-delivery',
      title: 'Sessions delivered by who delivered them',
      definition: 'Group sessions held in the period, by whether paid staff, volunteers or peers led them.',
      columns: [
        { key: 'sessions', label: 'All sessions', kind: 'count', sumOf: ['paid', 'volunteer', 'peer'] },
        { key: 'paid', label: 'Paid staff', kind: 'count' },
        { key: 'volunteer', label: 'Volunteers', kind: 'count' },
        { key: 'peer', label: 'Peers', kind: 'count' },
      ],
      rows,
    },
  ];
}

async function areaLocalities(db: Db, areaId: string | undefined) {
  if (!areaId) throw new Error('a partnership lead has an area');
  return db
    .select({ id: locality.id, name: locality.name })
    .from(locality)
    .where(eq(locality.partnershipAreaId, areaId))
    .orderBy(asc(locality.name));
}

/** Two views over the fixtures: one by locality and group, one of trends. */
export const fixtureViews: AuditView[] = [
  {
    id: 'fixture-reach',
    title: 'Reach (fixture)',
    summary: 'Who the fixture services reach, by locality and relationship.',
    build: async (db, access, filters) => [
      ...byLocality(await areaLocalities(db, access.partnershipAreaId), filters),
      reachByRelationship(),
    ],
  },
  {
    id: 'fixture-waiting',
    title: 'Waiting times (fixture)',
    summary: 'How soon the fixture referrals start support, by quarter.',
    build: async () => [
      waitsByQuarter(),
      {
        id: 'gaps-none',
        title: 'Gaps found',
        definition: 'Localities with no support of a kind.',
        columns: [{ key: 'gaps', label: 'Gaps', kind: 'count' }],
        rows: [],
      },
    ],
  },
];

/** The text runs of a PDF made by pdfkit: each TJ array's hex strings, decoded and joined. */
export function pdfTextRuns(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf).toString('latin1');
  const streams = /\/Length (\d+)\n\/Filter \/FlateDecode\n>>\nstream\n/g;
  const runs: string[] = [];
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    const start = m.index + m[0].length;
    const content = Buffer.from(unzlibSync(pdf.subarray(start, start + Number(m[1])))).toString('latin1');
    for (const array of content.matchAll(/\[([^\]]*)\] TJ/g))
      runs.push(
        [...(array[1] ?? '').matchAll(/<([0-9a-f]*)>/g)]
          .map((hex) => Buffer.from(hex[1] ?? '', 'hex').toString('latin1'))
          .join(''),
      );
  }
  return runs;
}

/** A workbook's parts, by path, as text. */
export function xlsxParts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([path, data]) => [path, strFromU8(data)]));
}

/** Every cell of a worksheet part, as [reference, value, is a number]. */
export function xlsxCells(sheetXml: string): [string, string, boolean][] {
  return [
    ...sheetXml.matchAll(
      /<c r="([A-Z]+\d+)"[^>]*?(?: t="inlineStr")?>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g,
    ),
  ].map((m) => [m[1] ?? '', m[2] ?? m[3] ?? '', m[2] !== undefined]);
}

/** A CSV file's records (RFC 4180: quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || record.length) records.push([...record, field]);
  return records;
}
