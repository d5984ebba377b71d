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
  const demoFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-demo-'));
  project.provide('demoFolder', demoFolder);
  if (process.env.DATABASE_URL) {
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
    // An empty, migrated database of its own for the demo the tests share (see demoDatabase.ts).
    const demoName = `hearth_testdemo_${process.pid}_${Date.now()}`;
    const demoUrl = new URL(process.env.DATABASE_URL);
    demoUrl.pathname = `/${demoName}`;
    try {
      await migrate(database);
      await database.exec(`create database ${demoName}`);
      const demo = await openDatabase({ databaseUrl: demoUrl.toString(), poolSize: 1 });
      try {
        await migrate(demo);
      } finally {
        await demo.close();
      }
    } finally {
      await database.close();
    }
    project.provide('pgliteSnapshot', '');
    project.provide('demoDatabaseUrl', demoUrl.toString());
    return async () => {
      fs.rmSync(demoFolder, { recursive: true, force: true });
      const admin = await openDatabase({ databaseUrl: process.env.DATABASE_URL as string, poolSize: 1 });
      try {
        await admin.exec(`drop database if exists ${demoName} with (force)`);
      } finally {
        await admin.close();
      }
    };
  }
  project.provide('demoDatabaseUrl', '');
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
  return async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.rmSync(demoFolder, { recursive: true, force: true });
  };
}
