import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../db/client.ts';
import { demoDatabase, demoTodayText } from '../testing/demoDatabase.ts';

/** The demo's team around each family, on a fresh in-memory database of its own. */
describe('the demo team around the family', () => {
  let database: Database;
  beforeAll(async () => {
    database = await demoDatabase();
  }, 180_000);
  afterAll(async () => {
    await database.close();
  });

  async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
    return (await queryRows<T>(database.db, query))[0] as T;
  }

  it('names workers, a lead professional for every family, and some hand-overs with notes', async () => {
    const counts = await one<{ families: number; led: number; handedOver: number; workers: number }>(
      sql`select (select count(distinct family_id)::int from team_worker) as families,
        (select count(distinct family_id)::int from lead_professional where ended_on is null) as led,
        (select count(*)::int from lead_professional where handed_over_by is not null and handover_note is not null) as "handedOver",
        (select count(*)::int from team_worker) as workers`,
    );
    expect(counts.families).toBeGreaterThan(50);
    expect(counts.led).toBe(counts.families);
    expect(counts.handedOver).toBeGreaterThan(3);
    expect(counts.workers).toBeGreaterThanOrEqual(counts.families);
  });

  it('has consent reviews due soon, a withdrawn consent and a young person’s own view', async () => {
    const consent = await one<{ dueSoon: number; withdrawn: number; ownView: number }>(
      sql`select count(*) filter (where status = 'given' and review_on <= ${demoTodayText}::date + 28)::int as "dueSoon",
        count(*) filter (where status = 'withdrawn' and withdrawn_at is not null)::int as withdrawn,
        count(*) filter (where own_view = 'I want my gran to know how I’m doing but not my school')::int as "ownView"
        from consent`,
    );
    expect(consent.dueSoon).toBeGreaterThan(0);
    expect(consent.withdrawn).toBe(1);
    expect(consent.ownView).toBe(1);
  });

  it('leaves one unread emergency access notice for social work, with its audit event', async () => {
    const notices = await queryRows<{ kind: string; read: boolean; audited: number }>(
      database.db,
      sql`select n.kind, n.read_at is not null as read,
          (select count(*)::int from audit_event a where a.action = 'family.break_glass' and a.family_id = n.family_id) as audited
        from notice n join organisation o on o.id = n.organisation_id
        where o.name = 'Glenmuir Council Children and Families Social Work'`,
    );
    expect(notices).toEqual([{ kind: 'break_glass', read: false, audited: 1 }]);
  });
});
