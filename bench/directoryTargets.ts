// The directory's benchmark targets: public finder searches (POSTed forms,
// as a browser without JavaScript sends them) near many different synthetic
// postcodes, and pages of the Open Referral UK services list.
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';

export const finderTarget = 'POST public finder search';
export const orukTarget = 'GET Open Referral services page';
export const finderP95LimitMs = 20;
export const finderMinimumRequestsPerSecond = 1000;
export const orukP95LimitMs = 30;
export const orukPageSize = 50;

/**
 * A search for each postcode: one in three narrowed to who you are, one in
 * three to a kind of support, and one in four sorted by soonest available.
 */
export function finderBodies(postcodes: string[]): string[] {
  return postcodes.map((postcode, i) => {
    const form = new URLSearchParams({ postcode });
    if (i % 3 === 1) form.append('audiences', 'grandparent');
    if (i % 3 === 2) form.append('supportKinds', 'group');
    if (i % 4 === 3) form.set('sort', 'soonest');
    return form.toString();
  });
}

/** Every page of the services list, 50 a page, and as many again narrowed to a taxonomy term. */
export function orukPaths(activeServices: number, termIds: string[]): string[] {
  const pages = Math.max(1, Math.ceil(activeServices / orukPageSize));
  const plain = Array.from(
    { length: pages },
    (_, i) => `/openreferral/services?per_page=${orukPageSize}&page=${i + 1}`,
  );
  const narrowed = termIds.map(
    (id, i) => `/openreferral/services?per_page=${orukPageSize}&page=${1 + (i % 3)}&taxonomy_term_id=${id}`,
  );
  return [...plain, ...narrowed];
}

/** The synthetic postcodes the finder is searched near, and the directory's size. */
export async function directoryFacts(url: string): Promise<{ postcodes: string[]; activeServices: number }> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    const postcodes = await queryRows<{ postcode: string }>(
      database.db,
      sql`select postcode from postcode_place where kind = 'postcode' and postcode like 'BX%' order by random() limit 500`,
    );
    const [count] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from directory_service where status = 'active'`,
    );
    return { postcodes: postcodes.map((p) => p.postcode), activeServices: count?.n ?? 0 };
  } finally {
    await database.close();
  }
}
