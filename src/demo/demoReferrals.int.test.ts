import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../db/client.ts';
import { likelyDuplicates } from '../features/members/duplicateFinder.ts';
import { linkOptions } from '../features/referrals/referralMatch.ts';
import { waitDays, waitFlag } from '../features/referrals/referralStatus.ts';
import { hashSecret } from '../platform/auth/tokens.ts';
import { demoDatabase, demoToday, demoTodayText } from '../testing/demoDatabase.ts';
import { demoOutsideEmail } from './demoOutside.ts';

describe('the demo referrals', () => {
  let handle: { database: Database };
  beforeAll(async () => {
    handle = { database: await demoDatabase() };
  }, 300_000);
  afterAll(async () => {
    await handle.database.close();
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
    const today = demoTodayText;
    const flags = new Set(
      rows
        .filter((r) => ['new', 'waiting', 'accepted'].includes(r.status))
        .map((r) => waitFlag(waitDays(r.receivedOn, r.firstSupportOn, today))),
    );
    for (const flag of ['approaching_3_weeks', 'over_3_weeks', 'approaching_6_weeks', 'over_6_weeks'])
      expect(flags).toContain(flag);
  });

  it('holds two referrals a recovery service’s system made over the API, one accepted by family support’s', async () => {
    const rows = await queryRows<{ status: string; byToken: number; byUser: number; sentAt: Date }>(
      handle.database.db,
      sql`select r.status, r.sent_at as "sentAt",
          (select count(*)::int from referral_event e where e.referral_id = r.id and e.actor_token_id is not null) as "byToken",
          (select count(*)::int from referral_event e where e.referral_id = r.id and e.actor_user_id is not null) as "byUser"
        from referral r where r.origin = 'api' and r.referred_by_token is not null order by r.status`,
    );
    expect(rows.map((r) => [r.status, r.byToken, r.byUser])).toEqual([
      ['accepted', 3, 0],
      ['new', 2, 0],
    ]);
    // Dated by the demo's own day, like the rest of the demo, not by when it was loaded.
    for (const row of rows) expect(new Date(row.sentAt).getTime()).toBeLessThan(Date.now() - 2 * 86_400_000);
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
    const [self] = await queryRows<{ name: string }>(
      db,
      sql`select s.name from referral r join self_referral s on s.id = r.self_referral_id
        where s.phone = '07700 900733' and r.status = 'new'`,
    );
    // The accept page's own search, read only here (the page also audits it): the shared demo is not written to.
    const matches = await likelyDuplicates(db, access, {
      givenName: self?.name as string,
      familyName: null,
      dateOfBirth: null,
      postcode: null,
    });
    expect(linkOptions(matches).some((o) => o.value.startsWith('person:'))).toBe(true);
  });

  it('has a service outside Hearth with a new referral whose notice, with a working link, waits in the outbox', async () => {
    const [outside] = await queryRows<{ users: number; referrals: number; openLinks: number }>(
      handle.database.db,
      sql`select (select count(*)::int from app_user u where u.organisation_id = s.organisation_id) as users,
          (select count(*)::int from referral r where r.service_id = s.id) as referrals,
          (select count(*)::int from referral_link l join referral r on r.id = l.referral_id
            where r.service_id = s.id and l.used_at is null and l.revoked_at is null and l.expires_at > ${demoToday.toISOString()}::timestamptz) as "openLinks"
        from directory_service s where s.referral_email = ${demoOutsideEmail}`,
    );
    expect(outside).toEqual({ users: 0, referrals: 2, openLinks: 2 });
    const emails = await queryRows<{ body: string; sent: boolean }>(
      handle.database.db,
      sql`select body, sent_at is not null as sent from email_outbox where to_address = ${demoOutsideEmail} order by created_at`,
    );
    expect(emails.map((e) => e.sent)).toEqual([false, true, false]);
    const waiting = emails
      .filter((e) => !e.sent)
      .map((e) => /\/referral-link\/([A-Za-z0-9_-]{43})/.exec(e.body)?.[1]);
    const hashes = await queryRows<{ tokenHash: string }>(
      handle.database.db,
      sql`select token_hash as "tokenHash" from referral_link where sent_to = ${demoOutsideEmail}`,
    );
    for (const token of waiting)
      expect(hashes.map((h) => h.tokenHash)).toContain(hashSecret(token as string));
    // The sent one keeps no secret.
    expect(emails.find((e) => e.sent)?.body).toContain('/referral-link/(removed once sent)');
  });
});
