import fs from 'node:fs';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

/**
 * A database for one test file: an in-memory PGlite started from the
 * migrated snapshot the global setup made, or the PostgreSQL in
 * DATABASE_URL (migrated once by the global setup). Tests stay apart by
 * creating their own organisations and users, not by cleaning up.
 */
export async function testDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return openDatabase({ databaseUrl: url, poolSize: 4 });
  return emptyPglite();
}

/** A new, empty, migrated in-memory PGlite of its own, for tests that need a whole database to themselves. */
export async function emptyPglite(): Promise<Database> {
  const snapshot = inject('pgliteSnapshot');
  const database = await openDatabase(snapshot ? { snapshot: fs.readFileSync(snapshot) } : {});
  // Nothing to apply when the snapshot is current; a check that it is.
  await migrate(database);
  return database;
}

export const databaseKind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * An empty database of the test's own, for tests that need a whole database
 * (the demo, the bench area, which have fixed names): a fresh PGlite, or a
 * throwaway PostgreSQL database made beside DATABASE_URL's and dropped after.
 */
export async function ownDatabase(label: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { database: await emptyPglite(), drop: async () => {} };
  const name = `hearth_${label}_${process.pid}_${Date.now()}`;
  const admin = await openDatabase({ databaseUrl: url, poolSize: 1 });
  await admin.exec(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 2 });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.exec(`drop database if exists ${name}`);
      await admin.close();
    },
  };
}
