import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { createOrganisation } from '../../testing/fixtures.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';
import type { AuditTable } from './auditTable.ts';
import { addFamily, auditArea, grid, support } from './auditTesting.ts';
import { addService } from './auditTestingDirectory.ts';
import type { AuditFilters } from './auditView.ts';
import { auditViewById } from './auditViews.ts';

/**
 * People with more than one support row (two organisations, or two
 * families) are counted once in each locality and once for the area, next to
 * people with one row, who are counted straight from it. Period: 1 April 2025
 * to 31 March 2026; ages are on 31 March 2026.
 */
describe('the reach view, for people supported more than once', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let s: Awaited<ReturnType<typeof auditArea>>;
  const year: AuditFilters = { from: '2025-04-01', to: '2026-03-31' };

  beforeAll(async () => {
    ({ database, drop } = await ownDatabase('audit_reach_many'));
    await migrate(database);
    const db = database.db;
    s = await auditArea(db);
    // X, first locality: A (a woman of 45) supported by A and by B; Y, a boy of 16, once.
    const x = await addFamily(db, s.area.id, s.first, [
      { dateOfBirth: '1980-06-01', gender: 'Female' },
      { roles: ['child_or_young_person'], dateOfBirth: '2010-03-31', gender: 'Male' },
    ]);
    const [a, y] = x.people as [string, string];
    await support(db, x.id, a, s.a.id, '2025-04-01');
    await support(db, x.id, a, s.b.id, '2025-05-01');
    await support(db, x.id, y, s.a.id, '2025-04-01');
    // Z, second locality: A again, bereaved there; W, bereaved, aged about 70 in 2020.
    const z = await addFamily(db, s.area.id, s.second, [
      { personId: a, roles: ['bereaved'] },
      { roles: ['bereaved'], approximateAge: 70, approximateAgeOn: '2020-01-01' },
    ]);
    const [, w] = z.people as [string, string];
    await support(db, z.id, a, s.b.id, '2025-06-01');
    await support(db, z.id, w, s.b.id, '2025-06-01');
    // A's support before the period only, and Y's second row closed before it: neither counts again.
    await support(db, x.id, y, s.b.id, '2024-01-01', '2025-03-31');
  });
  afterAll(async () => {
    await drop();
  });

  async function table(id: string, filters: AuditFilters = year): Promise<AuditTable> {
    const built = await auditViewById('reach')?.build(database.db, s.access, filters);
    return built?.find((t) => t.id === id) as AuditTable;
  }

  it('counts each person once in each locality and once for the area, by age and gender', async () => {
    const ages = ['people', 'age-12-17', 'age-25-64', 'age-65-plus'];
    expect(grid(await table('reach-age'), ages)).toEqual({
      // A and Y; A and W; A, Y and W.
      [s.first]: [2, 1, 1, 0],
      [s.second]: [2, 0, 1, 1],
      all: [3, 1, 1, 1],
      none: [0, 0, 0, 0],
    });
    expect(grid(await table('reach-gender'), ['female', 'male', 'not-recorded'])).toEqual({
      [s.first]: [1, 1, 0],
      [s.second]: [1, 0, 1],
      all: [1, 1, 1],
      none: [0, 0, 0],
    });
  });

  it('counts a person bereaved in one family as bereaved, and each bereaved family once', async () => {
    expect(grid(await table('reach-circumstances'), ['people', 'bereaved', 'bereavedFamilies'])).toEqual({
      [s.first]: [2, 0, 0],
      [s.second]: [2, 2, 1],
      all: [3, 2, 1],
      none: [0, 0, 0],
    });
  });

  it('counts only the people of the group chosen', async () => {
    const adults = await table('reach-age', { ...year, group: 'age-25-64' });
    expect(grid(adults, ['people', 'age-25-64', 'age-12-17'])).toEqual({
      [s.first]: [1, 1, 0],
      [s.second]: [1, 1, 0],
      all: [1, 1, 0],
      none: [0, 0, 0],
    });
  });

  it('does not count the support of someone who has left the family as the family’s', async () => {
    const db = database.db;
    const t = await auditArea(db);
    const recovery = await createOrganisation(db, t.area.id, 'nhs');
    await addService(db, recovery.id, { audiences: ['person_using'] });
    // V: U uses, supported by the recovery service; E, supported by A, has left the family.
    const v = await addFamily(db, t.area.id, t.first, [{ roles: ['using_substances'] }, {}]);
    const [u, e] = v.people as [string, string];
    await support(db, v.id, u, recovery.id, '2025-04-01');
    await support(db, v.id, e, t.a.id, '2025-04-01');
    await db.execute(sql`update family_membership set ended_on = started_on where person_id = ${e}`);
    const built = await auditViewById('reach')?.build(db, t.access, year);
    const link = built?.find((x) => x.id === 'reach-recovery-link') as AuditTable;
    expect(grid(link, ['families', 'familiesLinked', 'people', 'peopleLinked'])).toEqual({
      [t.first]: [0, 0, 1, 0],
      [t.second]: [0, 0, 0, 0],
      all: [0, 0, 1, 0],
      none: [0, 0, 0, 0],
    });
  });
});
