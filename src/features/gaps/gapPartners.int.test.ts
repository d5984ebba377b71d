import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { addFamily, auditArea, relate, support } from '../audit/auditTesting.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { supportedCounts } from './gapPeople.ts';

/** Partners found from recorded relationships alone (no label saying so), in either direction. */
describe('the gap analysis’s partners', () => {
  let database: Database;
  let s: Awaited<ReturnType<typeof auditArea>>;

  beforeAll(async () => {
    database = await testDatabase();
    const db = database.db;
    s = await auditArea(db);
    // U uses; A is U's partner (A → U), B was U's partner (U → B), C is D's partner but neither uses.
    const f = await addFamily(db, s.area.id, s.first, [{ roles: ['using_substances'] }, {}, {}, {}, {}]);
    const [u, a, b, c, d] = f.people as [string, string, string, string, string];
    await relate(db, f.id, a, 'partner_of', u);
    await relate(db, f.id, u, 'ex_partner_of', b);
    await relate(db, f.id, c, 'partner_of', d);
    for (const p of [a, b, c, d]) await support(db, f.id, p, s.a.id, '2025-05-01');
  });
  afterAll(async () => {
    await database.close();
  });

  it('counts the other end of a partner or ex-partner relationship with a member using', async () => {
    // Memberships start the day they are recorded: the period ends today.
    const rows = await supportedCounts(database.db, s.area.id, {
      from: '2025-04-01',
      to: todayInUk(new Date()),
    });
    const place = rows.find((r) => !r.total && r.localityId === s.first);
    const area = rows.find((r) => r.total);
    expect([place?.supported, place?.partners]).toEqual([4, 2]);
    expect([area?.supported, area?.partners]).toEqual([4, 2]);
  });
});
