import fs from 'node:fs';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { checkSimdFile, loadSimdFile } from '../features/simd/simdLoad.ts';
import type { Command } from './command.ts';
import { UsageError } from './main.ts';

export const importSimdCommand: Command = {
  summary: 'load a SIMD postcode lookup (postcode, data zone, quintile) for reach by deprivation',
  help: [
    'Usage: npx hearth import-simd FILE.csv [--edition "SIMD 2020v2"]',
    '',
    'Reads a CSV file of postcodes with their data zone and Scottish Index of',
    'Multiple Deprivation quintile, such as the Scottish Government’s SIMD',
    'postcode lookup saved as CSV. The header row names the columns; case,',
    'spaces and underscores do not matter:',
    '  postcode   Postcode, pc7 or pc8 (any spacing: AB101AB or AB10 1AB)',
    '  data zone  DZ, DataZone, Data_Zone, DZ2011, DataZone2011 or DataZone2022',
    '  quintile   SIMD2020v2_Quintile, SIMD2020V2CountryQuintile or Quintile (1 = most deprived);',
    '             or, with no quintile column, a decile (SIMD2020v2_Decile, Decile: 1 to 10),',
    '             made a quintile (deciles 1 and 2 are quintile 1, and so on)',
    'Other columns are ignored. A health board, partnership or council quintile',
    '(SIMD2020V2HBQuintile) is not the Scotland-wide one and is not read.',
    '',
    'Options:',
    '  --edition NAME  what to call the edition, like "SIMD 2020v2". Without it, the',
    '                  name comes from the quintile column (SIMD2020v2_Quintile).',
    '',
    'Every row is checked first. If any row is wrong, each one is reported with',
    'its line number and nothing is loaded. The whole file is loaded in one',
    'transaction and the edition becomes the current one; earlier editions are',
    'kept. Loading an edition of the same name again replaces its postcodes.',
    'Nothing is looked up on the internet.',
  ].join('\n'),
  options: { edition: { type: 'string' } },
  positionals: 'FILE.csv',
  run: async (values, config, positionals = []) => {
    const [file, ...extra] = positionals;
    if (!file || extra.length)
      throw new UsageError('Give one CSV file: npx hearth import-simd FILE.csv [--edition "SIMD 2020v2"]');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`Cannot read ${file}: check the file name`);
    }
    const checked = checkSimdFile(text, typeof values.edition === 'string' ? values.edition : undefined);
    if (!checked.ok) {
      process.stderr.write(`${checked.errors.join('\n')}\n`);
      return checked.errors.length === 1 && !checked.errors[0]?.startsWith('Line') ? 2 : 1;
    }
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrate(database);
      process.stdout.write(await loadSimdFile(database.db, checked, file));
    } finally {
      await database.close();
    }
    return 0;
  },
};
