import { describe, expect, it } from 'vitest';
import { RateLimit } from './rateLimit.ts';

describe('rate limit', () => {
  it('allows the limit in a window, then refuses until the window ends', () => {
    const limit = new RateLimit(3, 60_000);
    expect([1, 2, 3, 4].map(() => limit.allow('a', 1000))).toEqual([true, true, true, false]);
    expect(limit.allow('b', 1000)).toBe(true);
    expect(limit.retryAfter('a', 31_000)).toBe(30);
    expect(limit.allow('a', 60_999)).toBe(false);
    expect(limit.allow('a', 61_000)).toBe(true);
  });

  it('keeps a bounded number of addresses', () => {
    const limit = new RateLimit(1, 60_000, 10);
    for (let i = 0; i < 100; i++) limit.allow(`k${i}`, 0);
    expect(limit.allow('k99', 0)).toBe(false);
    expect((limit as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(10);
  });
});
