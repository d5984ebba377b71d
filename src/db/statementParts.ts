import * as drizzle from 'drizzle-orm';
import { type SQL, sql } from 'drizzle-orm';

/**
 * One read of a page that reads several things in one statement: each part
 * is a common table expression of that statement, and comes back as a JSON
 * array of its rows, decoded to the rows its own read would have returned.
 * This is how a page with many parts (the family overview) makes one round
 * trip instead of one per part, with each part's SQL (and access rule)
 * written once, in its repository.
 */
export interface StatementPart<Row> {
  /** The part as a common table expression named `name`. */
  cte(name: string): SQL;
  /** A JSON array of the part's rows, in the part's own order. */
  json(name: string): SQL;
  /** The part's rows from that JSON array. */
  decode(value: unknown): Row[];
}

/** A selected field and where it goes in the row (Drizzle's own description of a select). */
type OrderedField = { path: string[]; field: unknown };

// Drizzle's row mapping, the same functions its own queries decode rows with.
const { mapResultRow, orderSelectedFields } = drizzle as unknown as {
  mapResultRow: (
    fields: OrderedField[],
    row: unknown[],
    joinsNotNullableMap?: Record<string, boolean>,
  ) => unknown;
  orderSelectedFields: (fields: Record<string, unknown>) => OrderedField[];
};

/** A Drizzle select that has not run, with the row type it returns. */
type DrizzleSelect<Row> = PromiseLike<Row[]> & { getSQL(): SQL };

/**
 * A part from a Drizzle select. Its columns are named by position (Drizzle
 * leaves several of them with the same name) and each row travels as a JSON
 * array, which Drizzle's own mapping turns into the row it would have made:
 * nested objects, left-joined tables that found nothing as null, and each
 * column's own conversion (dates, arrays, JSON).
 */
export function selectPart<Row>(query: DrizzleSelect<Row>): StatementPart<Row> {
  const internal = query as unknown as {
    config: { fields: Record<string, unknown> };
    joinsNotNullableMap?: Record<string, boolean>;
  };
  const fields = orderSelectedFields(internal.config.fields);
  const joins = internal.joinsNotNullableMap;
  const columns = sql.raw(fields.map((_, i) => `c${i}`).join(', '));
  return {
    cte: (name) => sql`${sql.identifier(name)} (${columns}) as (${query.getSQL()})`,
    json: (name) =>
      sql`(select coalesce(json_agg(json_build_array(${columns})), '[]'::json) from ${sql.identifier(name)})`,
    decode: (value) => (value as unknown[][]).map((row) => mapResultRow(fields, row, joins) as Row),
  };
}

/**
 * A part from SQL whose columns are already named as the row's fields (with
 * `as "camelCase"`); each row travels as a JSON object. Cast dates and
 * timestamps to text in that SQL, as `queryRows` callers do.
 */
export function rowsPart<Row>(query: SQL): StatementPart<Row> {
  return {
    cte: (name) => sql`${sql.identifier(name)} as (${query})`,
    json: (name) => sql`(select coalesce(json_agg(r), '[]'::json) from ${sql.identifier(name)} r)`,
    decode: (value) => value as Row[],
  };
}

/** The number of rows of a part, in SQL (for an audit event's detail). */
export function partCount(name: string): SQL {
  return sql`(select count(*) from ${sql.identifier(name)})::int`;
}
