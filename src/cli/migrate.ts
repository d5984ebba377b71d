import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import type { Command } from './command.ts';

export const migrateCommand: Command = {
  summary: 'apply database migrations',
  help: [
    'Usage: npx hearth migrate',
    '',
    'Applies the migrations not yet applied to DATABASE_URL, or to the embedded',
    'database in HEARTH_DATA_DIR (default ./data). Safe to run more than once.',
  ].join('\n'),
  options: {},
  run: async (_values, config) => {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      const applied = await migrate(database);
      process.stdout.write(
        applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n',
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
