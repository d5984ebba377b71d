import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { lastTwelveMonths } from '../features/audit/auditFilters.ts';
import { suppressTable } from '../features/audit/auditTable.ts';
import { auditViews } from '../features/audit/auditViews.ts';
import { todayInUk } from '../features/chronology/dateParts.ts';
import { ListingRepository } from '../features/listings/listingRepository.ts';
import { PartnershipListingRepository } from '../features/listings/partnershipListingRepository.ts';
import { demoAccess } from '../testing/demoAccess.ts';
import { demoTestPassword } from '../testing/demoDatabase.ts';
import { emptyPglite } from '../testing/testDatabase.ts';
import { loadDemo } from './demoLoader.ts';

/** The demo's problem reports and reminder, on a database of its own. */
describe('the demo listings', () => {
  let database: Database;
  beforeAll(async () => {
    // Its own demo, loaded as of today as `npm start` would: the audit's default period is the 12 months to today.
    database = await emptyPglite();
    await loadDemo(database.db, demoTestPassword, new Date());
  }, 180_000);
  afterAll(async () => {
    await database.close();
  });

  const accessOf = (email: string) => demoAccess(database.db, email);

  it('gives the family support admin open problem reports, and the peer group an out-of-date listing and a reminder', async () => {
    const iain = new ListingRepository(
      database.db,
      await accessOf('iain.ferguson@carse-family-support.example'),
    );
    expect((await iain.openProblems()).map((p) => [p.serviceName, p.kind])).toEqual([
      ['Family support line', 'wrong_times'],
      ['Family support one-to-one', 'wrong_details'],
    ]);
    const alan = new ListingRepository(database.db, await accessOf('alan.dewar@kilbrannan-families.example'));
    const banner = await alan.banner();
    expect(banner.outOfDate).toBeGreaterThan(0);
    expect(banner.reminders.map((r) => r.serviceName)).toEqual(['Kilbrannan Families Together']);
    const lead = new PartnershipListingRepository(
      database.db,
      await accessOf('elspeth.morrison@glenmuir-adp.example'),
    );
    const outOfDate = await lead.listings({ outOfDateOnly: true });
    expect(outOfDate.map((l) => l.name)).toContain('Kilbrannan Families Together');
    expect(outOfDate.find((l) => l.name === 'Kilbrannan Families Together')?.remindedAt).toBeTruthy();
    expect(await lead.openProblems()).toHaveLength(3);
  });

  it('gives the partnership lead’s provision audit figures above the small-number threshold in every view', async () => {
    const lead = await accessOf('elspeth.morrison@glenmuir-adp.example');
    const filters = lastTwelveMonths(todayInUk(new Date()));
    const shown = new Map<string, ReturnType<typeof suppressTable>>();
    for (const view of auditViews)
      for (const table of await view.build(database.db, lead, filters))
        shown.set(table.id, suppressTable(table, 10));
    const cell = (table: string, row: string, column: string) => {
      const t = shown.get(table);
      const r = row === 'all' ? t?.total : t?.rows.find((x) => x.label === row);
      return r?.cells[column]?.value;
    };
    // Contacts and group attendances in every locality, not only where the demo's practitioner works.
    for (const locality of ['Kilbrannan', 'Carse of Dunmore', 'Ardmore Coast']) {
      expect(cell('quantity-support', locality, 'contacts')).toBeGreaterThanOrEqual(10);
      expect(cell('quantity-support', locality, 'attendances')).toBeGreaterThanOrEqual(10);
    }
    expect(cell('quantity-groups', 'all', 'sessions')).toBeGreaterThanOrEqual(100);
    expect(cell('quantity-programmes', 'all', 'started')).toBeGreaterThanOrEqual(10);
    expect(cell('reach-route-in', 'all', 'referrals')).toBeGreaterThanOrEqual(50);
    expect(
      shown.get('reach-route-in')?.rows.filter((r) => typeof r.cells.referrals?.value === 'number'),
    ).toHaveLength(4);
    const quarters = shown
      .get('waits-by-quarter')
      ?.rows.filter((r) => typeof r.cells.withinShare?.value === 'number');
    expect(quarters?.length).toBeGreaterThanOrEqual(3);
    expect(cell('quality-outcomes', 'all', 'goals')).toBeGreaterThanOrEqual(10);
    // Every view has figures to show, not only "fewer than 10".
    for (const view of auditViews) {
      const tables = [...shown.values()].filter((t) =>
        view.id === 'waiting-times' ? t.id.startsWith('waits') : t.id.startsWith(view.id),
      );
      const large = tables
        .flatMap((t) => [...t.rows, ...(t.total ? [t.total] : [])])
        .flatMap((r) => Object.values(r.cells))
        .filter((c) => typeof c.value === 'number' && c.value >= 10);
      expect(large.length, view.id).toBeGreaterThanOrEqual(4);
    }
  });
});
