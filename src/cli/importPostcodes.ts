import fs from 'node:fs';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { readPostcodeFile, storePostcodes } from '../features/finder/postcodeImport.ts';
import type { Command } from './command.ts';
import { UsageError } from './main.ts';

export const importPostcodesCommand: Command = {
  summary: 'load postcode places (postcodes and outcodes with latitude and longitude) for Find support',
  help: [
    'Usage: npx hearth import-postcodes FILE.csv',
    '',
    'Reads a CSV file whose header row names the columns:',
    '  postcode (or outcode)  a full postcode like GM4 2LT, or an outcode like GM4',
    '  latitude, longitude    where it is, in decimal degrees',
    '  council_area           the council area it is in (optional)',
    'Every row is checked first. If any row is wrong, each one is reported with',
    'its line number and nothing is imported. Places already known are updated.',
    'Nothing is looked up on the internet.',
  ].join('\n'),
  options: {},
  positionals: 'FILE.csv',
  run: async (_values, config, positionals = []) => {
    const [file, ...extra] = positionals;
    if (!file || extra.length)
      throw new UsageError('Give one CSV file: npx hearth import-postcodes FILE.csv');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`Cannot read ${file}: check the file name`);
    }
    const { rows, problems } = readPostcodeFile(text);
    if (problems.length) {
      for (const p of problems.slice(0, 200)) process.stderr.write(`Line ${p.line}: ${p.problem}\n`);
      if (problems.length > 200) process.stderr.write(`… and ${problems.length - 200} more.\n`);
      process.stderr.write(
        `Nothing was imported: ${problems.length} ${problems.length === 1 ? 'row is' : 'rows are'} wrong.\n`,
      );
      return 1;
    }
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrate(database);
      await storePostcodes(database.db, rows);
    } finally {
      await database.close();
    }
    process.stdout.write(`Imported ${rows.length} postcode ${rows.length === 1 ? 'place' : 'places'}.\n`);
    return 0;
  },
};
