import { describe, expect, it } from 'vitest';
import {
  benchDatabaseProblem,
  formatTable,
  homeTargetMet,
  parseBenchOptions,
  percentile,
  summarise,
  type TargetResult,
} from './stats.ts';

describe('bench options', () => {
  it('defaults to 50 connections, 10 s, 2 s warm-up and 10,000 families', () => {
    expect(parseBenchOptions([], {})).toEqual({
      ok: true,
      options: { duration: 10, warmup: 2, connections: 50, families: 10_000 },
    });
  });

  it('takes arguments over BENCH_* variables', () => {
    const parsed = parseBenchOptions(['--duration', '3'], { BENCH_DURATION: '20', BENCH_CONNECTIONS: '8' });
    expect(parsed).toMatchObject({ ok: true, options: { duration: 3, connections: 8 } });
  });

  it('refuses values out of bounds or not whole numbers, naming the option', () => {
    for (const argv of [
      ['--duration', '0'],
      ['--duration', '121'],
      ['--connections', '2.5'],
      ['--families', 'lots'],
    ]) {
      const parsed = parseBenchOptions(argv, {});
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(`--${argv[0]?.slice(2)}`);
    }
    expect(parseBenchOptions(['--nonsense', '1'], {}).ok).toBe(false);
  });
});

describe('the benchmark database', () => {
  it('must be set, PostgreSQL, and named for benchmarks', () => {
    expect(benchDatabaseProblem(undefined)).toContain('create database hearth_bench');
    expect(benchDatabaseProblem('mysql://x@127.0.0.1/hearth_bench')).toContain('postgres://');
    expect(benchDatabaseProblem('postgres://postgres@127.0.0.1:5432/hearth')).toContain(
      'must contain "bench"',
    );
    expect(benchDatabaseProblem('postgres://postgres@127.0.0.1:5432/hearth_bench')).toBeUndefined();
  });
});

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2], 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises response times into requests/s and percentiles, whatever their order', () => {
    const latencies = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) / 10 + 0.1);
    const summary = summarise('x', latencies, 2, 1, 3);
    expect(summary).toMatchObject({ target: 'x', requestsPerSecond: 500, errors: 1, non2xx: 3 });
    expect(summary.p50).toBeCloseTo(50, 5);
    expect(summary.p95).toBeCloseTo(95, 5);
    expect(summary.p99).toBeCloseTo(99, 5);
  });
});

describe('the results table', () => {
  const ceiling: TargetResult = {
    target: 'ceiling',
    requestsPerSecond: 20_000,
    p50: 1,
    p95: 2,
    p99: 3,
    errors: 0,
    non2xx: 0,
  };
  const home: TargetResult = { ...ceiling, target: 'GET /', requestsPerSecond: 1_500.4, p95: 24.987 };

  it('is a Markdown table with the share of the ceiling', () => {
    const lines = formatTable([ceiling, home], ceiling).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^\| target +\| requests\/s \| p50 ms \| p95 ms \| p99 ms \| errors \| non-2xx \| vs ceiling \|$/,
    );
    expect(lines[1]).toMatch(/^\| -+ \| -+: \|/);
    expect(lines[2]).toContain('20,000');
    expect(lines[2]).toContain('100.0%');
    expect(lines[3]).toContain('1,500');
    expect(lines[3]).toContain('24.99');
    expect(lines[3]).toContain('7.5%');
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('shows a dash for the share when there is no ceiling', () => {
    expect(formatTable([home], undefined)).toMatch(/– \|$/);
  });

  it('meets the home target only at or under the limit and with no failed requests', () => {
    expect(homeTargetMet(home)).toBe(true);
    expect(homeTargetMet({ ...home, p95: 25.01 })).toBe(false);
    expect(homeTargetMet({ ...home, non2xx: 1 })).toBe(false);
    expect(homeTargetMet(undefined)).toBe(false);
  });
});
