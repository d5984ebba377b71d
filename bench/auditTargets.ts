// The provision audit's benchmark targets (issue #8): each audit page opened
// by the bench partnership lead, one request at a time (what one lead waits
// for), for the default period (the last 12 months, the whole area).
import { summarise, type TargetResult } from './stats.ts';

export const auditLimitMs = 500;
/** The audit's pages: its contents (with the key figures) and each view, as the contents page links them. */
export const auditPages = [
  { target: 'GET audit contents', path: '/partnership/audit' },
  { target: 'GET audit quantity', path: '/partnership/audit/quantity' },
  { target: 'GET audit reach', path: '/partnership/audit/reach' },
  { target: 'GET audit waiting times', path: '/partnership/audit/waiting-times' },
  { target: 'GET audit quality', path: '/partnership/audit/quality' },
  { target: 'GET audit gaps', path: '/partnership/gaps' },
] as const;

/** Requests per page, after one not counted; the views take seconds each, so few by default. */
export function auditRequests(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.BENCH_AUDIT_REQUESTS ?? 5);
  if (!Number.isInteger(n) || n < 1)
    throw new Error('BENCH_AUDIT_REQUESTS must be a whole number of 1 or more');
  return n;
}

/**
 * Opens one audit page `count` times one after another (after one request not
 * counted, which fills the caches a lead's first visit fills), each timed from
 * sending to the whole body read, and prints its p50 and p95.
 */
export async function auditPageOneAtATime(
  target: string,
  url: string,
  headers: Record<string, string>,
  count: number,
): Promise<TargetResult> {
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let first = 0;
  const started = performance.now();
  for (let i = 0; i < count + 1; i++) {
    const sent = performance.now();
    try {
      const response = await fetch(url, { headers, redirect: 'manual' });
      await response.text();
      const took = performance.now() - sent;
      if (i === 0) {
        first = took;
        continue;
      }
      latencies.push(took);
      if (response.status < 200 || response.status > 299) non2xx += 1;
    } catch {
      if (i > 0) errors += 1;
    }
  }
  const summary = summarise(target, latencies, (performance.now() - started) / 1000, errors, non2xx);
  process.stdout.write(
    `  ${target}: first ${first.toFixed(0)} ms, then p50 ${summary.p50.toFixed(0)} ms, p95 ${summary.p95.toFixed(0)} ms over ${count}\n`,
  );
  return summary;
}

/**
 * The first view of a choice of filters nobody has asked for yet, once per
 * page: the last whole financial year for the whole area, then the same year
 * for one locality of the bench area (a lead filtering to one locality and a
 * year). For information beside the targets: it is what a lead waits for
 * before anything is kept. Prints each.
 */
export async function auditFirstViews(
  baseUrl: string,
  headers: Record<string, string>,
  localityId: string,
  today: string,
): Promise<void> {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const start = (month >= 4 ? year : year - 1) - 1;
  const financialYear = `year=${start}-${String((start + 1) % 100).padStart(2, '0')}`;
  for (const [label, filters] of [
    ['whole area', financialYear],
    ['one locality', `${financialYear}&localityId=${localityId}`],
  ] as const)
    for (const page of auditPages) {
      const sent = performance.now();
      const response = await fetch(`${baseUrl}${page.path}?${filters}`, { headers, redirect: 'manual' });
      await response.text();
      process.stdout.write(
        `  ${page.target}, first view of ${start}-${start + 1}, ${label} (${response.status}): ${(performance.now() - sent).toFixed(0)} ms\n`,
      );
    }
}

/**
 * The audit's pages wanted, each opened one request at a time (the targets),
 * then the first view of a new choice of filters when the area has a locality.
 */
export async function measureAudit(
  baseUrl: string,
  headers: Record<string, string>,
  wanted: (target: string) => boolean,
  localityId: string | undefined,
): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const page of auditPages.filter((p) => wanted(p.target)))
    results.push(await auditPageOneAtATime(page.target, `${baseUrl}${page.path}`, headers, auditRequests()));
  if (localityId) await auditFirstViews(baseUrl, headers, localityId, new Date().toISOString().slice(0, 10));
  return results;
}
