import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { acceptContext, acceptView } from '../features/referrals/referralAcceptPage.ts';
import { type ReferralDetail, ReferralRepository } from '../features/referrals/referralRepository.ts';
import { waitDays, waitFlag } from '../features/referrals/referralStatus.ts';
import { ownDatabase } from '../testing/testDatabase.ts';
import { ensureDemo } from './demoLoader.ts';

describe('the demo referrals', () => {
  let handle: Awaited<ReturnType<typeof ownDatabase>>;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-demo-referrals-'));
  beforeAll(async () => {
    handle = await ownDatabase('demoreferrals');
    await migrate(handle.database);
    await ensureDemo(handle.database, { dataDir, demoPassword: undefined });
  }, 300_000);
  afterAll(async () => {
    await handle.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds a dozen referrals in every status, with waits nearing and past 3 and 6 weeks, a redirect chain and a self-referral', async () => {
    const rows = await queryRows<{
      status: string;
      origin: string;
      receivedOn: string;
      firstSupportOn: string | null;
      redirectedFromId: string | null;
      events: number;
    }>(
      handle.database.db,
      sql`select r.status, r.origin, (r.sent_at at time zone 'Europe/London')::date::text as "receivedOn",
          r.first_support_on::text as "firstSupportOn", r.redirected_from_id as "redirectedFromId",
          (select count(*)::int from referral_event e where e.referral_id = r.id) as events
        from referral r`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['new', 'waiting', 'accepted', 'started', 'declined', 'redirected', 'withdrawn', 'closed']),
    );
    expect(rows.every((r) => r.events >= 1)).toBe(true);
    expect(rows.some((r) => r.origin === 'redirect' && r.redirectedFromId)).toBe(true);
    expect(rows.some((r) => r.origin === 'self_referral')).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    const flags = new Set(
      rows
        .filter((r) => ['new', 'waiting', 'accepted'].includes(r.status))
        .map((r) => waitFlag(waitDays(r.receivedOn, r.firstSupportOn, today))),
    );
    for (const flag of ['approaching_3_weeks', 'over_3_weeks', 'approaching_6_weeks', 'over_6_weeks'])
      expect(flags).toContain(flag);
  });

  it('holds a referral split member by member, the Dunbar family for the recovery worker, and a self-referral whose person the family support service already knows', async () => {
    const db = handle.database.db;
    const [split] = await queryRows<{
      status: string;
      outcome: string;
      passedStatus: string;
      members: number;
    }>(
      db,
      sql`select r.status, x.outcome, t.status as "passedStatus",
          (select count(*)::int from referral_member m where m.referral_id = r.id) as members
        from referral_member_outcome x join referral r on r.id = x.referral_id join referral t on t.id = x.passed_to_id`,
    );
    expect(split).toEqual({ status: 'accepted', outcome: 'passed_on', passedStatus: 'new', members: 1 });
    const [dunbar] = await queryRows<{ members: number; team: string[] }>(
      db,
      sql`select (select count(*)::int from family_membership m where m.family_id = f.id) as members,
          array(select o.name from family_team_member t join organisation o on o.id = t.organisation_id
            where t.family_id = f.id) as team
        from family f where f.name = 'Dunbar family'`,
    );
    expect(dunbar).toEqual({ members: 2, team: ['NHS Glenmuir Community Recovery Service'] });
    // Morven Blair, accepting the self-referral, is shown the record of the person it came from.
    const [morven] = await queryRows<{ id: string; organisationId: string }>(
      db,
      sql`select id, organisation_id as "organisationId" from app_user where email = 'morven.blair@carse-family-support.example'`,
    );
    const access = {
      userId: morven?.id,
      tokenId: undefined,
      organisationId: morven?.organisationId,
      partnershipAreaId: undefined,
      roles: ['practitioner' as const],
      ip: '127.0.0.1',
      requestId: 'demo-test',
    };
    const [self] = await queryRows<{ id: string }>(
      db,
      sql`select r.id from referral r join self_referral s on s.id = r.self_referral_id where s.phone = '07700 900733'`,
    );
    const found = await new ReferralRepository(db, access).get(self?.id as string);
    expect(found?.side).toBe('receiver');
    const context = await acceptContext(db, access, found?.row as ReferralDetail, 'receiver');
    const shown = await acceptView(db, found?.row as ReferralDetail, context, {});
    expect(shown.linkItems?.some((item) => 'value' in item && item.value.startsWith('person:'))).toBe(true);
  });
});
