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
