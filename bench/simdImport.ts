// The SIMD import at full size: npx tsx bench/simdImport.ts [--rows 200000]
// Writes a synthetic lookup of that many postcodes ("BX" is not a real
// postcode area), then checks and loads it as `npx hearth import-simd` does,
// into an in-memory PGlite, or into DATABASE_URL when it is set (a database
// whose name contains "bench": the edition is left there, current). Prints
// what the command prints, with its timings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { checkSimdFile, loadSimdFile } from '../src/features/simd/simdLoad.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' } } });
const rows = Number(values.rows);
if (!Number.isInteger(rows) || rows < 1 || rows > 396_000) throw new Error('--rows: 1 to 396000');

const letters = 'ABDEFGHJLNPQRSTUWXYZ';
const lines = ['Postcode,DZ,SIMD2020v2_Rank,SIMD2020v2_Decile,SIMD2020v2_Quintile'];
for (let n = 0; n < rows; n++) {
  const district = 1 + Math.floor(n / 4000);
  const sector = Math.floor(n / 400) % 10;
  const unit = `${letters[Math.floor(n / 20) % 20]}${letters[n % 20]}`;
  const zone = Math.floor(n / 30);
  const decile = 1 + (zone % 10);
  lines.push(
    `BX${district} ${sector}${unit},S0${String(1_000_000 + zone).slice(1)},${zone % 6976},${decile},${Math.ceil(decile / 2)}`,
  );
}
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-simd-bench-')), 'lookup.csv');
fs.writeFileSync(file, `${lines.join('\n')}\n`);

const url = process.env.DATABASE_URL;
if (url && !new URL(url).pathname.includes('bench'))
  throw new Error('DATABASE_URL must name a database whose name contains "bench"');
const database = await openDatabase(url ? { databaseUrl: url, poolSize: 1 } : {});
try {
  await migrate(database);
  const checked = checkSimdFile(fs.readFileSync(file, 'utf8'), 'SIMD 2020v2 (bench)');
  if (!checked.ok) throw new Error(checked.errors.join('\n'));
  process.stdout.write(
    `${rows.toLocaleString('en-GB')} rows (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) into ${database.kind}\n`,
  );
  process.stdout.write(await loadSimdFile(database.db, checked, file));
} finally {
  await database.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
