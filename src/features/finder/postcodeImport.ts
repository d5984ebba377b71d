// Reading a postcode places file for `npx hearth import-postcodes`: CSV with
// a header row naming postcode (or outcode), latitude, longitude and,
// optionally, council_area. Every row is checked; one bad row stops the file.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { postcodePlace } from '../../db/schemaDirectory.ts';
import { parsePostcode } from './postcodes.ts';

export interface PostcodeRow {
  postcode: string;
  kind: 'postcode' | 'outcode';
  latitude: number;
  longitude: number;
  councilArea: string | null;
}

export interface RowProblem {
  line: number;
  problem: string;
}

/** Splits CSV text into records of fields (RFC 4180 quoting), each with the line it starts on. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let value = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let afterQuote = false;
  const endField = () => {
    fields.push(afterQuote ? value : value.trim());
    value = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: start, fields });
    fields = [];
  };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        value += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (c === '\n') line++;
        value += c;
      }
    } else if (c === '"' && value.trim() === '') {
      quoted = true;
      value = '';
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else if (!afterQuote) value += c;
  }
  if (value !== '' || fields.length) endRecord();
  return records;
}

function coordinate(text: string, min: number, max: number): number | undefined {
  if (!/^-?\d{1,3}(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/** The file's rows, checked: every problem with its line number, or every row ready to store. */
export function readPostcodeFile(text: string): { rows: PostcodeRow[]; problems: RowProblem[] } {
  const records = parseCsv(text);
  const [header, ...data] = records;
  if (!header)
    return { rows: [], problems: [{ line: 1, problem: 'the file is empty: it needs a header row' }] };
  const names = header.fields.map((f) => f.toLowerCase());
  const column = (name: string) => names.indexOf(name);
  const place = column('postcode') >= 0 ? column('postcode') : column('outcode');
  const latitude = column('latitude');
  const longitude = column('longitude');
  const council = column('council_area');
  const missing = [
    place < 0 && 'postcode (or outcode)',
    latitude < 0 && 'latitude',
    longitude < 0 && 'longitude',
  ]
    .filter(Boolean)
    .join(', ');
  if (missing)
    return { rows: [], problems: [{ line: header.line, problem: `the header has no ${missing} column` }] };
  if (!data.length)
    return { rows: [], problems: [{ line: header.line, problem: 'there are no rows after the header' }] };

  const rows: PostcodeRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of data) {
    const found: string[] = [];
    if (fields.length !== header.fields.length)
      found.push(`it has ${fields.length} columns, the header has ${header.fields.length}`);
    const given = fields[place] ?? '';
    const postcode = parsePostcode(given, { allowOutcode: true });
    if (!postcode) found.push(`"${given.slice(0, 20)}" is not a postcode or outcode`);
    const lat = coordinate(fields[latitude] ?? '', -90, 90);
    if (lat === undefined) found.push('latitude must be a number from -90 to 90');
    const lng = coordinate(fields[longitude] ?? '', -180, 180);
    if (lng === undefined) found.push('longitude must be a number from -180 to 180');
    const councilArea = council >= 0 ? (fields[council] ?? '') : '';
    if (councilArea.length > 200) found.push('council_area must be 200 characters or fewer');
    if (postcode && seen.has(postcode.value))
      found.push(`${postcode.value} is also on line ${seen.get(postcode.value)}`);
    if (found.length || !postcode || lat === undefined || lng === undefined) {
      problems.push({ line, problem: found.join('; ') });
      continue;
    }
    seen.set(postcode.value, line);
    rows.push({
      postcode: postcode.value,
      kind: postcode.kind,
      latitude: lat,
      longitude: lng,
      councilArea: councilArea || null,
    });
  }
  return { rows, problems };
}

/** Stores the rows in one transaction, replacing places already known. */
export async function storePostcodes(db: Db, rows: PostcodeRow[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await tx
        .insert(postcodePlace)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: postcodePlace.postcode,
          set: {
            kind: sql`excluded.kind`,
            latitude: sql`excluded.latitude`,
            longitude: sql`excluded.longitude`,
            councilArea: sql`excluded.council_area`,
          },
        });
    }
  });
}
