// Storing and reading SIMD editions: the postcode -> data zone -> quintile
// lookup the reach figures use. Not personal data: one row per postcode.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { SimdRow } from './simdFile.ts';

export interface SimdEditionRow {
  id: string;
  name: string;
  sourceFile: string;
  postcodes: number;
  loadedAt: Date;
  isCurrent: boolean;
}

/** Rows per insert: each column goes as one array parameter, so a batch is one statement. */
const batchSize = 50_000;

/**
 * Loads an edition in one transaction and makes it current. Loading an
 * edition of a name already stored replaces its postcodes (a corrected file);
 * other editions are kept, no longer current.
 */
export async function storeSimdEdition(
  db: Db,
  edition: { name: string; sourceFile: string; rows: readonly SimdRow[] },
): Promise<{ editionId: string; replaced: boolean }> {
  return db.transaction(async (tx) => {
    const [before] = await queryRows<{ id: string }>(
      tx,
      sql`select id from simd_edition where name = ${edition.name} for update`,
    );
    let editionId = before?.id;
    if (editionId) {
      await tx.execute(sql`delete from simd_postcode where edition_id = ${editionId}`);
      await tx.execute(sql`update simd_edition set source_file = ${edition.sourceFile},
        postcodes = ${edition.rows.length}, loaded_at = now() where id = ${editionId}`);
    } else {
      const [created] = await queryRows<{ id: string }>(
        tx,
        sql`insert into simd_edition (name, source_file, postcodes)
          values (${edition.name}, ${edition.sourceFile}, ${edition.rows.length}) returning id`,
      );
      editionId = created?.id;
    }
    if (!editionId) throw new Error('SIMD edition not stored');
    for (let i = 0; i < edition.rows.length; i += batchSize) {
      const batch = edition.rows.slice(i, i + batchSize);
      await tx.execute(sql`insert into simd_postcode (edition_id, postcode, data_zone, quintile)
        select ${editionId}::uuid, postcode, data_zone, quintile
        from unnest(${sql.param(batch.map((r) => r.postcode))}::text[],
          ${sql.param(batch.map((r) => r.dataZone))}::text[],
          ${sql.param(batch.map((r) => r.quintile))}::smallint[]) as x(postcode, data_zone, quintile)`);
    }
    // One current edition (a unique index holds it): the old one steps down first.
    await tx.execute(sql`update simd_edition set is_current = false where is_current and id <> ${editionId}`);
    await tx.execute(sql`update simd_edition set is_current = true where id = ${editionId}`);
    return { editionId, replaced: before !== undefined };
  });
}

const editionColumns = sql`id, name, source_file as "sourceFile", postcodes, loaded_at as "loadedAt",
  is_current as "isCurrent"`;

/** Every edition loaded, the current one first, then the newest. */
export async function simdEditions(db: Db): Promise<SimdEditionRow[]> {
  const rows = await queryRows<SimdEditionRow>(
    db,
    sql`select ${editionColumns} from simd_edition order by is_current desc, loaded_at desc, name`,
  );
  return rows.map((r) => ({ ...r, loadedAt: new Date(r.loadedAt) }));
}

export async function currentSimdEdition(db: Db): Promise<SimdEditionRow | undefined> {
  const [row] = await queryRows<SimdEditionRow>(
    db,
    sql`select ${editionColumns} from simd_edition where is_current`,
  );
  return row && { ...row, loadedAt: new Date(row.loadedAt) };
}

/** How many of the postcodes of each quintile the current edition holds (1 to 5; none when none is loaded). */
export async function currentQuintileCounts(db: Db): Promise<{ quintile: number; postcodes: number }[]> {
  return queryRows(
    db,
    sql`select p.quintile, count(*)::int as postcodes from simd_postcode p
      join simd_edition e on e.id = p.edition_id and e.is_current
      group by p.quintile order by p.quintile`,
  );
}
