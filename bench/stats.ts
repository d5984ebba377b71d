// Pure parts of the load harness: options, percentiles and the results table.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Seconds measured per target. */
  duration: number;
  /** Seconds of load before each measurement, not counted. */
  warmup: number;
  connections: number;
  /** Families seed-bench makes sure the database holds. */
  families: number;
}

const limits: Record<keyof BenchOptions, { env: string; fallback: number; min: number; max: number }> = {
  duration: { env: 'BENCH_DURATION', fallback: 10, min: 1, max: 120 },
  warmup: { env: 'BENCH_WARMUP', fallback: 2, min: 0, max: 30 },
  connections: { env: 'BENCH_CONNECTIONS', fallback: 50, min: 1, max: 1000 },
  families: { env: 'BENCH_FAMILIES', fallback: 10_000, min: 1, max: 1_000_000 },
};

/** Options from `--duration 10`-style arguments, then BENCH_* variables, then defaults; or what is wrong. */
export function parseBenchOptions(
  argv: string[],
  env: Record<string, string | undefined>,
): { ok: true; options: BenchOptions } | { ok: false; message: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.keys(limits).map((k) => [k, { type: 'string' as const }])),
      strict: true,
    }).values;
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const options = {} as BenchOptions;
  for (const [name, limit] of Object.entries(limits) as [
    keyof BenchOptions,
    (typeof limits)[keyof BenchOptions],
  ][]) {
    const raw = (values[name] as string | undefined) ?? env[limit.env];
    if (raw === undefined || raw === '') {
      options[name] = limit.fallback;
      continue;
    }
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || value < limit.min || value > limit.max) {
      return {
        ok: false,
        message: `--${name} (or ${limit.env}) must be a whole number from ${limit.min} to ${limit.max}, got "${raw}"`,
      };
    }
    options[name] = value;
  }
  return { ok: true, options };
}

/** Why DATABASE_URL will not do for the benchmark, or undefined when it will. */
export function benchDatabaseProblem(url: string | undefined): string | undefined {
  const create = 'psql -h 127.0.0.1 -U postgres -c "create database hearth_bench"';
  const example = 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/hearth_bench npm run bench';
  if (!url) {
    return `The benchmark runs against PostgreSQL: set DATABASE_URL to a database for benchmarks.\nFor example:\n  ${create}\n  ${example}`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'DATABASE_URL is not a URL; expected postgres://user@host:5432/database';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return 'DATABASE_URL must be a postgres:// URL';
  }
  if (!decodeURIComponent(parsed.pathname).toLowerCase().includes('bench')) {
    return `The benchmark writes synthetic families into the database, so its name must contain "bench" (like hearth_bench).\n  ${create}\n  ${example}`;
  }
  return undefined;
}

/** The p-th percentile (0–100) of values sorted ascending, by nearest rank; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface TargetResult {
  target: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
}

/** One target's figures from its response times (ms) over `seconds` of load. */
export function summarise(
  target: string,
  latencies: number[],
  seconds: number,
  errors: number,
  non2xx: number,
): TargetResult {
  const sorted = Float64Array.from(latencies).sort();
  return {
    target,
    requestsPerSecond: seconds > 0 ? latencies.length / seconds : 0,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
    non2xx,
  };
}

function fixed(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

/** A Markdown table of the results, with each target's requests/s as a share of the ceiling's. */
export function formatTable(results: TargetResult[], ceiling: TargetResult | undefined): string {
  const header = ['target', 'requests/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non-2xx', 'vs ceiling'];
  const rows = results.map((r) => [
    r.target,
    Math.round(r.requestsPerSecond).toLocaleString('en-GB'),
    fixed(r.p50, 2),
    fixed(r.p95, 2),
    fixed(r.p99, 2),
    String(r.errors),
    String(r.non2xx),
    ceiling && ceiling.requestsPerSecond > 0
      ? `${((100 * r.requestsPerSecond) / ceiling.requestsPerSecond).toFixed(1)}%`
      : '–',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Whether the target for the signed-in home page is met: p95 at most `limitMs`, and no failed requests. */
export function homeTargetMet(home: TargetResult | undefined, limitMs = 25): boolean {
  return home !== undefined && home.p95 <= limitMs && home.errors === 0 && home.non2xx === 0;
}
