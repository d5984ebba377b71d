import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { findOverdue } from '../features/plan/overdueRepository.ts';
import { PlanRepository } from '../features/plan/planRepository.ts';
import type { AccessContext } from '../platform/access/accessContext.ts';
import { demoDatabase, demoToday, demoTodayText } from '../testing/demoDatabase.ts';
import { emptyPglite } from '../testing/testDatabase.ts';
import { loadDemo } from './demoLoader.ts';

/** The demo's family plans, on a fresh in-memory database of its own. */
describe('the demo family plans', () => {
  let database: Database;
  const today = demoToday;
  beforeAll(async () => {
    database = await demoDatabase();
  }, 180_000);
  afterAll(async () => {
    await database.close();
  });

  async function morven(): Promise<AccessContext> {
    const [user] = await queryRows<{ id: string; organisationId: string }>(
      database.db,
      sql`select id, organisation_id as "organisationId" from app_user where email = 'morven.blair@carse-family-support.example'`,
    );
    return {
      userId: user?.id,
      tokenId: undefined,
      organisationId: user?.organisationId,
      partnershipAreaId: undefined,
      roles: ['practitioner'],
      ip: '127.0.0.1',
      requestId: 'demo-test',
    };
  }

  it('agrees plans for several families, with goals of the family and its members, reviewed weeks apart', async () => {
    const plans = await queryRows<{
      familyId: string;
      goals: number;
      memberGoals: number;
      reviews: number;
      meetings: number;
    }>(
      database.db,
      sql`select p.family_id as "familyId",
          (select count(*)::int from plan_goal g where g.plan_id = p.id) as goals,
          (select count(*)::int from plan_goal g where g.plan_id = p.id and g.person_id is not null) as "memberGoals",
          (select count(*)::int from plan_review r where r.plan_id = p.id) as reviews,
          (select count(*)::int from team_meeting m where m.family_id = p.family_id) as meetings
        from family_plan p where p.agreed_on is not null order by p.agreed_on`,
    );
    expect(plans.length).toBe(4);
    expect(plans.every((p) => p.goals >= 2 && p.memberGoals >= 1)).toBe(true);
    expect(plans.map((p) => p.reviews).sort()).toEqual([0, 2, 2, 3]);
    expect(plans.filter((p) => p.meetings > 0)).toHaveLength(2);

    const access = await morven();
    const reviewed = plans.find((p) => p.reviews === 3);
    const record = await new PlanRepository(database.db, access).read(reviewed?.familyId as string);
    const familyGoal = record?.goals.find((g) => g.personId === null);
    const scores = record?.reviews.map((r) => r.progress.find((p) => p.goalId === familyGoal?.id)?.score);
    expect(scores).toHaveLength(3);
    expect(new Set(scores).size).toBeGreaterThan(1);
  });

  it('has one meeting corrected, with its history, and a duplicate of it kept but marked as recorded in error', async () => {
    const rows = await queryRows<{ version: number; inError: boolean; changes: number }>(
      database.db,
      sql`select m.version, m.in_error_at is not null as "inError",
          (select count(*)::int from record_change rc where rc.record_id = m.id) as changes
        from team_meeting m where m.version > 1 order by m.in_error_at nulls first`,
    );
    expect(rows).toEqual([
      { version: 2, inError: false, changes: 2 },
      { version: 2, inError: true, changes: 2 },
    ]);
  });

  it('gives the demo practitioner overdue actions and a late review on her home page', async () => {
    const items = await findOverdue(database.db, await morven(), demoTodayText);
    expect(items.some((i) => i.kind === 'action')).toBe(true);
    expect(items.some((i) => i.kind === 'review')).toBe(true);
  });

  it('is the same on every load', async () => {
    const again = await emptyPglite();
    try {
      await migrate(again);
      await loadDemo(again.db, 'demo-password-for-tests', today);
      const words = (db: Database) =>
        queryRows<{ w: string }>(
          db.db,
          sql`select family_words as w from plan_goal order by family_words, id`,
        );
      expect((await words(again)).map((r) => r.w)).toEqual((await words(database)).map((r) => r.w));
    } finally {
      await again.close();
    }
  }, 180_000);
});
