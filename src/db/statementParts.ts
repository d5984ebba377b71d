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
  cte(name: SQL): SQL;
  /** A JSON array of the part's rows (from `name`), in the part's own order. */
  json(name: SQL): SQL;
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
    cte: (name) => sql`${name} (${columns}) as (${query.getSQL()})`,
    json: (name) => sql`(select coalesce(json_agg(json_build_array(${columns})), '[]'::json) from ${name})`,
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
    cte: (name) => sql`${name} as (${query})`,
    json: (name) => sql`(select coalesce(json_agg(r), '[]'::json) from ${name} r)`,
    decode: (value) => value as Row[],
  };
}

/**
 * The name of a part's common table expression in `partsStatement`, apart
 * from every table's (a part named `family` would hide the table).
 */
export function partTable(name: string): SQL {
  return sql`${sql.identifier(`part_${name}`)}`;
}

/** The number of rows of a part, in SQL (for an audit event's detail). */
export function partCount(name: string): SQL {
  return sql`(select count(*) from ${partTable(name)})::int`;
}

/** Whether a part has rows, in SQL. */
export function partExists(name: string): SQL {
  return sql`exists (select 1 from ${partTable(name)})`;
}

type Parts = Record<string, StatementPart<unknown>>;
/** Each part's rows, as its own read returns them. */
export type PartRows<P> = { [K in keyof P]: P[K] extends StatementPart<infer Row> ? Row[] : never };

/**
 * The statement reading all `parts`: one row, with each part's rows as a
 * column of JSON, or no row at all when the part named `from` (the page's
 * access check, such as the visible family) has none; without `from`, always
 * one row. `audit` is another
 * common table expression (an `insert into audit_event`), always run.
 */
export function partsStatement(parts: Parts, from: string | undefined, audit?: SQL): SQL {
  const entries = Object.entries(parts);
  const ctes = sql.join(
    entries.map(([name, part]) => part.cte(partTable(name))),
    sql`, `,
  );
  const shown = sql.join(
    entries.map(([name, part]) => sql`${part.json(partTable(name))} as ${sql.identifier(name)}`),
    sql`, `,
  );
  return sql`with ${ctes}${audit ? sql`, audited as (${audit})` : sql``}
    select ${shown}${from ? sql` from ${partTable(from)}` : sql``}`;
}

/** The rows of each part from the row `partsStatement` returned. */
export function decodeParts<P extends Parts>(parts: P, row: Record<string, unknown>): PartRows<P> {
  const decoded: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(parts)) decoded[name] = part.decode(row[name]);
  return decoded as PartRows<P>;
}

/**
 * Several writes (Drizzle inserts, updates, or SQL) as one statement, one
 * round trip: each is a data-modifying common table expression, and
 * PostgreSQL runs every one of them once, to completion. They cannot see
 * each other's rows, so give new rows their ids beforehand; foreign keys
 * between them are checked at the end of the statement, when all are there.
 */
export function writesTogether(writes: (drizzle.SQLWrapper | undefined)[]): SQL {
  const present = writes.filter((w): w is drizzle.SQLWrapper => w !== undefined);
  return sql`with ${sql.join(
    present.map((w, i) => sql`${sql.raw(`w${i}`)} as (${w.getSQL()})`),
    sql`, `,
  )} select ${present.length}::int as writes`;
}
