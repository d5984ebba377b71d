import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../db/client.ts';
import { todaysGroups } from '../features/groups/groupRepository.ts';
import { SessionRepository } from '../features/groups/sessionRepository.ts';
import { demoAccess } from '../testing/demoAccess.ts';
import { demoDatabase, demoToday } from '../testing/demoDatabase.ts';

/** The demo's groups, on a fresh in-memory database of its own. */
describe('the demo groups', () => {
  let database: Database;
  // A Tuesday: the Carse family support group meets today.
  const _today = demoToday;
  beforeAll(async () => {
    database = await demoDatabase();
  }, 180_000);
  afterAll(async () => {
    await database.close();
  });

  const accessOf = (email: string) => demoAccess(database.db, email);

  it('runs groups on days across the week, with paid, volunteer and peer facilitators', async () => {
    const [figures] = await queryRows<{ weekdays: number[]; kinds: string[]; groups: number }>(
      database.db,
      sql`select array_agg(distinct g.weekday order by g.weekday) as weekdays, count(distinct g.id)::int as groups,
          (select array_agg(distinct f.kind order by f.kind) from group_facilitator f) as kinds
        from support_group g`,
    );
    // Five groups of the groups demo and the programmes demo's Strengthening Families group.
    expect(figures?.groups).toBe(6);
    expect(figures?.weekdays).toEqual([1, 2, 3, 4, 6]);
    expect(figures?.kinds).toEqual(['paid', 'peer', 'volunteer']);
    const morven = await accessOf('morven.blair@carse-family-support.example');
    expect((await todaysGroups(database.db, morven, '2026-11-24')).map((g) => g.name)).toEqual([
      'Carse family support group',
    ]);
    const jackie = await accessOf('jackie.rennie@kilbrannan-families.example');
    expect((await todaysGroups(database.db, jackie, '2026-11-28')).map((g) => g.name)).toEqual([
      'SMART Recovery Family & Friends',
    ]);
  });

  it('has past sessions whose registers mix family members, first names and anonymous counts', async () => {
    const [figures] = await queryRows<{
      future: number;
      named: number;
      firstNames: number;
      anonymous: number;
      over: number;
      hidden: number;
    }>(
      database.db,
      sql`select (select count(*)::int from group_session where held_on >= '2026-11-24') as future,
          (select count(*)::int from group_attendance where person_id is not null) as named,
          (select count(*)::int from group_attendance where person_id is null) as "firstNames",
          (select sum(anonymous_count)::int from group_session) as anonymous,
          (select count(*)::int from group_session where over_capacity) as over,
          (select count(*)::int from group_attendance a join group_session s on s.id = a.session_id
            join support_group g on g.id = s.group_id join member_support ms on ms.person_id = a.person_id
              and ms.family_id = a.family_id and ms.organisation_id = g.organisation_id
            where ms.confidential) as hidden`,
    );
    expect(figures?.future).toBe(0);
    expect(figures?.named).toBeGreaterThan(20);
    expect(figures?.firstNames).toBeGreaterThan(10);
    expect(figures?.anonymous).toBeGreaterThan(10);
    expect(figures?.over).toBe(1);
    expect(figures?.hidden).toBe(0);
    // A named attendee's family record shows the group to the organisation's practitioner.
    const morven = await accessOf('morven.blair@carse-family-support.example');
    const [attendee] = await queryRows<{ familyId: string }>(
      database.db,
      sql`select a.family_id as "familyId" from group_attendance a join group_session s on s.id = a.session_id
        join support_group g on g.id = s.group_id where g.name = 'Carse family support group' and a.family_id is not null
        limit 1`,
    );
    const attended = await new SessionRepository(database.db, morven).forFamily(attendee?.familyId as string);
    expect(attended?.rows.map((r) => r.groupName)).toContain('Carse family support group');
  });

  it('has a corrected session with its history, and a duplicate recorded in error left out of the list', async () => {
    const [figures] = await queryRows<{ inError: number; corrected: number; groupChanges: number }>(
      database.db,
      sql`select (select count(*)::int from group_session where in_error_at is not null) as "inError",
          (select count(*)::int from record_change where record_type = 'group_session' and action = 'amended') as corrected,
          (select count(*)::int from record_change where record_type = 'support_group') as "groupChanges"`,
    );
    expect(figures).toEqual({ inError: 1, corrected: 1, groupChanges: 1 });
    const [group] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from support_group where name = 'Carse family support group'`,
    );
    const morven = await accessOf('morven.blair@carse-family-support.example');
    const repository = new SessionRepository(database.db, morven);
    expect(await repository.countInError(group?.id as string)).toBe(1);
    const listed = await repository.listForGroup(group?.id as string);
    expect(listed.every((s) => s.inErrorAt === null)).toBe(true);
  });
});
