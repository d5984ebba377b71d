import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { financialYear, financialYearOf, lastTwelveMonths } from '../features/audit/auditFilters.ts';
import { gapFigures } from '../features/gaps/gapFigures.ts';
import { gapList } from '../features/gaps/gapList.ts';
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
  }, 90_000);

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

  it('gives the partnership lead need estimates, a SIMD lookup and gaps, with proposals for some', async () => {
    const db = handle.database.db;
    const [row] = await queryRows<{
      localitiesWithout: number;
      unsourced: number;
      unknownPostcodes: number;
      edition: string;
      proposals: string[];
      leadId: string;
      areaId: string;
    }>(
      db,
      sql`select
        (select count(*)::int from locality l where not exists (select 1 from need_estimate n
          where n.locality_id = l.id and n.measure = 'problem_substance_use')) as "localitiesWithout",
        (select count(*)::int from need_estimate where length(source) < 10) as unsourced,
        (select count(*)::int from person p where p.postcode is not null and not exists (select 1 from simd_postcode s
          join simd_edition e on e.id = s.edition_id and e.is_current where s.postcode = p.postcode)) as "unknownPostcodes",
        (select name from simd_edition where is_current) as edition,
        (select array_agg(gap_key order by created_at) from gap_proposal) as proposals,
        (select id from app_user where 'partnership_lead' = any(roles) limit 1) as "leadId",
        (select id from partnership_area limit 1) as "areaId"`,
    );
    expect(row?.localitiesWithout).toBe(0);
    expect(row?.unsourced).toBe(0);
    expect(row?.unknownPostcodes).toBe(0);
    expect(row?.edition).toBe('SIMD 2020v2 (demo)');
    expect(row?.proposals).toContain('group:young_people');
    const access = {
      userId: row?.leadId,
      tokenId: undefined,
      organisationId: undefined,
      partnershipAreaId: row?.areaId,
      roles: ['partnership_lead' as const],
      ip: '127.0.0.1',
      requestId: 'test',
    };
    const today = new Date().toISOString().slice(0, 10);
    const { gaps } = gapList(await gapFigures(db, access, lastTwelveMonths(today), today), 10);
    // The gap in young people's support shows on first start, and the demo's proposal answers it.
    expect(gaps.map((g) => g.key)).toContain('group:young_people');
    expect(gaps.filter((g) => g.kind === 'locality').length).toBeGreaterThanOrEqual(1);
    for (const key of row?.proposals ?? []) if (key) expect(gaps.map((g) => g.key)).toContain(key);
    // The last whole financial year, in one locality: the people supported then count (their memberships
    // began when their family's record did), and young people's support is a gap there.
    const [ardmore] = await queryRows<{ id: string }>(
      db,
      sql`select id from locality where name = 'Ardmore Coast'`,
    );
    const lastYear = financialYear(financialYearOf(today) - 1);
    const figures = await gapFigures(db, access, { ...lastYear, localityId: ardmore?.id as string }, today);
    expect(figures.area.supported).toBeGreaterThanOrEqual(10);
    const found = gapList(figures, 10).gaps.find((g) => g.key === `group:young_people:${ardmore?.id}`);
    expect(found?.subject).toBe('Young people aged 12 to 17 in Ardmore Coast');
  });
});
