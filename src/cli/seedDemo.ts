import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { ensureDemo } from '../demo/demoLoader.ts';
import type { Command } from './command.ts';

export const seedDemoCommand: Command = {
  summary: 'load the demo partnership into an empty database',
  help: [
    'Usage: npx hearth seed-demo',
    '',
    'Migrates, then loads the invented Glenmuir and Carse partnership (organisations,',
    'users in every role, families) if the database has no organisations yet.',
    'The demo users’ password is HEARTH_DEMO_PASSWORD, or one generated and kept',
    'in HEARTH_DATA_DIR/demo-password.txt.',
  ].join('\n'),
  options: {},
  run: async (_values, config) => {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrate(database);
      const demo = await ensureDemo(database, config);
      if (!demo) {
        process.stdout.write('The database already holds other organisations; the demo was not loaded.\n');
        return 1;
      }
      process.stdout.write('The demo partnership is loaded. Sign-ins:\n');
      for (const signIn of demo.signIns)
        process.stdout.write(`  ${signIn.role.padEnd(28)} ${signIn.email}\n`);
      process.stdout.write(`  Password: ${demo.password}\n`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
