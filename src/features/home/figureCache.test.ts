import { describe, expect, it } from 'vitest';
import { FigureCache } from './figureCache.ts';

describe('FigureCache', () => {
  it('keeps a figure per key until it is older than the time to live', async () => {
    let now = 1000;
    let calls = 0;
    const cache = new FigureCache<number>(5000, 100, () => now);
    const load = async () => ++calls;
    expect(await cache.get('org-a', load)).toBe(1);
    now += 4999;
    expect(await cache.get('org-a', load)).toBe(1);
    expect(await cache.get('org-b', load)).toBe(2);
    now += 1;
    expect(await cache.get('org-a', load)).toBe(3);
  });

  it('shares one query between callers asking at the same time', async () => {
    let calls = 0;
    let release: (n: number) => void = () => {};
    const cache = new FigureCache<number>(5000);
    const load = () => {
      calls++;
      return new Promise<number>((resolve) => {
        release = resolve;
      });
    };
    const both = Promise.all([cache.get('org', load), cache.get('org', load)]);
    release(42);
    expect(await both).toEqual([42, 42]);
    expect(calls).toBe(1);
  });

  it('does not keep a failure', async () => {
    const cache = new FigureCache<number>(5000);
    await expect(cache.get('org', () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    expect(await cache.get('org', async () => 7)).toBe(7);
  });

  it('stays within its size', async () => {
    let now = 0;
    const cache = new FigureCache<number>(10, 2, () => now);
    await cache.get('a', async () => 1);
    await cache.get('b', async () => 2);
    now = 5;
    expect(await cache.get('c', async () => 3)).toBe(3);
    expect(await cache.get('c', async () => 99)).toBe(3);
  });
});
