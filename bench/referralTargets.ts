// The referrals' benchmark targets (issue #7): the bench user's referrals
// inbox under load, and the partnership waiting-times page as a partnership
// lead, one request at a time (what one lead waits for) and under load.
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { summarise, type TargetResult } from './stats.ts';

export const inboxTarget = 'GET referrals inbox';
export const waitingOneTarget = 'GET partnership waiting times, one at a time';
export const waitingLoadTarget = 'GET partnership waiting times';
/** The inbox's open tabs in turn: new (the page it opens on), waiting, accepted and started. */
export const inboxPaths = ['new', 'waiting', 'accepted', 'started'].map(
  (s) => `/practice/referrals?status=${s}`,
);
export const waitingPath = '/partnership/waiting-times';
export const inboxP95LimitMs = 30;
export const waitingLimitMs = 500;
/** Requests made one after another for the one-at-a-time figure, after a few not counted. */
export const sequentialRequests = 100;
export const sequentialWarmup = 5;

/** The referrals a page of the inbox lists: one link to each referral in its table. */
export function inboxRowsShown(html: string): number {
  return (
    html.match(
      /<td class="govuk-table__cell"><a class="govuk-link" href="\/practice\/referrals\/[0-9a-f-]{36}">/g,
    )?.length ?? 0
  );
}

/**
 * `count` GET requests one after another (after `warmup` not counted), each timed from
 * sending to the whole body read: the p95 one person waits, with nothing else running.
 */
export async function oneAtATime(
  target: string,
  url: string,
  headers: Record<string, string>,
  count = sequentialRequests,
  warmup = sequentialWarmup,
): Promise<TargetResult> {
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const started = performance.now();
  for (let i = 0; i < warmup + count; i++) {
    const sent = performance.now();
    try {
      const response = await fetch(url, { headers, redirect: 'manual' });
      await response.text();
      if (i < warmup) continue;
      latencies.push(performance.now() - sent);
      if (response.status < 200 || response.status > 299) non2xx += 1;
    } catch {
      if (i >= warmup) errors += 1;
    }
  }
  const summary = summarise(target, latencies, (performance.now() - started) / 1000, errors, non2xx);
  process.stdout.write(`  ${target}: p50 ${summary.p50.toFixed(1)} ms, p95 ${summary.p95.toFixed(1)} ms\n`);
  return summary;
}

/** How many referrals there are, and the bench organisation's open and new ones. */
export async function referralFacts(
  url: string,
  organisationEmail: string,
): Promise<{ referrals: number; open: number; new: number }> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    const [row] = await queryRows<{ referrals: number; open: number; new: number }>(
      database.db,
      sql`select (select coalesce(sum(n), 0)::int from referral_status_count) as referrals,
        coalesce(sum(c.n) filter (where c.status in ('new', 'waiting', 'accepted', 'started')), 0)::int as open,
        coalesce(sum(c.n) filter (where c.status = 'new'), 0)::int as new
      from referral_status_count c
      where c.organisation_id = (select organisation_id from app_user where lower(email) = ${organisationEmail})`,
    );
    return row ?? { referrals: 0, open: 0, new: 0 };
  } finally {
    await database.close();
  }
}
