import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../db/client.ts';
import { EnrolmentRepository } from '../features/programmes/enrolmentRepository.ts';
import type { AccessContext } from '../platform/access/accessContext.ts';
import { demoDatabase, demoToday } from '../testing/demoDatabase.ts';

/** The demo's programmes, on a database of its own. */
describe('the demo programmes', () => {
  let database: Database;
  const _today = demoToday;
  beforeAll(async () => {
    database = await demoDatabase();
  }, 180_000);
  afterAll(async () => {
    await database.close();
  });

  it('enrols members of Morven Blair’s families in CRAFT, the 5-Step Method and Strengthening Families, with sessions', async () => {
    const [morven] = await queryRows<{ id: string; organisationId: string }>(
      database.db,
      sql`select id, organisation_id as "organisationId" from app_user where email = 'morven.blair@carse-family-support.example'`,
    );
    const access: AccessContext = {
      userId: morven?.id,
      tokenId: undefined,
      organisationId: morven?.organisationId,
      partnershipAreaId: undefined,
      roles: ['practitioner'],
      ip: '127.0.0.1',
      requestId: 'demo-test',
    };
    const families = await queryRows<{ familyId: string }>(
      database.db,
      sql`select distinct family_id as "familyId" from programme_enrolment`,
    );
    const rows = (
      await Promise.all(
        families.map((f) => new EnrolmentRepository(database.db, access).forFamily(f.familyId)),
      )
    ).flatMap((r) => r ?? []);
    const summary = rows.map((r) => [
      r.programmeName.split(' (')[0],
      r.status,
      r.contactSessions + r.groupSessions,
    ]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['CRAFT', 'active', 4],
        ['5-Step Method', 'completed', 5],
        ['Strengthening Families 10-14', 'active', 4],
        ['Strengthening Families 10-14', 'active', 5],
      ]),
    );
    const [trained] = await queryRows<{ workers: number }>(
      database.db,
      sql`select count(distinct user_id)::int as workers from programme_trained_worker`,
    );
    expect(trained?.workers).toBeGreaterThanOrEqual(5);
  });
});
