import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

/**
 * A database for one test file: a fresh in-memory PGlite, or the PostgreSQL
 * in DATABASE_URL (migrated once by the global setup). Tests stay apart by
 * creating their own organisations and users, not by cleaning up.
 */
export async function testDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  if (!url) await migrate(database);
  return database;
}

export const databaseKind = process.env.DATABASE_URL ? 'postgres' : 'pglite';
