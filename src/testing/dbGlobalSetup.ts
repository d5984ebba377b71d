import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

/** With DATABASE_URL, migrate that database once before the database tests run. PGlite tests migrate their own. */
export default async function setup(): Promise<void> {
  if (!process.env.DATABASE_URL) return;
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
}
