// One demo partnership for all the database tests that read it, loaded once
// per test run (the demo is the slow part: every organisation, family,
// contact and referral), instead of once per test file. The first test file
// that asks loads it; the others wait for it and start from a copy (PGlite)
// or share it (PostgreSQL). Tests must only read the demo they are given,
// or change rows only they look at.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import { type Database, openDatabase, queryRows } from '../db/client.ts';
import { loadDemo } from '../demo/demoLoader.ts';
import { emptyPglite } from './testDatabase.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for this run's demo snapshot (PGlite) and its lock. */
    demoFolder: string;
    /** The PostgreSQL database the demo is loaded into once, when DATABASE_URL is set; '' on PGlite. */
    demoDatabaseUrl: string;
  }
}

/** The day the test demo is loaded as of: a Tuesday, when the Carse family support group meets. */
export const demoToday = new Date('2026-11-24T12:00:00Z');
export const demoTodayText = '2026-11-24';
export const demoTestPassword = 'demo-password-for-tests';

async function waitFor(file: string, lock: string): Promise<void> {
  for (let waited = 0; waited < 300_000; waited += 250) {
    if (fs.existsSync(file)) return;
    if (!fs.existsSync(lock))
      throw new Error('the test demo could not be loaded (see the first test file that asked)');
    await sleep(250);
  }
  throw new Error('timed out waiting for the test demo');
}

async function pgliteDemo(): Promise<Database> {
  const folder = inject('demoFolder');
  const file = path.join(folder, 'demo.tar');
  const lock = path.join(folder, 'loading');
  if (!fs.existsSync(file)) {
    let mine = false;
    try {
      fs.mkdirSync(lock);
      mine = true;
    } catch {
      await waitFor(file, lock);
    }
    if (mine) {
      const database = await emptyPglite();
      try {
        await loadDemo(database.db, demoTestPassword, demoToday);
        const tar = Buffer.from(await (await database.dumpDataDir()).arrayBuffer());
        fs.writeFileSync(`${file}.part`, tar);
        fs.renameSync(`${file}.part`, file);
      } catch (error) {
        fs.rmSync(lock, { recursive: true, force: true });
        throw error;
      } finally {
        await database.close();
      }
    }
  }
  return openDatabase({ snapshot: fs.readFileSync(file) });
}

async function postgresDemo(url: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  // One loader at a time; the others find the demo there when they get the lock.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7301)`);
    const [state] = await queryRows<{ loaded: boolean }>(
      tx,
      sql`select exists (select 1 from organisation) as loaded`,
    );
    if (state?.loaded) return;
    await loadDemo(tx, demoTestPassword, demoToday);
  });
  return database;
}

/** The demo partnership as of `demoToday`, on this run's database kind. Close it after. */
export async function demoDatabase(): Promise<Database> {
  const url = inject('demoDatabaseUrl');
  return url ? postgresDemo(url) : pgliteDemo();
}
