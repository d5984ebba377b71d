// Reading a SIMD postcode lookup for `npx hearth import-simd`: CSV with a
// header row naming the postcode, the data zone and the SIMD quintile (or
// decile). The Scottish Government's lookup and the NHS open data extracts
// name their columns differently; the common names are accepted. Every row
// is checked; one bad row stops the file.
import { parseCsv, type RowProblem } from '../finder/postcodeImport.ts';
import { parsePostcode } from '../finder/postcodes.ts';

export interface SimdRow {
  /** Upper case with one space: "GM4 2LT". */
  postcode: string;
  dataZone: string;
  /** 1 = the most deprived fifth of Scotland's data zones, 5 = the least. */
  quintile: number;
}

export interface SimdFile {
  rows: SimdRow[];
  problems: RowProblem[];
  /** The edition the header names ("SIMD 2020v2" from SIMD2020v2_Quintile), when it names one. */
  editionFromHeader: string | undefined;
  /** The header's own names of the columns read, to say what was read. */
  columns: { postcode: string; dataZone: string; quintile: string; fromDecile: boolean } | undefined;
}

/** Header names compared without case, spaces or punctuation: "SIMD2020v2_Quintile" is "simd2020v2quintile". */
function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Names accepted for each column, squashed. */
export const postcodeNames = ['postcode', 'pc7', 'pc8', 'pcds'];
export const dataZoneNames = [
  'datazone',
  'dz',
  'datazonecode',
  'datazone2011',
  'datazone2011code',
  'dz2011',
  'datazone2022',
  'datazone2022code',
  'dz2022',
];
// Scotland-wide ranks only: "SIMD2020V2HBQuintile" (within a health board) is not the national quintile.
const quintilePattern = /^(simd(\d{4}(v\d+)?)?)?(country)?quintile$/;
const decilePattern = /^(simd(\d{4}(v\d+)?)?)?(country)?decile$/;
const dataZonePattern = /^[A-Z0-9]{1,12}$/;

/** "SIMD 2020v2" from a header name like "SIMD2020v2_Quintile"; undefined when it names no year. */
export function editionOf(header: string): string | undefined {
  const match = /^simd(\d{4}(?:v\d+)?)/.exec(squash(header));
  return match ? `SIMD ${match[1]}` : undefined;
}

/** A whole number from `low` to `high` written in digits ("3", "03", "3.0"), or undefined. */
function rank(text: string, low: number, high: number): number | undefined {
  if (!/^\d{1,2}(\.0+)?$/.test(text)) return undefined;
  const value = Number(text);
  return value >= low && value <= high ? value : undefined;
}

/**
 * The file's records with their lines. A lookup of a quarter of a million
 * rows seldom quotes anything: without a quote it is split on lines and
 * commas, five times faster than the full CSV reader, to the same records.
 */
function records(text: string): { line: number; fields: string[] }[] {
  if (text.includes('"')) return parseCsv(text);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const out: { line: number; fields: string[] }[] = [];
  body.split(/\r\n|\n|\r/).forEach((line, i) => {
    if (line.trim() !== '') out.push({ line: i + 1, fields: line.split(',').map((f) => f.trim()) });
  });
  return out;
}

/** The file's rows, checked: every problem with its line number, or every row ready to store. */
export function readSimdFile(text: string): SimdFile {
  const none = { rows: [], editionFromHeader: undefined, columns: undefined };
  const [header, ...data] = records(text);
  if (!header)
    return { ...none, problems: [{ line: 1, problem: 'the file is empty: it needs a header row' }] };
  const names = header.fields.map(squash);
  const find = (accepted: string[]) => names.findIndex((n) => accepted.includes(n));
  const place = find(postcodeNames);
  const zone = find(dataZoneNames);
  const quintileAt = names.findIndex((n) => quintilePattern.test(n));
  const decileAt = names.findIndex((n) => decilePattern.test(n));
  const fromDecile = quintileAt < 0 && decileAt >= 0;
  const rankAt = fromDecile ? decileAt : quintileAt;
  const missing = [
    place < 0 && 'postcode (Postcode, pc7 or pc8)',
    zone < 0 && 'data zone (DZ, DataZone or Data_Zone)',
    rankAt < 0 && 'SIMD quintile or decile (like SIMD2020v2_Quintile or SIMD2020v2_Decile)',
  ]
    .filter(Boolean)
    .join(', ');
  if (missing)
    return { ...none, problems: [{ line: header.line, problem: `the header has no ${missing} column` }] };
  if (!data.length)
    return { ...none, problems: [{ line: header.line, problem: 'there are no rows after the header' }] };

  const rows: SimdRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  const width = header.fields.length;
  for (const { line, fields } of data) {
    const found: string[] = [];
    if (fields.length !== width) found.push(`it has ${fields.length} columns, the header has ${width}`);
    const given = fields[place] ?? '';
    const postcode = parsePostcode(given);
    if (!postcode) found.push(`"${given.slice(0, 20)}" is not a full postcode`);
    const dataZone = (fields[zone] ?? '').toUpperCase();
    if (!dataZonePattern.test(dataZone))
      found.push(
        dataZone
          ? `"${dataZone.slice(0, 20)}" is not a data zone code, like S01006506`
          : 'the data zone is empty',
      );
    const value = rank(fields[rankAt] ?? '', 1, fromDecile ? 10 : 5);
    if (value === undefined)
      found.push(
        fromDecile
          ? 'the decile must be a whole number from 1 to 10'
          : 'the quintile must be a whole number from 1 to 5',
      );
    const earlier = postcode && seen.get(postcode.value);
    if (postcode && earlier) found.push(`${postcode.value} is also on line ${earlier}`);
    if (found.length || !postcode || value === undefined) {
      problems.push({ line, problem: found.join('; ') });
      continue;
    }
    seen.set(postcode.value, line);
    rows.push({ postcode: postcode.value, dataZone, quintile: fromDecile ? Math.ceil(value / 2) : value });
  }
  return {
    rows,
    problems,
    editionFromHeader: editionOf(header.fields[rankAt] ?? ''),
    columns: {
      postcode: header.fields[place] ?? '',
      dataZone: header.fields[zone] ?? '',
      quintile: header.fields[rankAt] ?? '',
      fromDecile,
    },
  };
}

/** An edition's name as the operator gives it: 1 to 80 characters. */
export function checkEditionName(name: string): string | undefined {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) return 'the edition needs a name, like "SIMD 2020v2"';
  if (trimmed.length > 80) return 'the edition name must be 80 characters or fewer';
  return undefined;
}
