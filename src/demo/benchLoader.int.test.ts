import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { verifyPassword } from '../platform/auth/passwords.ts';
import { ownDatabase } from '../testing/testDatabase.ts';
import { addBenchContacts } from './benchContacts.ts';
import { benchUserEmail } from './benchData.ts';
import {
  benchFamilyCount,
  benchOrganisationOpenFamilies,
  ensureBenchArea,
  loadBenchFamilies,
  vacuumBenchTables,
} from './benchLoader.ts';
import { addBenchPlans } from './benchPlans.ts';
import { addBenchServices, benchServiceCount } from './benchServices.ts';

describe('seed-bench data', () => {
  let handle: Awaited<ReturnType<typeof ownDatabase>>;
  beforeAll(async () => {
    handle = await ownDatabase('bench_test');
    await migrate(handle.database);
  }, 120_000);
  afterAll(async () => {
    await handle?.drop();
  });

  it('creates the area once, loads families in batches, and tops up on a second run', async () => {
    const db = handle.database.db;
    const area = await ensureBenchArea(db, 'first-bench-password');
    expect(area).toMatchObject({ created: true, organisations: 21 });
    expect(area.teamOrganisations).toHaveLength(20);
    await loadBenchFamilies(db, area, { seed: 1, from: 0, to: 600, batchSize: 250 });
    expect(await benchFamilyCount(db, area.areaId)).toBe(600);

    const again = await ensureBenchArea(db, 'second-bench-password');
    expect(again).toMatchObject({ created: false, areaId: area.areaId, users: area.users });
    await loadBenchFamilies(db, again, { seed: 1, from: 600, to: 700 });
    await vacuumBenchTables(db);
    const [counts] = await queryRows<{ families: number; members: number; teams: number; orphans: number }>(
      db,
      sql`select (select count(*)::int from family) as families,
        (select count(*)::int from family_membership) as members,
        (select count(*)::int from family_team_member) as teams,
        (select count(*)::int from family f where not exists (
          select 1 from family_team_member t where t.family_id = f.id)) as orphans`,
    );
    expect(counts?.families).toBe(700);
    expect(counts?.members).toBeGreaterThan(1400);
    expect(counts?.teams).toBeGreaterThanOrEqual(700);
    expect(counts?.orphans).toBe(0);
    // Every family gets an agreed plan once; a second run adds none.
    expect(await addBenchPlans(db, area.areaId, new Date())).toBe(700);
    expect(await addBenchPlans(db, area.areaId, new Date())).toBe(0);
    const [plans] = await queryRows<{ goals: number; actions: number; reviews: number; badScores: number }>(
      db,
      sql`select (select count(*)::int from plan_goal) as goals, (select count(*)::int from plan_action) as actions,
        (select count(*)::int from plan_review) as reviews,
        (select count(*)::int from plan_progress where score not between 0 and 10) as "badScores"`,
    );
    expect(plans?.goals).toBeGreaterThanOrEqual(2100);
    expect(plans?.actions).toBeGreaterThan(1400);
    expect(plans?.reviews).toBeGreaterThan(100);
    expect(plans?.badScores).toBe(0);
    // Every family gets its contacts once, each with one member (two for a whole-family contact).
    expect(await addBenchContacts(db, area.areaId, new Date(), 4)).toBe(700);
    expect(await addBenchContacts(db, area.areaId, new Date(), 4)).toBe(0);
    const [contacts] = await queryRows<{
      contacts: number;
      unlinked: number;
      future: number;
      workerless: number;
    }>(
      db,
      sql`select (select count(*)::int from contact) as contacts,
        (select count(*)::int from contact c where not exists (
          select 1 from contact_member m where m.contact_id = c.id)) as unlinked,
        (select count(*)::int from contact where occurred_at > now()) as future,
        (select count(*)::int from contact c where not exists (
          select 1 from app_user u where u.id = c.worker_id and u.organisation_id = c.organisation_id)) as workerless`,
    );
    expect(contacts).toEqual({ contacts: 2800, unlinked: 0, future: 0, workerless: 0 });
    // Listings are topped up to the number asked for, each at a place whose postcode is known.
    expect(await addBenchServices(db, area, 600, 1)).toBe(600);
    expect(await addBenchServices(db, area, 700, 1)).toBe(100);
    expect(await addBenchServices(db, area, 700, 1)).toBe(0);
    expect(await benchServiceCount(db, area.areaId)).toBe(700);
    const [listings] = await queryRows<{ unplaced: number; arealess: number; anywhere: number }>(
      db,
      sql`select (select count(*)::int from directory_location l where not exists (
          select 1 from postcode_place p where p.postcode = l.postcode)) as unplaced,
        (select count(*)::int from directory_service s where not exists (
          select 1 from directory_service_area a where a.service_id = s.id)) as arealess,
        (select count(*)::int from directory_service_area where scope = 'scotland') as anywhere`,
    );
    expect(listings?.unplaced).toBe(0);
    expect(listings?.arealess).toBe(0);
    expect(listings?.anywhere).toBeGreaterThan(5);
    const open = await benchOrganisationOpenFamilies(db, area.benchOrganisationId);
    expect(open).toBeGreaterThan(15);
    expect(open).toBeLessThan(70);

    const [user] = await queryRows<{ password_hash: string }>(
      db,
      sql`select password_hash from app_user where email = ${benchUserEmail}`,
    );
    expect(await verifyPassword(user?.password_hash ?? '', 'second-bench-password')).toBe(true);
  }, 60_000);
});
