// Reading need estimates pasted from a CSV file or a spreadsheet: the same
// rules as the form, each problem with its line, and nothing saved unless
// every row is right.
import type { FieldErrors } from '../../platform/http/forms.ts';
import { parseCsv, type RowProblem } from '../finder/postcodeImport.ts';
import { checkNeedForm, type NeedInput, wholeArea } from './needForm.ts';
import { defaultFamilyMultiplier, measureFrom, measureLabel, substanceUse } from './needMeasures.ts';

/** At most this many rows in one import: an area has a few localities and measures a year. */
export const maxImportRows = 1000;

/** Header names accepted for each column (compared without case, spaces or underscores). */
const columnNames: Record<string, string[]> = {
  locality: ['locality'],
  measure: ['measure', 'whatisestimated'],
  year: ['year', 'foryear'],
  estimate: ['estimate'],
  multiplier: ['multiplier', 'familymultiplier'],
  source: ['source'],
};

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Records of fields with their lines: CSV, or tab-separated as a spreadsheet copies it. */
function records(text: string): { line: number; fields: string[] }[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.includes('\t')) return parseCsv(text);
  return (
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      // A spreadsheet quotes a cell holding a tab, a quote or a new line: its quotes are taken off.
      .map((line, i) => ({
        line: i + 1,
        fields: line.split('\t').map((f) =>
          f
            .trim()
            .replace(/^"(.*)"$/, '$1')
            .replace(/""/g, '"'),
        ),
      }))
      .filter((r) => !(r.fields.length === 1 && r.fields[0] === ''))
  );
}

/** Reads the pasted text against the area's localities: every row ready to save, or every problem. */
export function readNeedEstimates(
  text: string,
  localities: readonly { id: string; name: string }[],
): { rows: NeedInput[]; problems: RowProblem[] } {
  const [header, ...data] = records(text);
  if (!header)
    return { rows: [], problems: [{ line: 1, problem: 'Paste the estimates, with a header row' }] };
  const names = header.fields.map(squash);
  const at = Object.fromEntries(
    Object.entries(columnNames).map(([key, accepted]) => [key, names.findIndex((n) => accepted.includes(n))]),
  ) as Record<keyof typeof columnNames, number>;
  const missing = ['locality', 'measure', 'year', 'estimate', 'source'].filter((k) => (at[k] ?? -1) < 0);
  if (missing.length)
    return {
      rows: [],
      problems: [{ line: header.line, problem: `The header row has no ${missing.join(', ')} column` }],
    };
  if (!data.length)
    return { rows: [], problems: [{ line: header.line, problem: 'There are no rows after the header' }] };
  if (data.length > maxImportRows)
    return {
      rows: [],
      problems: [
        {
          line: header.line,
          problem: `Import at most ${maxImportRows.toLocaleString('en-GB')} rows at a time`,
        },
      ],
    };

  const byName = new Map(localities.map((l) => [l.name.toLowerCase(), l.id]));
  const localityList = [...localities.map((l) => l.name), 'Whole area'].join(', ');
  const rows: NeedInput[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of data) {
    const value = (key: keyof typeof columnNames) =>
      (at[key] ?? -1) >= 0 ? (fields[at[key] as number] ?? '') : '';
    const found: string[] = [];
    const place = value('locality');
    const localityId = /^(whole )?area$/i.test(place) ? wholeArea : byName.get(place.toLowerCase());
    if (!localityId)
      found.push(`"${place.slice(0, 40)}" is not one of the area’s localities (${localityList})`);
    const measure = measureFrom(value('measure'));
    if (!measure) found.push(`"${value('measure').slice(0, 40)}" is not a measure Hearth knows`);
    const given = value('multiplier');
    if (measure && measure !== substanceUse && given)
      found.push('a family multiplier is only for people with problem substance use');
    const checked = checkNeedForm(
      {
        localityId: localityId ?? wholeArea,
        measure: measure ?? substanceUse,
        forYear: value('year'),
        estimate: value('estimate').replace(/,/g, ''),
        familyMultiplier: given || String(defaultFamilyMultiplier),
        source: value('source'),
      },
      localities.map((l) => l.id),
    );
    if (!checked.ok) found.push(...messagesOf(checked.errors));
    if (found.length || !checked.ok || !measure) {
      problems.push({ line, problem: found.join('; ') });
      continue;
    }
    const input = {
      ...checked.value,
      familyMultiplier: measure === substanceUse ? checked.value.familyMultiplier : null,
    };
    const key = `${input.localityId ?? ''}|${input.measure}|${input.forYear}`;
    const earlier = seen.get(key);
    if (earlier) {
      problems.push({
        line,
        problem: `${measureLabel(measure)} for ${localities.find((l) => l.id === input.localityId)?.name ?? 'the whole area'} in ${input.forYear} is also on line ${earlier}`,
      });
      continue;
    }
    seen.set(key, line);
    rows.push(input);
  }
  return { rows, problems };
}

/** The form's messages, lower-cased to read inside a row's list of problems. */
function messagesOf(errors: FieldErrors): string[] {
  return Object.values(errors).map((m) => m.charAt(0).toLowerCase() + m.slice(1));
}
