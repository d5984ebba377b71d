import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from './client.ts';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The checked-in SQL migrations, in the order they apply. */
export function listMigrations(): { name: string; sql: string }[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({ name: file, sql: fs.readFileSync(path.join(migrationsDir, file), 'utf8') }));
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Applies the migrations not yet applied, each in its own transaction.
 * An advisory lock lets several app processes start at once safely.
 * Returns the names applied.
 */
export async function migrate(database: Database): Promise<string[]> {
  await database.exec(
    'create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())',
  );
  const applied: string[] = [];
  for (const migration of listMigrations()) {
    // The lock is taken inside the transaction below; this check only skips work already done.
    const [state] = await queryRows<{ done: boolean }>(
      database.db,
      sql`select exists (select 1 from schema_migration where name = ${migration.name}) as done`,
    );
    if (state?.done) continue;
    await database
      .exec(
        [
          'begin;',
          'select pg_advisory_xact_lock(727274);',
          `do $$ begin if exists (select 1 from schema_migration where name = ${quote(migration.name)}) then raise exception 'hearth-migration-already-applied'; end if; end $$;`,
          migration.sql,
          `insert into schema_migration (name) values (${quote(migration.name)});`,
          'commit;',
        ].join('\n'),
      )
      .then(
        () => applied.push(migration.name),
        (error: unknown) => {
          if (!String(error).includes('hearth-migration-already-applied')) throw error;
        },
      );
  }
  return applied;
}
