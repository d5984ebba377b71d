import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { createArea, createOrganisation } from '../../testing/fixtures.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { waitFlag } from '../referrals/referralStatus.ts';
import { recentQuarters } from './quarters.ts';
import { presentPartnershipQuarters, presentQuarters, type ServiceName } from './waitingTimesPresenter.ts';
import { longWaits, quarterFigures, serviceNames, waitingNow } from './waitingTimesRepository.ts';
import { addReferrals, createService, many } from './waitingTimesTesting.ts';

// Every answer below is worked out by hand from the rows, for today = Wednesday 2 December 2026.
const today = '2026-12-02';
const quarters = recentQuarters(today);
const starts = quarters.map((q) => q.start);

describe('waiting times', () => {
  let database: Database;
  let org: { id: string };
  let serviceA: { id: string; organisationId: string };
  beforeAll(async () => {
    database = await testDatabase();
    const area = await createArea(database.db);
    org = await createOrganisation(database.db, area.id);
    serviceA = await createService(database.db, org.id, 'Family support');
    const serviceB = await createService(database.db, org.id, 'Young carers');
    await addReferrals(database.db, serviceA, [
      // October to December. 23:30 on 30 September UTC is 00:30 on 1 October in the UK: this quarter.
      { sentAt: '2026-09-30T23:30:00Z', status: 'started', firstSupportOn: '2026-10-22' }, // 21 days: within
      { sentAt: '2026-10-01T10:00:00Z', status: 'started', firstSupportOn: '2026-10-23' }, // 22 days: not
      { sentAt: '2026-10-05T10:00:00Z', status: 'started', firstSupportOn: '2026-10-15' }, // 10 days
      { sentAt: '2026-10-10T10:00:00Z', status: 'closed', firstSupportOn: '2026-11-30' }, // 51 days: over 6
      { sentAt: '2026-10-20T09:00:00Z', status: 'waiting' }, // 43 so far: over 6 weeks
      { sentAt: '2026-11-15T09:00:00Z', status: 'new' }, // 17: nearly 3 weeks
      { sentAt: '2026-11-10T09:00:00Z', status: 'declined' }, // received, no wait
      { sentAt: '2026-11-20T09:00:00Z', status: 'accepted' }, // 12: no flag
      { sentAt: '2026-11-06T09:00:00Z', status: 'waiting' }, // 26: over 3 weeks
      { sentAt: '2026-10-24T09:00:00Z', status: 'new' }, // 39: nearly 6 weeks
      // July to September. 22:30 UTC on 30 September is still 30 September in the UK.
      { sentAt: '2026-09-30T22:30:00Z', status: 'started', firstSupportOn: '2026-10-03' }, // 3 days
      { sentAt: '2026-08-01T09:00:00Z', status: 'started', firstSupportOn: '2026-08-15' }, // 14 days
      { sentAt: '2026-07-01T09:00:00Z', status: 'started', firstSupportOn: '2026-08-20' }, // 50 days
      { sentAt: '2026-09-01T09:00:00Z', status: 'waiting' }, // 92 so far
      // Not counted: a draft, and a closed referral from before the quarters shown.
      { status: 'draft' },
      { sentAt: '2025-06-01T09:00:00Z', status: 'closed' },
    ]);
    await addReferrals(database.db, serviceB, [
      { sentAt: '2026-10-02T09:00:00Z', status: 'started', firstSupportOn: '2026-10-04' }, // 2 days
    ]);
    // Another organisation's referral, never counted here.
    const other = await createOrganisation(database.db, area.id);
    await addReferrals(database.db, await createService(database.db, other.id, 'Elsewhere'), [
      { sentAt: '2026-10-02T09:00:00Z', status: 'waiting' },
    ]);
  });
  afterAll(async () => {
    await database.close();
  });

  it('counts one service by quarter: the 21-day edge, UK dates at quarter ends, an even median', async () => {
    const figures = await quarterFigures(
      database.db,
      { organisationId: org.id, serviceId: serviceA.id },
      starts,
      today,
    );
    const [q4, q3, q2, q1] = presentQuarters(quarters, figures);
    expect(q4).toEqual({
      label: 'October to December 2026',
      received: 10,
      started: 4,
      within3Weeks: { text: '50%', meets: false },
      over6Weeks: 2,
      median: '21.5 days',
      longestWaiting: '43 days',
    });
    // 2 of 3 within 3 weeks is 66.6%, not rounded up; the median of 3, 14 and 50 is 14.
    expect(q3).toMatchObject({
      received: 4,
      started: 3,
      over6Weeks: 2,
      median: '14 days',
      longestWaiting: '92 days',
    });
    expect(q3?.within3Weeks).toEqual({ text: '66.6%', meets: false });
    expect(q2).toMatchObject({ label: 'April to June 2026', received: 0, median: 'None started' });
    expect(q1?.longestWaiting).toBe('Nobody waiting');
  });

  it('counts all the organisation’s services together, an odd median', async () => {
    const [q4] = presentQuarters(
      quarters,
      await quarterFigures(database.db, { organisationId: org.id }, starts, today),
    );
    // Adds the young carers referral (2 days): waits 2, 10, 21, 22, 51.
    expect(q4).toMatchObject({ received: 11, started: 5, median: '21 days' });
    expect(q4?.within3Weeks).toEqual({ text: '60%', meets: false });
  });

  it('counts referrals waiting now by their flag, and the team lead’s summary', async () => {
    const [now] = await waitingNow(database.db, { organisationId: org.id, serviceId: serviceA.id }, today);
    expect(now).toMatchObject({ nearly3Weeks: 1, over3Weeks: 1, nearly6Weeks: 1, over6Weeks: 2 });
    // Over 3 weeks: 26, 39, 43 and 92 days; over 6 weeks: 43 and 92.
    expect(await longWaits(database.db, org.id, today)).toEqual({ over3Weeks: 4, over6Weeks: 2 });
  });

  it('bands waits in SQL exactly as waitFlag does, day by day', async () => {
    const area = await createArea(database.db);
    const alone = await createOrganisation(database.db, area.id);
    const service = await createService(database.db, alone.id, 'Day by day');
    const days = Array.from({ length: 61 }, (_, d) => d);
    await addReferrals(
      database.db,
      service,
      days.map((d) => ({
        sentAt: new Date(Date.parse(`${today}T12:00:00Z`) - d * 86_400_000).toISOString(),
        status: 'new',
      })),
    );
    const expected = { approaching_3_weeks: 0, over_3_weeks: 0, approaching_6_weeks: 0, over_6_weeks: 0 };
    for (const d of days) {
      const flag = waitFlag(d);
      if (flag) expected[flag] += 1;
    }
    const [now] = await waitingNow(database.db, { organisationId: alone.id }, today);
    expect(now).toMatchObject({
      nearly3Weeks: expected.approaching_3_weeks,
      over3Weeks: expected.over_3_weeks,
      nearly6Weeks: expected.approaching_6_weeks,
      over6Weeks: expected.over_6_weeks,
    });
    expect(expected).toEqual({
      approaching_3_weeks: 7,
      over_3_weeks: 14,
      approaching_6_weeks: 7,
      over_6_weeks: 18,
    });
  });

  it('shows the partnership by service with small numbers hidden, twice where one would give another away', async () => {
    const area = await createArea(database.db);
    const member = await createOrganisation(database.db, area.id);
    const p1 = await createService(database.db, member.id, 'P1 Big service');
    const p2 = await createService(database.db, member.id, 'P2 Small service');
    const p3 = await createService(database.db, member.id, 'P3 New service');
    await addReferrals(
      database.db,
      p1,
      many(12, { sentAt: '2026-10-05T09:00:00Z', status: 'started', firstSupportOn: '2026-10-10' }),
    );
    await addReferrals(
      database.db,
      p2,
      many(3, { sentAt: '2026-10-05T09:00:00Z', status: 'started', firstSupportOn: '2026-11-04' }),
    );
    await addReferrals(database.db, p3, many(11, { sentAt: '2026-11-30T09:00:00Z', status: 'new' }));
    const figures = await quarterFigures(database.db, { partnershipAreaId: area.id }, starts, today, true);
    const names = new Map<string, ServiceName>(
      (await serviceNames(database.db, [p1.id, p2.id, p3.id])).map((s) => [s.id, s]),
    );
    const [q4, q3] = presentPartnershipQuarters(quarters, figures, names, 10);
    expect(
      q4?.services.map((s) => [s.service, s.received, s.started, s.within3Weeks.text, s.median]),
    ).toEqual([
      // Received 12, 3, 11: the 3 is hidden, and so is the next smallest (11), or 26 − 12 would give it away.
      // Started 12, 3, 0: the 3 is hidden and so is the 12; the percentage and median go with them.
      ['P1 Big service', '12', 'not shown', 'not shown', 'not shown'],
      ['P2 Small service', 'fewer than 10', 'fewer than 10', 'not shown', 'not shown'],
      ['P3 New service', 'not shown', '0', 'None started', 'None started'],
    ]);
    expect(q4?.services[2]?.longestWaiting).toBe('2 days');
    // The whole area: 26 received, 15 started, 12 of them within 3 weeks (80%); waits 5 (×12) and 30 (×3): median 5.
    expect(q4?.total).toMatchObject({ received: '26', started: '15', median: '5 days', over6Weeks: '0' });
    expect(q4?.total.within3Weeks).toEqual({ text: '80%', meets: false });
    expect(q3).toMatchObject({ services: [], total: { received: '0', started: '0' } });
  });

  it('gives the same median as percentile_cont over the rows themselves, odd and even', async () => {
    const area = await createArea(database.db);
    const alone = await createOrganisation(database.db, area.id);
    for (const size of [37, 38]) {
      const service = await createService(database.db, alone.id, `Median ${size}`);
      const rows = Array.from({ length: size }, (_, i) => {
        const wait = (i * 7919) % 61; // spread, with repeats
        const sent = Date.parse('2026-10-03T10:00:00Z');
        return {
          sentAt: new Date(sent).toISOString(),
          status: 'started' as const,
          firstSupportOn: new Date(sent + wait * 86_400_000).toISOString().slice(0, 10),
        };
      });
      await addReferrals(database.db, service, rows);
      const [direct] = await queryRows<{ median: number }>(
        database.db,
        sql`select (percentile_cont(0.5) within group (order by first_support_on - (sent_at at time zone 'Europe/London')::date))::float8 as median
        from referral where service_id = ${service.id}`,
      );
      const [figures] = await quarterFigures(
        database.db,
        { organisationId: alone.id, serviceId: service.id },
        starts,
        today,
      );
      expect(figures?.medianDays).toBe(direct?.median);
    }
  });
});
