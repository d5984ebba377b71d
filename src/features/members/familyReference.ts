import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

const areaWords = new Set(['Alcohol', 'Drug', 'Drugs', 'Partnership', 'ADP', 'And']);

/** The letters family references start with in an area: the initials of its place names ("GC" for Glenmuir and Carse). */
export function areaPrefix(areaName: string): string {
  const initials = areaName
    .split(/\s+/)
    .filter((word) => /^[A-Z]/.test(word) && !areaWords.has(word))
    .map((word) => word[0])
    .join('');
  return initials.slice(0, 4) || 'F';
}

/**
 * The next free family reference in an area, like GC-0064. Call it inside
 * the transaction that creates the family: a transaction-scoped lock makes
 * concurrent starts wait their turn, so two families never get one number.
 */
export async function nextFamilyReference(tx: Db, partnershipAreaId: string): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('hearth.family_reference'))`);
  const [existing] = await queryRows<{ prefix: string }>(
    tx,
    sql`select substring(reference from '^([A-Z]+)-[0-9]+$') as prefix from family
        where partnership_area_id = ${partnershipAreaId} and reference ~ '^[A-Z]+-[0-9]+$'
        order by created_at desc limit 1`,
  );
  let prefix = existing?.prefix;
  if (!prefix) {
    const [area] = await queryRows<{ name: string }>(
      tx,
      sql`select name from partnership_area where id = ${partnershipAreaId}`,
    );
    prefix = areaPrefix(area?.name ?? '');
  }
  const [next] = await queryRows<{ number: number }>(
    tx,
    sql`select coalesce(max(substring(reference from '-([0-9]+)$')::int), 0) + 1 as number from family
        where reference ~ ${`^${prefix}-[0-9]+$`}`,
  );
  return `${prefix}-${String(next?.number ?? 1).padStart(4, '0')}`;
}
