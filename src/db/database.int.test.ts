import { eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPractice } from '../testing/fixtures.ts';
import { testDatabase } from '../testing/testDatabase.ts';
import { type Database, openDatabase, queryRows } from './client.ts';
import { listMigrations, migrate } from './migrate.ts';
import * as schema from './schema.ts';
import { auditEvent } from './schema.ts';

describe('the database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('has applied every migration, and migrating again changes nothing', async () => {
    const applied = await queryRows<{ name: string }>(
      database.db,
      sql`select name from schema_migration order by name`,
    );
    expect(applied.map((row) => row.name)).toEqual(listMigrations().map((m) => m.name));
    expect(await migrate(database)).toEqual([]);
  });

  it('has every table and column the Drizzle schema names, with matching nullability', async () => {
    const tables = (Object.values(schema) as unknown[]).filter(
      (value): value is PgTable =>
        typeof value === 'object' && value !== null && Symbol.for('drizzle:Name') in value,
    );
    expect(tables.length).toBeGreaterThan(5);
    const columns = await queryRows<{ table_name: string; column_name: string; is_nullable: string }>(
      database.db,
      sql`select table_name, column_name, is_nullable from information_schema.columns where table_schema = current_schema()`,
    );
    const actual = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c.is_nullable === 'YES']));
    for (const table of tables) {
      for (const column of Object.values(getTableColumns(table))) {
        const key = `${getTableName(table)}.${column.name}`;
        expect(actual.has(key), `${key} exists`).toBe(true);
        expect(actual.get(key), `${key} nullability`).toBe(!column.notNull);
      }
    }
  });

  it('keeps the audit trail append-only', async () => {
    const { user } = await createPractice(database.db);
    await database.db.insert(auditEvent).values({ action: 'test.append', actorUserId: user.id });
    await expect(
      database.db.execute(sql`update audit_event set action = 'changed' where actor_user_id = ${user.id}`),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`delete from audit_event where actor_user_id = ${user.id}`),
    ).rejects.toThrow();
    await expect(database.db.execute(sql`truncate audit_event`)).rejects.toThrow();
    const rows = await queryRows<{ action: string }>(
      database.db,
      sql`select action from audit_event where actor_user_id = ${user.id}`,
    );
    expect(rows).toEqual([{ action: 'test.append' }]);
  });

  it('rolls back a transaction that fails half-way', async () => {
    const { org } = await createPractice(database.db);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(auditEvent).values({ action: 'test.rollback', organisationId: org.id });
        throw new Error('stop here');
      }),
    ).rejects.toThrow('stop here');
    const rows = await queryRows(
      database.db,
      sql`select 1 from audit_event where organisation_id = ${org.id}`,
    );
    expect(rows).toHaveLength(0);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('statements on PostgreSQL', () => {
  it('are prepared once per connection and reused, so they are not parsed and planned each time', async () => {
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 1 });
    try {
      const organisationName = (id: string) =>
        database.db
          .select({ name: schema.organisation.name })
          .from(schema.organisation)
          .where(eq(schema.organisation.id, id));
      const missing = '00000000-0000-4000-8000-000000000000';
      expect(await organisationName(missing)).toEqual([]);
      expect(await organisationName(missing)).toEqual([]);
      const prepared = await queryRows<{ statement: string }>(
        database.db,
        sql`select statement from pg_prepared_statements`,
      );
      // One prepared statement for the two reads (and one for this look-up).
      expect(prepared.filter((row) => row.statement.includes('from "organisation" where'))).toHaveLength(1);
    } finally {
      await database.close();
    }
  });
});
