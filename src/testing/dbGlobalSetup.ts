import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, empty PGlite data directory (a tarball) that each test file starts from; '' on PostgreSQL. */
    pgliteSnapshot: string;
  }
}

/**
 * Before the database tests run: with DATABASE_URL, migrate that database
 * once. On PGlite, make one migrated, empty database and save its data
 * directory, so that each test file loads it instead of running initdb and
 * every migration again (the slow part of starting an embedded PostgreSQL).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL) {
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    project.provide('pgliteSnapshot', '');
    return async () => {};
  }
  const database = await openDatabase({});
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-pglite-'));
  const snapshot = path.join(folder, 'migrated.tar');
  try {
    await migrate(database);
    fs.writeFileSync(snapshot, Buffer.from(await (await database.dumpDataDir()).arrayBuffer()));
  } finally {
    await database.close();
  }
  project.provide('pgliteSnapshot', snapshot);
  return async () => fs.rmSync(folder, { recursive: true, force: true });
}
