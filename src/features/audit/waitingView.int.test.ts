import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { type AuditTable, suppressTables } from './auditTable.ts';
import { auditArea, grid } from './auditTesting.ts';
import { addReferral, addService } from './auditTestingDirectory.ts';
import type { AuditFilters } from './auditView.ts';
import { auditViewById } from './auditViews.ts';
import { crossLeaks } from './linkedSuppressionTesting.ts';

/** Waits from the waiting-times repository, over the financial year 2025 to 2026. */
describe('the waiting times view', () => {
  let database: Database;
  let s: Awaited<ReturnType<typeof auditArea>>;
  let one: string;
  let two: string;
  const year: AuditFilters = { from: '2025-04-01', to: '2026-03-31' };
  const keys = ['received', 'started', 'within', 'withinShare', 'over', 'median'];

  beforeAll(async () => {
    database = await testDatabase();
    const db = database.db;
    s = await auditArea(db);
    one = await addService(db, s.a.id);
    two = await addService(db, s.b.id);
    const elsewhere = await addService(db, s.outside.id);
    const at = (day: string) => `${day}T10:00:00+01:00`;
    const to = (serviceId: string, organisationId: string) =>
      ({ serviceId, organisationId, origin: 'self_referral' }) as const;
    const sent = [
      // Service one: waits of 14, 21, 22 and 49 days in April to June; one declined in August
      // (counted as received only); one still waiting since 1 March 2026 (over 6 weeks by now).
      { ...to(one, s.a.id), sentAt: at('2025-04-10'), firstSupportOn: '2025-04-24' },
      { ...to(one, s.a.id), sentAt: at('2025-05-01'), firstSupportOn: '2025-05-22' },
      { ...to(one, s.a.id), sentAt: at('2025-05-02'), firstSupportOn: '2025-05-24' },
      { ...to(one, s.a.id), sentAt: at('2025-06-01'), firstSupportOn: '2025-07-20' },
      { ...to(one, s.a.id), sentAt: at('2025-08-01'), status: 'closed' as const },
      { ...to(one, s.a.id), sentAt: '2026-03-01T10:00:00Z', status: 'waiting' as const },
      // Outside the period by UK day: 1 April 2026 at half past midnight, 31 March 2025 at half past eleven.
      { ...to(one, s.a.id), sentAt: '2026-04-01T00:30:00+01:00', firstSupportOn: '2026-04-02' },
      { ...to(one, s.a.id), sentAt: '2025-03-31T23:30:00+01:00', firstSupportOn: '2025-04-02' },
      // Service two: 5 days in October, 36 days in January.
      { ...to(two, s.b.id), sentAt: at('2025-10-05'), firstSupportOn: '2025-10-10' },
      { ...to(two, s.b.id), sentAt: '2026-01-15T10:00:00Z', firstSupportOn: '2026-02-20' },
      // Another area's service.
      { ...to(elsewhere, s.outside.id), sentAt: at('2025-05-01'), firstSupportOn: '2025-05-02' },
    ];
    for (const r of sent) await addReferral(db, r);
  });
  afterAll(async () => {
    await database.close();
  });

  async function tables(filters: AuditFilters): Promise<Map<string, AuditTable>> {
    const built = await auditViewById('waiting-times')?.build(database.db, s.access, filters);
    return new Map((built ?? []).map((t) => [t.id, t]));
  }

  it('counts each quarter’s referrals, starts within 3 weeks, waits over 6 weeks and the median', async () => {
    const t = (await tables(year)).get('waits-by-quarter') as AuditTable;
    expect(t.rows.map((r) => r.label)).toEqual([
      'April to June 2025',
      'July to September 2025',
      'October to December 2025',
      'January to March 2026',
    ]);
    expect(grid(t, keys)).toEqual({
      // 14 and 21 days are within 3 weeks, 22 is not, 49 is over 6 weeks; median of 14, 21, 22, 49.
      '2025-04-01': [4, 4, 2, 50, 1, 21.5],
      '2025-07-01': [1, 0, 0, 'none', 0, 'none started'],
      '2025-10-01': [1, 1, 1, 100, 0, 5],
      // One waiting since 1 March (over 6 weeks), one started after 36 days.
      '2026-01-01': [2, 1, 0, 0, 1, 36],
      // Median of 5, 14, 21, 22, 36, 49.
      all: [8, 6, 3, 50, 2, 21.5],
    });
  });

  it('counts each service over the period', async () => {
    const t = await tables(year);
    expect(grid(t.get('waits-by-service') as AuditTable, keys)).toEqual({
      [one]: [6, 4, 2, 50, 2, 21.5],
      [two]: [2, 2, 1, 50, 0, 20.5],
      all: [8, 6, 3, 50, 2, 21.5],
    });
  });

  it('counts each service in each quarter, every pair a row, and hides them with the tables they add up to', async () => {
    const built = [...(await tables(year)).values()];
    const cross = built.find((t) => t.id === 'waits-by-service-and-quarter') as AuditTable;
    const quarterKeys = ['quarter', ...keys];
    expect(grid(cross, quarterKeys)).toEqual({
      [`${one}/2025-04-01`]: ['April to June 2025', 4, 4, 2, 50, 1, 21.5],
      [`${one}/2025-07-01`]: ['July to September 2025', 1, 0, 0, 'none', 0, 'none started'],
      [`${one}/2025-10-01`]: ['October to December 2025', 0, 0, 0, 'none', 0, 'none started'],
      [`${one}/2026-01-01`]: ['January to March 2026', 1, 0, 0, 'none', 1, 'none started'],
      [`${two}/2025-04-01`]: ['April to June 2025', 0, 0, 0, 'none', 0, 'none started'],
      [`${two}/2025-07-01`]: ['July to September 2025', 0, 0, 0, 'none', 0, 'none started'],
      [`${two}/2025-10-01`]: ['October to December 2025', 1, 1, 1, 100, 0, 5],
      [`${two}/2026-01-01`]: ['January to March 2026', 1, 1, 0, 0, 0, 36],
      all: ['Whole period', 8, 6, 3, 50, 2, 21.5],
    });
    // At a threshold of 3: the 1s and 2s are hidden wherever they are. Service two's 2 for the
    // year would then be 8 less service one's 6, so the 6 goes too (the smallest count closing a
    // cycle of hidden counts through it); the cells below are hidden already and the 4 and 0s can stay.
    const shown = suppressTables(built, 3);
    const received = (id: string) =>
      Object.fromEntries(
        shown.find((t) => t.id === id)?.rows.map((r) => [r.key, r.cells.received?.text]) ?? [],
      );
    expect(received('waits-by-service-and-quarter')).toEqual({
      [`${one}/2025-04-01`]: '4',
      [`${one}/2025-07-01`]: 'fewer than 3',
      [`${one}/2025-10-01`]: '0',
      [`${one}/2026-01-01`]: 'fewer than 3',
      [`${two}/2025-04-01`]: '0',
      [`${two}/2025-07-01`]: '0',
      [`${two}/2025-10-01`]: 'fewer than 3',
      [`${two}/2026-01-01`]: 'fewer than 3',
    });
    expect(received('waits-by-service')).toEqual({
      [one]: 'not shown',
      [two]: 'fewer than 3',
    });
    expect(received('waits-by-quarter')).toEqual({
      '2025-04-01': '4',
      '2025-07-01': 'fewer than 3',
      '2025-10-01': 'fewer than 3',
      '2026-01-01': 'fewer than 3',
    });
    expect(shown.map((t) => t.total?.cells.received?.text)).toEqual(['8', '8', '8']);
    expect(crossLeaks(built, shown)).toEqual([]);
  });

  it('shows the parts of quarters a period starts and ends in, and narrows to one service', async () => {
    const part = (await tables({ from: '2025-05-15', to: '2025-08-10' })).get(
      'waits-by-quarter',
    ) as AuditTable;
    expect(part.rows.map((r) => [r.label, r.values.received])).toEqual([
      ['15 May 2025 to 30 June 2025 (part of a quarter)', 1],
      ['1 July 2025 to 10 August 2025 (part of a quarter)', 1],
    ]);
    const onlyTwo = (await tables({ ...year, serviceId: two })).get('waits-by-service') as AuditTable;
    expect(grid(onlyTwo, keys)).toEqual({ [two]: [2, 2, 1, 50, 0, 20.5], all: [2, 2, 1, 50, 0, 20.5] });
  });
});
