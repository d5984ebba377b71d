import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { ownDatabase } from '../testing/testDatabase.ts';
import { ensureDemo } from './demoLoader.ts';

describe('the demo partnership', () => {
  let handle: Awaited<ReturnType<typeof ownDatabase>>;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-demo-'));
  beforeAll(async () => {
    handle = await ownDatabase('demo');
    await migrate(handle.database);
  }, 120_000);
  afterAll(async () => {
    await handle.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads on first run with a generated password kept in the data folder, and only once', async () => {
    const first = await ensureDemo(handle.database, { dataDir, demoPassword: undefined });
    expect(first?.passwordSource).toBe('generated');
    expect(fs.readFileSync(path.join(dataDir, 'demo-password.txt'), 'utf8').trim()).toBe(first?.password);
    expect(first?.signIns.map((s) => s.role)).toEqual(
      expect.arrayContaining([
        'Practitioner',
        'Team lead',
        'Organisation admin',
        'Volunteer or peer worker',
        'Partnership lead',
        'System admin',
      ]),
    );

    const count = async () =>
      (
        await queryRows<{ organisations: number; users: number; families: number; roles: string[] }>(
          handle.database.db,
          sql`select (select count(*)::int from organisation) as organisations,
                     (select count(*)::int from app_user) as users,
                     (select count(*)::int from family) as families,
                     (select array_agg(distinct r) from app_user, unnest(roles) r) as roles`,
        )
      )[0];
    const before = await count();
    // The twelve demo organisations, and Dunmore Family Counselling, outside Hearth (no users).
    expect(before?.organisations).toBe(13);
    expect(before?.families).toBeGreaterThanOrEqual(60);
    expect(before?.roles?.sort()).toEqual([
      'org_admin',
      'partnership_lead',
      'practitioner',
      'system_admin',
      'team_lead',
      'volunteer',
    ]);

    const second = await ensureDemo(handle.database, { dataDir, demoPassword: undefined });
    expect(second?.password).toBe(first?.password);
    expect(await count()).toEqual(before);
  });

  it('gives the family support service notifications and outbox emails: sent, failed and waiting', async () => {
    const [row] = await queryRows<{ unread: number; statuses: string[] }>(
      handle.database.db,
      sql`select (select count(*)::int from notification where read_at is null and referral_id is null) as unread,
        (select array_agg(case when sent_at is not null then 'sent' when failed_at is not null then 'failed' else 'waiting' end
          order by created_at) from email_outbox where to_address = 'referrals@carse-family-support.example') as statuses`,
    );
    expect(row?.unread).toBe(3);
    expect(row?.statuses).toEqual(['sent', 'failed', 'waiting']);
  });

  it('lists the area’s family support in the directory: local, area-wide and anywhere, some out of date', async () => {
    const [directory] = await queryRows<{
      active: number;
      inactive: number;
      selfReferral: number;
      outOfDate: number;
      anywhere: number;
      unplacedLocations: number;
      postcodes: number;
      grandparentGroups: number;
    }>(
      handle.database.db,
      sql`select
        (select count(*)::int from directory_service where status = 'active') as active,
        (select count(*)::int from directory_service where status = 'inactive') as inactive,
        (select count(*)::int from directory_service where self_referral) as "selfReferral",
        (select count(*)::int from directory_service
          where status = 'active' and last_checked_on < current_date - interval '6 months') as "outOfDate",
        (select count(distinct service_id)::int from directory_service_area where scope in ('scotland', 'uk')) as anywhere,
        (select count(*)::int from directory_location l where not exists (
          select 1 from postcode_place p where p.postcode = l.postcode)) as "unplacedLocations",
        (select count(*)::int from postcode_place) as postcodes,
        (select count(*)::int from directory_service
          where 'grandparent' = any(audiences) and 'group' = any(support_kinds) and self_referral) as "grandparentGroups"`,
    );
    expect(directory?.active).toBeGreaterThanOrEqual(15);
    expect(directory?.inactive).toBeGreaterThanOrEqual(1);
    expect(directory?.selfReferral).toBeGreaterThanOrEqual(5);
    expect(directory?.outOfDate).toBeGreaterThanOrEqual(3);
    expect(directory?.anywhere).toBe(2);
    expect(directory?.unplacedLocations).toBe(0);
    expect(directory?.postcodes).toBeGreaterThan(20);
    expect(directory?.grandparentGroups).toBeGreaterThanOrEqual(2);
  });
});
