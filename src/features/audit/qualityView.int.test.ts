import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { listingProblem, programmeTrainedWorker, workerTraining } from '../../db/schema.ts';
import { createUser } from '../../testing/fixtures.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { addDays } from '../plan/planSchedule.ts';
import { longDate } from './auditFilters.ts';
import type { AuditTable } from './auditTable.ts';
import { addFamily, auditArea, goalScores, grid, programmeId, support } from './auditTesting.ts';
import { addService } from './auditTestingDirectory.ts';
import type { AuditFilters } from './auditView.ts';
import { auditViewById } from './auditViews.ts';

/** Quality over the financial year 2025 to 2026; listings and training as they stand today. */
describe('the quality view', () => {
  let database: Database;
  let s: Awaited<ReturnType<typeof auditArea>>;
  let checkedToday: string;
  let stale: string;
  const year: AuditFilters = { from: '2025-04-01', to: '2026-03-31' };
  const today = todayInUk(new Date());

  beforeAll(async () => {
    database = await testDatabase();
    const db = database.db;
    s = await auditArea(db);
    const f1 = await addFamily(db, s.area.id, s.first, [{}]);
    const f2 = await addFamily(db, s.area.id, s.second, [{}]);
    const [p1] = f1.people as [string];
    const [p3] = f2.people as [string];
    await support(db, f1.id, p1, s.a.id, '2025-01-01');
    await support(db, f2.id, p3, s.a.id, '2025-01-01');
    const by = (organisationId: string, heldOn: string, score: number) => ({ organisationId, heldOn, score });
    // G1, P1's: 2 to 7, latest by A: improved. G2, the whole family's: 6 to 4, latest by B: worse.
    await goalScores(db, f1.id, p1, [
      by(s.a.id, '2025-01-10', 2),
      by(s.a.id, '2025-06-01', 5),
      by(s.a.id, '2025-09-01', 7),
    ]);
    await goalScores(db, f1.id, null, [by(s.a.id, '2025-05-01', 6), by(s.b.id, '2025-11-01', 4)]);
    // G3, P3's: 3 and 3 by A: no change.
    await goalScores(db, f2.id, p3, [by(s.a.id, '2025-05-01', 3), by(s.a.id, '2025-12-01', 3)]);
    // Not counted: one score only (G4); latest before the period (G5); second score after it (G6).
    await goalScores(db, f2.id, p3, [by(s.a.id, '2025-05-01', 1)]);
    await goalScores(db, f2.id, p3, [by(s.a.id, '2024-05-01', 1), by(s.a.id, '2024-11-01', 4)]);
    await goalScores(db, f2.id, p3, [by(s.a.id, '2025-06-01', 2), by(s.a.id, '2026-05-01', 9)]);
    // Another area's family.
    const other = await addFamily(db, s.elsewhere.id, null, [{}]);
    await goalScores(db, other.id, null, [
      by(s.outside.id, '2025-05-01', 1),
      by(s.outside.id, '2025-09-01', 9),
    ]);

    // Listings: checked today (two open problems, one resolved), checked 200 days ago (one open), inactive.
    checkedToday = await addService(db, s.a.id, { checkedOn: today });
    stale = await addService(db, s.a.id, { checkedOn: addDays(today, -200) });
    await addService(db, s.b.id, { status: 'inactive' });
    const problem = (serviceId: string, resolved = false) => ({
      serviceId,
      organisationId: s.a.id,
      kind: 'wrong_phone' as const,
      resolvedAt: resolved ? new Date() : null,
    });
    await db
      .insert(listingProblem)
      .values([problem(checkedToday), problem(checkedToday), problem(checkedToday, true), problem(stale)]);

    // Workforce: A's practitioner and a team lead trained (the lead in two programmes), another
    // practitioner not, an invited one not counted; B's volunteer not trained; the partnership lead is not a practice worker.
    const lead = await createUser(db, s.a.id, ['team_lead']);
    const second = await createUser(db, s.a.id, ['practitioner']);
    const invited = await createUser(db, s.a.id, ['practitioner'], { status: 'invited' });
    const fiveStep = await programmeId(db, '5-step-method');
    const craft = await programmeId(db, 'craft');
    await db.insert(programmeTrainedWorker).values([
      { programmeId: fiveStep, userId: s.paid.id },
      { programmeId: fiveStep, userId: lead.id },
      { programmeId: craft, userId: lead.id },
    ]);
    // Family-inclusive practice: only A's lead has it in date. The second practitioner's lapsed
    // yesterday; the paid practitioner's was withdrawn, and their trauma training is another topic;
    // the invited practitioner and the outside organisation's worker are not counted.
    const training = (
      userId: string,
      organisationId: string,
      more: Partial<typeof workerTraining.$inferInsert>,
    ) => ({
      userId,
      organisationId,
      topic: 'family_inclusive_practice' as const,
      course: 'Family Inclusive Practice: foundation',
      completedOn: addDays(today, -400),
      ...more,
    });
    await db.insert(workerTraining).values([
      training(lead.id, s.a.id, { renewBy: today }),
      training(lead.id, s.a.id, { topic: 'whole_family_approach' }),
      training(second.id, s.a.id, { topic: 'whole_family_approach', renewBy: addDays(today, -1) }),
      training(s.paid.id, s.a.id, {
        withdrawnAt: new Date(),
        withdrawnReason: 'Recorded for the wrong worker',
      }),
      training(s.paid.id, s.a.id, { topic: 'trauma_practice', traumaLevel: 'skilled' }),
      training(invited.id, s.a.id, {}),
      training(s.outsider.id, s.outside.id, {}),
    ]);
  });
  afterAll(async () => {
    await database.close();
  });

  async function tables(filters: AuditFilters): Promise<Map<string, AuditTable>> {
    const built = await auditViewById('quality')?.build(database.db, s.access, filters);
    return new Map((built ?? []).map((t) => [t.id, t]));
  }

  it('compares each goal’s first and latest score, by the organisation that recorded the latest', async () => {
    const t = (await tables(year)).get('quality-outcomes') as AuditTable;
    const keys = ['goals', 'improved', 'same', 'worse', 'improvedShare', 'first', 'latest', 'change'];
    expect(grid(t, keys)).toEqual({
      // G1 (2 to 7) and G3 (3 to 3): means 2.5 and 5.0.
      [s.a.id]: [2, 1, 1, 0, 50, '2.5', '5.0', '+2.5'],
      // G2 (6 to 4).
      [s.b.id]: [1, 0, 0, 1, 0, '6.0', '4.0', '-2.0'],
      // Means of 2, 6, 3 and of 7, 4, 3.
      all: [3, 1, 1, 1, 33.3, '3.7', '4.7', '+1.0'],
    });
    // With a group, goals for the whole family go: P1 and P3 have nobody using in their family, so are "other".
    const others = (await tables({ ...year, group: 'other' })).get('quality-outcomes') as AuditTable;
    expect(grid(others, ['goals', 'improved', 'same']).all).toEqual([2, 1, 1]);
  });

  it('shows each listing’s state, open problem reports, and self-assessment and feedback as not recorded', async () => {
    const t = (await tables(year)).get('quality-services') as AuditTable;
    expect(grid(t, ['checked', 'listing', 'problems', 'selfAssessment', 'feedback'])).toEqual({
      [checkedToday]: [longDate(today), 'Up to date', 2, null, null],
      [stale]: [longDate(addDays(today, -200)), 'Out of date', 1, null, null],
      all: ['', '', 3, null, null],
    });
  });

  it('counts listings out of date and practice workers trained in a family programme and in family-inclusive practice, by organisation', async () => {
    const t = (await tables(year)).get('quality-workforce') as AuditTable;
    const keys = ['services', 'outOfDate', 'workers', 'trained', 'trainedShare'];
    const inclusive = ['familyInclusive', 'familyInclusiveShare', 'training'];
    expect(grid(t, [...keys, ...inclusive])).toEqual({
      // Workers: the paid practitioner, the lead and the second practitioner; the lead alone in date.
      [s.a.id]: [2, 1, 3, 2, 66.6, 1, 33.3, 'Recorded'],
      [s.b.id]: [0, 0, 1, 0, 0, 0, 0, 'None recorded'],
      all: [2, 1, 4, 2, 50, 1, 25, ''],
    });
  });
});
