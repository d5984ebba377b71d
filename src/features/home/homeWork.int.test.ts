import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { demoAccess } from '../../testing/demoAccess.ts';
import { demoDatabase, demoTodayText } from '../../testing/demoDatabase.ts';
import { findMyWork } from '../caseload/myWorkRepository.ts';
import { todaysGroups } from '../groups/groupRepository.ts';
import { findOverdue } from '../plan/overdueRepository.ts';
import { findHomeWork } from './homeWorkRepository.ts';

/** The home page's one statement against the three reads it stands for, on the demo. */
describe("the home page's lists in one statement", () => {
  let database: Database;
  beforeAll(async () => {
    database = await demoDatabase();
  }, 180_000);
  afterAll(async () => {
    await database.close();
  });

  const accessOf = (email: string) => demoAccess(database.db, email);

  const auditedActions = async (requestId: string) =>
    (
      await queryRows<{ action: string; families: number }>(
        database.db,
        sql`select action, jsonb_array_length(detail -> 'families')::int as families from audit_event
          where request_id = ${requestId} order by action`,
      )
    ).map((e) => `${e.action}:${e.families}`);

  it.each([
    // A team lead supports no members of her own in the demo: her lists are the team's overdue work.
    ['a practitioner', 'morven.blair@carse-family-support.example', true],
    ['a team lead', 'shona.baird@carse-family-support.example', false],
  ])('gives %s what the three reads give, audited once for each list', async (_who, email, ownMembers) => {
    const access = await accessOf(email);
    const work = await findHomeWork(database.db, access, demoTodayText);
    const separate = { ...access, requestId: randomUUID() };
    expect(work.overdue).toEqual(await findOverdue(database.db, separate, demoTodayText));
    expect(work.myWork).toEqual(await findMyWork(database.db, separate, demoTodayText));
    expect(work.groups).toEqual(await todaysGroups(database.db, separate, demoTodayText));
    // The demo gives each of them something in every list, so the comparison means something.
    expect(work.overdue.length).toBeGreaterThan(0);
    expect(work.myWork.members.length > 0).toBe(ownMembers);
    expect(work.groups.map((g) => g.name)).toContain('Carse family support group');
    const families = (rows: { familyId: string }[]) => new Set(rows.map((r) => r.familyId)).size;
    expect(await auditedActions(access.requestId)).toEqual([
      ...(ownMembers ? [`caseload.mine.read:${families(work.myWork.members)}`] : []),
      `plan.overdue.read:${families(work.overdue)}`,
    ]);
    // The same events as the separate reads wrote.
    expect(await auditedActions(separate.requestId)).toEqual(await auditedActions(access.requestId));
  });

  it('shows a worker of another organisation none of those families, and a partnership lead nothing', async () => {
    const morven = await findHomeWork(
      database.db,
      await accessOf('morven.blair@carse-family-support.example'),
      demoTodayText,
    );
    const carseFamilies = new Set([...morven.overdue, ...morven.myWork.members].map((r) => r.familyId));
    const outsider = await accessOf('jackie.rennie@kilbrannan-families.example');
    const theirs = await findHomeWork(database.db, outsider, demoTodayText);
    const seen = [...theirs.overdue, ...theirs.myWork.members].map((r) => r.familyId);
    expect(seen.filter((id) => carseFamilies.has(id))).toEqual([]);
    expect(theirs.groups.map((g) => g.name)).not.toContain('Carse family support group');

    const lead = await accessOf('elspeth.morrison@glenmuir-adp.example');
    expect(await findHomeWork(database.db, lead, demoTodayText)).toEqual({
      overdue: [],
      myWork: { members: [], totals: { members: 0, families: 0, due: 0 } },
      groups: [],
    });
    expect(await auditedActions(lead.requestId)).toEqual([]);
  });
});
