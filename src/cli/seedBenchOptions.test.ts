import { describe, expect, it } from 'vitest';
import { parseSeedBenchOptions } from './seedBenchOptions.ts';

describe('seed-bench options', () => {
  it('needs --families', () => {
    const parsed = parseSeedBenchOptions({});
    expect(parsed).toEqual({ ok: false, message: expect.stringContaining('--families is needed') });
  });

  it('takes 1 to 1,000,000 families, written plainly or with separators, and seed 1 by default', () => {
    expect(parseSeedBenchOptions({ families: '1' })).toEqual({
      ok: true,
      options: { families: 1, seed: 1, services: 5000, referrals: 0 },
    });
    expect(parseSeedBenchOptions({ families: '100_000', seed: '42' })).toEqual({
      ok: true,
      options: { families: 100_000, seed: 42, services: 5000, referrals: 0 },
    });
    expect(parseSeedBenchOptions({ families: '1,000,000' })).toMatchObject({
      options: { families: 1_000_000 },
    });
  });

  it('refuses anything else with a message naming the option and the range', () => {
    for (const families of ['0', '1000001', '-5', '2.5', 'ten', '1e5']) {
      const parsed = parseSeedBenchOptions({ families });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok)
        expect(parsed.message).toBe(
          `--families must be a whole number from 1 to 1,000,000, got "${families}"`,
        );
    }
    for (const seed of ['-1', '4294967296', 'abc']) {
      const parsed = parseSeedBenchOptions({ families: '10', seed });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain('--seed must be a whole number');
    }
  });

  it('tops the directory up to 5,000 listings unless told otherwise, up to 100,000', () => {
    expect(parseSeedBenchOptions({ families: '10', services: '0' })).toMatchObject({
      options: { services: 0 },
    });
    expect(parseSeedBenchOptions({ families: '10', services: '20,000' })).toMatchObject({
      options: { services: 20_000 },
    });
    for (const services of ['100001', '-1', 'many']) {
      const parsed = parseSeedBenchOptions({ families: '10', services });
      expect(parsed).toEqual({
        ok: false,
        message: expect.stringContaining('--services must be a whole number'),
      });
    }
  });

  it('adds no referrals unless asked, and tops them up to as many as 2,000,000', () => {
    expect(parseSeedBenchOptions({ families: '10', referrals: '1,000,000' })).toMatchObject({
      options: { referrals: 1_000_000 },
    });
    expect(parseSeedBenchOptions({ families: '10', referrals: '0' })).toMatchObject({
      options: { referrals: 0 },
    });
    for (const referrals of ['2000001', '-3', 'lots', '1.5']) {
      expect(parseSeedBenchOptions({ families: '10', referrals })).toEqual({
        ok: false,
        message: `--referrals must be a whole number from 0 to 2,000,000, got "${referrals}"`,
      });
    }
  });
});
