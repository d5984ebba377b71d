import { describe, expect, it } from 'vitest';
import { LinkGuard } from './linkGuard.ts';

describe('the secure links’ guard against guessing', () => {
  it('blocks an address after its wrong tokens for the window, and only that address, until the window ends', () => {
    const guard = new LinkGuard(3, 60_000);
    const t = 1_000_000;
    expect(guard.blocked('a', t)).toBe(false);
    guard.miss('a', t);
    guard.miss('a', t + 1);
    expect(guard.blocked('a', t + 2)).toBe(false);
    guard.miss('a', t + 2);
    expect(guard.blocked('a', t + 3)).toBe(true);
    expect(guard.blocked('b', t + 3)).toBe(false);
    expect(guard.retryAfter('a', t + 30_000)).toBe(30);
    expect(guard.blocked('a', t + 60_000)).toBe(false);
    guard.miss('a', t + 60_001);
    expect(guard.blocked('a', t + 60_002)).toBe(false);
  });

  it('keeps at most its number of addresses, forgetting finished windows first', () => {
    const guard = new LinkGuard(1, 1000, 2);
    guard.miss('a', 0);
    guard.miss('b', 500);
    guard.miss('c', 1200);
    expect(guard.blocked('a', 1300)).toBe(false);
    expect(guard.blocked('b', 1300)).toBe(true);
    expect(guard.blocked('c', 1300)).toBe(true);
  });
});
