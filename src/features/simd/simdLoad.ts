// Checking and loading a SIMD lookup file, as `npx hearth import-simd` does:
// what to print when the file is wrong, and what it loaded, with timings.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/client.ts';
import { checkEditionName, readSimdFile, type SimdFile } from './simdFile.ts';
import { storeSimdEdition } from './simdStore.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export type CheckedSimdFile =
  | { ok: false; errors: string[] }
  | { ok: true; edition: string; file: SimdFile; checkedMs: number };

/** Reads and checks a lookup file's text and the edition to call it; what to print when it is wrong. */
export function checkSimdFile(text: string, editionOption: string | undefined): CheckedSimdFile {
  const started = performance.now();
  const file = readSimdFile(text);
  const { problems } = file;
  if (problems.length) {
    const errors = problems.slice(0, 200).map((p) => `Line ${p.line}: ${p.problem}`);
    if (problems.length > 200) errors.push(`… and ${problems.length - 200} more.`);
    errors.push(
      `Nothing was loaded: ${problems.length} ${problems.length === 1 ? 'row is' : 'rows are'} wrong.`,
    );
    return { ok: false, errors };
  }
  const edition = (editionOption ?? file.editionFromHeader ?? '').trim().replace(/\s+/g, ' ');
  if (editionOption === undefined && !file.editionFromHeader)
    return {
      ok: false,
      errors: [
        'The header does not say which SIMD edition this is: name it with --edition "SIMD 2020v2". Nothing was loaded.',
      ],
    };
  const bad = checkEditionName(edition);
  if (bad) return { ok: false, errors: [`--edition: ${bad}. Nothing was loaded.`] };
  return { ok: true, edition, file, checkedMs: performance.now() - started };
}

/** Stores a checked file as the current edition; what the command prints. */
export async function loadSimdFile(
  db: Db,
  checked: Extract<CheckedSimdFile, { ok: true }>,
  fileName: string,
): Promise<string> {
  const { edition, file } = checked;
  const started = performance.now();
  const { replaced } = await storeSimdEdition(db, {
    name: edition,
    sourceFile: path.basename(fileName),
    rows: file.rows,
  });
  const storedMs = performance.now() - started;
  const columns = file.columns;
  const rank = columns?.fromDecile ? `${columns.quintile} (deciles made quintiles)` : columns?.quintile;
  return [
    `Read ${columns?.postcode}, ${columns?.dataZone} and ${rank}.`,
    `${replaced ? 'Replaced' : 'Loaded'} ${file.rows.length.toLocaleString('en-GB')} postcodes of ${edition}: it is now the current edition.`,
    `Checked in ${seconds(checked.checkedMs)}, stored in ${seconds(storedMs)}.`,
    '',
  ].join('\n');
}
