import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../db/client.ts';
import { demoDatabase } from '../testing/demoDatabase.ts';

// Always on a fresh in-memory PGlite: the demo needs an empty database.
describe('the demo members', () => {
  let database: Database;
  beforeAll(async () => {
    database = await demoDatabase();
  }, 120_000);
  afterAll(async () => {
    await database.close();
  });

  async function count(query: ReturnType<typeof sql>): Promise<number> {
    const [row] = await queryRows<{ n: number }>(database.db, query);
    return Number(row?.n ?? 0);
  }

  it('shows each special case the members pages handle', async () => {
    expect(
      await count(sql`select count(*) as n from person where address_withheld and safe_to_phone = false`),
    ).toBe(1);
    expect(await count(sql`select count(*) as n from member_support where confidential`)).toBe(1);
    expect(
      await count(sql`select count(*) as n from (select person_id from family_membership where ended_on is null
        group by person_id having count(*) > 1) t`),
    ).toBe(1);
    expect(await count(sql`select count(*) as n from person where merged_into_id is not null`)).toBe(1);
    expect(
      await count(sql`select count(*) as n from person where approximate_age is not null`),
    ).toBeGreaterThan(0);
    expect(await count(sql`select count(*) as n from person where phone is not null`)).toBeGreaterThan(50);
  });

  it('tells the stories in families the family support service works with, so its practitioners see them', async () => {
    const onTeam = sql`exists (select 1 from family_team_member t join organisation o on o.id = t.organisation_id
      where t.family_id = m.family_id and t.left_on is null and o.name = 'Carse Family Support Service')`;
    expect(
      await count(sql`select count(*) as n from person p join family_membership m on m.person_id = p.id
        where p.address_withheld and ${onTeam}`),
    ).toBe(1);
    expect(
      await count(sql`select count(*) as n from family_membership m join family f on f.id = m.family_id
        where f.name = 'Moffat family' and ${onTeam}`),
    ).toBe(3);
  });

  it('gives the new family the next free reference', async () => {
    const refs = await queryRows<{ reference: string }>(
      database.db,
      sql`select reference from family order by reference`,
    );
    const numbers = refs.map((r) => Number(r.reference.split('-')[1]));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(Math.max(...numbers)).toBe(numbers.length);
  });
});
