import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import type { AuditTable } from '../features/audit/auditTable.ts';
import { auditViewById } from '../features/audit/auditViews.ts';
import { TrainingRepository } from '../features/workforce/trainingRepository.ts';
import { demoAccess } from '../testing/demoAccess.ts';
import { demoDatabase, demoTodayText } from '../testing/demoDatabase.ts';

/** The demo's training records, as a team lead and the partnership lead see them. */
describe('the demo workforce', () => {
  let database: Database;
  beforeAll(async () => {
    database = await demoDatabase();
  }, 180_000);
  afterAll(async () => {
    await database.close();
  });

  it('gives the Carse team lead her team’s training: in date, due, lapsed and none', async () => {
    const shona = await demoAccess(database.db, 'shona.baird@carse-family-support.example');
    const team = await new TrainingRepository(database.db, shona).team(demoTodayText);
    const byName = new Map(team.map((w) => [w.name, w]));
    expect(byName.get('Morven Blair')).toMatchObject({ traumaLevel: 'skilled', current: 2, lapsed: 0 });
    expect(byName.get('Morven Blair')?.familyInclusiveOn).not.toBeNull();
    expect(byName.get('Morven Blair')?.nextRenewal).not.toBeNull();
    // Euan's family-inclusive training has lapsed, and his whole family approach record was withdrawn.
    expect(byName.get('Euan Cairns')).toMatchObject({
      familyInclusiveOn: null,
      traumaLevel: 'informed',
      current: 2,
      lapsed: 1,
    });
    // Volunteers invited but not yet active, and workers who left, are not listed.
    expect(byName.has('Kirsty Lennox')).toBe(false);
    expect(byName.has('Duncan Reid')).toBe(false);
  });

  it('shows the partnership lead which organisations have family-inclusive practice training recorded', async () => {
    const elspeth = await demoAccess(database.db, 'elspeth.morrison@glenmuir-adp.example');
    const built = await auditViewById('quality')?.build(database.db, elspeth, {
      from: '2025-04-01',
      to: '2026-03-31',
    });
    const table = built?.find((t) => t.id === 'quality-workforce') as AuditTable;
    const training = new Map(table.rows.map((r) => [r.label, r.values.training]));
    expect(training.get('Carse Family Support Service')).toBe('Recorded');
    expect(training.get('NHS Glenmuir Community Recovery Service')).toBe('Recorded');
    expect(training.get('Ardmore Youth Project')).toBe('None recorded');
  });
});
