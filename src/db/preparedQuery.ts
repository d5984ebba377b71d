import { fillPlaceholders, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { AccessContext } from '../platform/access/accessContext.ts';
import { type Db, queryRows } from './client.ts';

const dialect = new PgDialect();

/** A placeholder for each of a prepared statement's values. */
export type Placeholders<V> = { [K in keyof V]: Placeholder<K & string> };

/**
 * A statement for a hot page, built from Drizzle SQL once per process and
 * then only run: building a long access-checked statement (the access rule's
 * fragments nest many pieces) costs more than running it. `build` receives a
 * placeholder for each value that changes between calls; everything else it
 * writes is fixed (it may use the first caller's `db` to build Drizzle
 * selects, which are only turned into text). Columns come back as the driver parses them, so cast dates
 * to text in the SQL. On PostgreSQL the statement is also prepared once per
 * connection (see `src/db/client.ts`).
 */
export function preparedQuery<V extends Record<string, unknown>, Row>(
  build: (values: Placeholders<V>, db: Db) => SQL,
) {
  let query: { sql: string; params: unknown[] } | undefined;
  return async (db: Db, values: V): Promise<Row[]> => {
    if (!query) {
      const names = new Proxy({} as Placeholders<V>, {
        get: (_, name) => sql.placeholder(String(name)),
      });
      query = dialect.sqlToQuery(build(names, db));
    }
    const params = fillPlaceholders(query.params, values);
    const client = (db as unknown as { $client?: pg.Pool | PgliteClient }).$client;
    // A transaction has no client of its own to hand: run the same text and values through it.
    if (!client) return queryRows<Row>(db, withParams(query.sql, params));
    const result =
      client instanceof pg.Pool
        ? await client.query({ text: query.sql, values: params })
        : await client.query(query.sql, params);
    return result.rows as Row[];
  };
}

/** Statement text with `$1`, `$2`… and their values, as Drizzle SQL (which numbers them the same way again). */
function withParams(text: string, params: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${sql.param(params[Number(part) - 1])}`);
  });
  return sql.join(chunks);
}

/** PGlite's query: the text and its parameters. */
interface PgliteClient {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * The access context a prepared statement is built with: the user, the
 * organisation, and the request's address and id are placeholders
 * (`userId`, `organisationId`, `ip`, `requestId`), filled from the real
 * context on each call by `accessValues`. The roles are fixed, since they
 * change the statement's shape (build one statement per set of roles that
 * reads differently).
 */
export function placeholderAccess(roles: AccessContext['roles']): AccessContext {
  const placeholder = (name: string) => sql.placeholder(name) as unknown as string;
  return {
    userId: placeholder('userId'),
    tokenId: undefined,
    organisationId: placeholder('organisationId'),
    partnershipAreaId: placeholder('partnershipAreaId'),
    roles,
    ip: placeholder('ip'),
    requestId: placeholder('requestId'),
  };
}

/** The values for `placeholderAccess`'s placeholders, from the request's access context. */
export function accessValues(access: AccessContext) {
  return {
    userId: access.userId ?? null,
    organisationId: access.organisationId ?? null,
    partnershipAreaId: access.partnershipAreaId ?? null,
    ip: access.ip,
    requestId: access.requestId,
  };
}

/** `accessValues` with the API token and shared link, for a statement that writes an audit event (`auditEventInsert`). */
export type ActorValues = ReturnType<typeof accessValues> & { tokenId: string | null; linkId: string | null };

export function actorValues(access: AccessContext): ActorValues {
  return { ...accessValues(access), tokenId: access.tokenId ?? null, linkId: access.linkId ?? null };
}
