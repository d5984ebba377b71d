import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { demoAccess } from '../../testing/demoAccess.ts';
import { demoDatabase } from '../../testing/demoDatabase.ts';
import { FamilyRepository } from './familyRepository.ts';
import { familyVisible } from './familyVisibility.ts';

/** The open families the access rule lets the user see, by the rule alone over every family. */
async function visibleByRule(database: Database, access: AccessContext) {
  return queryRows<{ id: string }>(
    database.db,
    sql`select f.id from family f where f.status = 'open' and ${familyVisible(access, sql`f.id`)}
      order by f.updated_at desc, f.reference`,
  );
}

describe('the list of families', () => {
  let database: Database;
  beforeAll(async () => {
    database = await demoDatabase();
  }, 180_000);
  afterAll(async () => {
    await database.close();
  });

  it('lists, page by page, exactly the open families the access rule allows, with the total, audited', async () => {
    for (const email of [
      'morven.blair@carse-family-support.example',
      'jackie.rennie@kilbrannan-families.example',
      'shona.baird@carse-family-support.example',
    ]) {
      const access = await demoAccess(database.db, email);
      const expected = (await visibleByRule(database, access)).map((f) => f.id);
      expect(expected.length).toBeGreaterThan(5);
      const seen: string[] = [];
      for (let offset = 0; offset <= expected.length; offset += 4) {
        const page = await new FamilyRepository(database.db, access).list({ limit: 4, offset });
        expect(page.total).toBe(expected.length);
        expect(page.families.every((f) => f.status === 'open' && f.updatedAt instanceof Date)).toBe(true);
        seen.push(...page.families.map((f) => f.id));
      }
      expect(seen).toEqual(expected);
      const events = await queryRows<{ detail: unknown }>(
        database.db,
        sql`select detail from audit_event where request_id = ${access.requestId} and action = 'family.list'
          order by (detail->>'offset')::int`,
      );
      expect(events.map((e) => e.detail)).toEqual(
        Array.from({ length: Math.floor(expected.length / 4) + 1 }, (_, i) => ({
          shown: Math.min(4, expected.length - i * 4),
          offset: i * 4,
        })),
      );
    }
  });

  it('adds a family seen under emergency access, and nothing for someone who sees no personal data', async () => {
    const jackie = await demoAccess(database.db, 'jackie.rennie@kilbrannan-families.example');
    const before = await new FamilyRepository(database.db, jackie).list({ limit: 100, offset: 0 });
    const [outside] = await queryRows<{ id: string }>(
      database.db,
      sql`select f.id from family f where f.status = 'open' and not (${familyVisible(jackie, sql`f.id`)}) limit 1`,
    );
    if (!outside) throw new Error('the demo has no family outside her organisation');
    await database.db.execute(sql`insert into break_glass (family_id, user_id, organisation_id, reason, expires_at)
      values (${outside.id}, ${jackie.userId}, ${jackie.organisationId}, 'A test of the list', now() + interval '1 hour')`);
    const after = await new FamilyRepository(database.db, jackie).list({ limit: 100, offset: 0 });
    expect(after.total).toBe(before.total + 1);
    expect(after.families.map((f) => f.id)).toContain(outside.id);

    const lead = await demoAccess(database.db, 'elspeth.morrison@glenmuir-adp.example');
    expect(await new FamilyRepository(database.db, lead).list({ limit: 25, offset: 0 })).toEqual({
      families: [],
      total: 0,
    });
  });
});
