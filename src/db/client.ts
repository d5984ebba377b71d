import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A Drizzle database or transaction: repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs plain SQL text (several statements allowed) on one connection, rolling back on error. */
  exec(sqlText: string): Promise<void>;
  /** Checks the database answers. */
  ping(): Promise<void>;
  /** PGlite only: its whole data directory, as a tarball another PGlite can start from. */
  dumpDataDir(): Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder for PGlite; `undefined` means in memory (tests). */
  dataDir?: string | undefined;
  /** For an in-memory PGlite: a data directory tarball (from `dumpDataDir`) to start from, skipping initdb. */
  snapshot?: Uint8Array<ArrayBuffer> | undefined;
  poolSize?: number;
}

/** Beyond this many distinct statements on a connection, new ones run unprepared (e.g. IN lists of every length). */
const maxPreparedStatements = 1000;

/**
 * A pg client that prepares each parameterised statement once per
 * connection, under a name made from its text, so PostgreSQL parses and
 * plans the long access-checked queries once rather than on every request.
 */
class PreparingClient extends pg.Client {
  /** This connection's prepared statements, by their text. */
  private readonly statementNames = new Map<string, string>();

  // biome-ignore lint/suspicious/noExplicitAny: pg's overloads cannot be forwarded with their types.
  override query(config: any, values?: any, callback?: any): any {
    if (
      config &&
      typeof config === 'object' &&
      typeof config.text === 'string' &&
      !config.name &&
      !config.submit
    ) {
      const name = this.statementName(config.text);
      if (name) return super.query({ ...config, name }, values, callback);
    }
    return super.query(config, values, callback);
  }

  private statementName(text: string): string | undefined {
    let name = this.statementNames.get(text);
    if (name === undefined && this.statementNames.size < maxPreparedStatements) {
      name = `h${this.statementNames.size}`;
      this.statementNames.set(text, name);
    }
    return name;
  }
}

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      Client: PreparingClient,
      // No JIT compilation: Hearth's statements are short, indexed reads, and for one whose
      // estimated cost passes jit_above_cost (a search for a common surname, say) compiling
      // took longer than running it (about 100 ms of a 220 ms search).
      options: '-c jit=off',
    });
    // A dropped idle connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      exec: async (text) => {
        const connection = await pool.connect();
        try {
          await connection.query(text);
        } catch (error) {
          await connection.query('rollback').catch(() => {});
          throw error;
        } finally {
          connection.release();
        }
      },
      ping: async () => {
        await pool.query('select 1');
      },
      dumpDataDir: () => Promise.reject(new Error('only PGlite can dump its data directory')),
      close: () => pool.end(),
    };
  }
  if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir, {
    extensions: { pg_trgm },
    ...(options.snapshot ? { loadDataDir: new Blob([options.snapshot]) } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (text) => {
      await client.exec(text);
    },
    ping: async () => {
      await client.query('select 1');
    },
    dumpDataDir: async () => client.dumpDataDir('none'),
    close: () => client.close(),
  };
}

/** Runs a raw SQL query and returns its rows, on PGlite and node-postgres alike. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
