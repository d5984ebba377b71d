// The referral counts the triggers of migration 0025 keep (the inbox's
// counts by status, the waiting-time histograms) against the same counts
// worked out again from the referrals, after random changes; and the
// waiting-time figures read from the histograms against the same figures
// counted from every referral.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import type { ReferralStatus } from '../../db/schema.ts';
import { seededRandom } from '../../demo/familyGenerator.ts';
import { createArea, createOrganisation } from '../../testing/fixtures.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { addDays } from '../plan/planSchedule.ts';
import { waitDays, waitFlag, waitingStatuses } from '../referrals/referralStatus.ts';
import { recentQuarters } from './quarters.ts';
import { periodFigures, type QuarterFigures, quarterFigures, waitingNow } from './waitingTimesRepository.ts';
import { addReferrals, createService } from './waitingTimesTesting.ts';

const random = seededRandom(2026);
const pickOne = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const statuses: ReferralStatus[] = [
  'new',
  'waiting',
  'accepted',
  'started',
  'declined',
  'closed',
  'withdrawn',
];
const day = 86_400_000;
const now = Date.now();
const today = todayInUk(new Date(now));

describe('referral counts kept by triggers', () => {
  let database: Database;
  let area: { id: string };
  let orgIds: string[];
  let services: { id: string; organisationId: string }[];

  /** The kept rows of this test's organisations, in a fixed order. */
  const snapshot = async () => ({
    status: await queryRows(
      database.db,
      sql`select organisation_id, service_id, urgency, status, n from referral_status_count
        where organisation_id = any(${sql.param(orgIds)}::uuid[]) order by 1, 2, 3, 4`,
    ),
    waits: await queryRows(
      database.db,
      sql`select organisation_id, quarter::text, service_id, kind, days, n from referral_wait_count
        where organisation_id = any(${sql.param(orgIds)}::uuid[]) order by 1, 2, 3, 4, 5`,
    ),
  });
  const ids = async () =>
    (
      await queryRows<{ id: string }>(
        database.db,
        sql`select id from referral where organisation_id = any(${sql.param(orgIds)}::uuid[]) order by id`,
      )
    ).map((r) => r.id);

  beforeAll(async () => {
    database = await testDatabase();
    area = await createArea(database.db);
    const orgs = [
      await createOrganisation(database.db, area.id),
      await createOrganisation(database.db, area.id),
    ];
    orgIds = orgs.map((o) => o.id);
    services = [];
    for (const org of orgs)
      for (const name of ['One', 'Two', 'Three'])
        services.push(await createService(database.db, org.id, name));
    // Referrals sent over the last 15 months, some at UK midnight's edges, in every status.
    for (const service of services) {
      const rows = Array.from({ length: 60 }, () => {
        const sent = now - Math.floor(random() * 450) * day - (random() < 0.2 ? 0.5 * 3_600_000 : 0);
        const status = random() < 0.05 ? 'draft' : pickOne(statuses);
        const started = status === 'started' || (status === 'closed' && random() < 0.6);
        return {
          ...(status === 'draft' ? {} : { sentAt: new Date(sent).toISOString() }),
          status,
          ...(started
            ? { firstSupportOn: todayInUk(new Date(Math.min(now, sent + Math.floor(random() * 70) * day))) }
            : {}),
        };
      });
      await addReferrals(database.db, service, rows);
    }
  });
  afterAll(async () => {
    await database.close();
  });

  it('agree with the counts worked out again after random moves, single and many at once', async () => {
    const all = await ids();
    for (let step = 0; step < 60; step++) {
      const some = all.filter(() => random() < (step % 10 === 0 ? 0.3 : 0.02));
      const id = sql.param(some);
      const move = step % 6;
      if (move === 0)
        await database.db.execute(
          sql`update referral set status = 'started', first_support_on = greatest(first_support_on,
            (sent_at at time zone 'Europe/London')::date + ${Math.floor(random() * 50)}::int)
          where id = any(${id}::uuid[]) and sent_at is not null`,
        );
      if (move === 1)
        await database.db.execute(
          sql`update referral set status = ${pickOne(['waiting', 'accepted', 'closed', 'withdrawn'])},
            first_support_on = null where id = any(${id}::uuid[]) and sent_at is not null`,
        );
      if (move === 2)
        await database.db.execute(
          sql`update referral set urgency = ${pickOne(['routine', 'soon', 'urgent'])},
            service_id = ${pickOne(services).id}::uuid where id = any(${id}::uuid[])`,
        );
      if (move === 3)
        await database.db.execute(
          sql`update referral set sent_at = sent_at - ${`${Math.floor(random() * 100)} days`}::interval where id = any(${id}::uuid[])`,
        );
      if (move === 4)
        await database.db.execute(
          sql`update referral set status = 'declined', decline_reason = 'Outside the area', first_support_on = null
          where id = any(${id}::uuid[]) and sent_at is not null`,
        );
      if (move === 5) {
        await database.db.execute(sql`delete from referral where id = ${some[0] ?? all[0]}::uuid`);
        await database.db.execute(sql`update referral set updated_at = now() where id = any(${id}::uuid[])`);
      }
    }
    // And one move inside a transaction that is rolled back: it leaves no trace in the counts.
    const before = await snapshot();
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`update referral set status = 'closed' where organisation_id = ${orgIds[0]}`);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await snapshot()).toEqual(before);

    const kept = await snapshot();
    expect(kept.waits.length).toBeGreaterThan(50);
    expect(kept.status.every((r) => Number((r as { n: number }).n) > 0)).toBe(true);
    await database.db.execute(sql`select referral_counts_rebuild()`);
    expect(await snapshot()).toEqual(kept);
  });

  it('give the same waiting-time figures as counting every referral, by quarter and service', async () => {
    const starts = recentQuarters(today, 6).map((q) => q.start);
    const scopes = [
      { partnershipAreaId: area.id },
      { organisationId: orgIds[0] as string },
      { organisationId: orgIds[1] as string, serviceId: services[4]?.id },
    ];
    const order = (rows: QuarterFigures[]) =>
      [...rows].sort((a, b) => `${a.quarter}${a.serviceId}`.localeCompare(`${b.quarter}${b.serviceId}`));
    for (const scope of scopes)
      for (const byService of [true, false]) {
        const fromHistogram = await periodFigures(database.db, scope, starts, today, byService, 'histogram');
        const fromScan = await periodFigures(database.db, scope, starts, today, byService, 'scan');
        expect(order(fromHistogram)).toEqual(order(fromScan));
        expect(fromScan.some((r) => r.medianDays !== null && r.longestWaitingDays !== null)).toBe(true);
      }
    // Periods that are not whole quarters: whole quarters from the histograms, the odd days from the referrals.
    const tomorrow = addDays(today, 1);
    const oddPeriods = [
      [starts[3] as string, '2026-02-14'],
      ['2025-08-17', '2026-02-14', '2026-05-01'],
      [starts[5] as string, '2025-12-31', tomorrow],
      ['2025-09-09', tomorrow],
    ];
    const whole = { partnershipAreaId: area.id };
    for (const odd of oddPeriods.map((p) => [...p].sort()))
      for (const byService of [true, false]) {
        const mixed = await quarterFigures(database.db, whole, odd, today, byService);
        const scanned = await periodFigures(database.db, whole, odd, today, byService, 'scan');
        expect(order(mixed)).toEqual(order(scanned));
        expect(mixed.length).toBeGreaterThan(odd.length - 2);
      }
  });

  it('count the referrals waiting now by their flag, as each referral’s own wait gives', async () => {
    // One more waiting in each band (and one well inside three weeks).
    await addReferrals(
      database.db,
      services[1] as { id: string; organisationId: string },
      [3, 16, 25, 38, 50].map((days) => ({
        sentAt: new Date(now - days * day).toISOString(),
        status: 'waiting',
      })),
    );
    const rows = await queryRows<{
      serviceId: string;
      sentOn: string;
      status: ReferralStatus;
      first: string | null;
    }>(
      database.db,
      sql`select service_id as "serviceId", (sent_at at time zone 'Europe/London')::date::text as "sentOn", status,
          first_support_on::text as first
        from referral where organisation_id = any(${sql.param(orgIds)}::uuid[]) and sent_at is not null`,
    );
    const expected = { nearly3Weeks: 0, over3Weeks: 0, nearly6Weeks: 0, over6Weeks: 0 };
    const keys = {
      approaching_3_weeks: 'nearly3Weeks',
      over_3_weeks: 'over3Weeks',
      approaching_6_weeks: 'nearly6Weeks',
      over_6_weeks: 'over6Weeks',
    } as const;
    for (const r of rows) {
      if (r.first !== null || !waitingStatuses.includes(r.status)) continue;
      const flag = waitFlag(waitDays(r.sentOn, null, today));
      if (flag) expected[keys[flag]] += 1;
    }
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
    const figures = await waitingNow(database.db, { partnershipAreaId: area.id }, today, true);
    expect(figures.find((f) => f.serviceId === null)).toEqual({ serviceId: null, ...expected });
    expect(figures.filter((f) => f.serviceId !== null).length).toBeGreaterThan(1);
  });
});
