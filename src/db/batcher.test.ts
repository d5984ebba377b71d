import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.ts';

describe('Batcher', () => {
  it('shares one run among the callers waiting, and never hands a caller a run begun before it asked', async () => {
    let value = 0;
    const started: number[] = [];
    let finish: (() => void) | undefined;
    const batcher = new Batcher(async () => {
      started.push(value);
      const seen = value;
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      return seen;
    });
    const first = batcher.next();
    // These ask while the first run is under way, after the value has moved on.
    value = 1;
    const second = batcher.next();
    const third = batcher.next();
    finish?.();
    expect(await first).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    finish?.();
    expect(await second).toBe(1);
    expect(await third).toBe(1);
    expect(batcher.runs).toBe(2);
    expect(started).toEqual([0, 1]);
  });

  it('passes a failed run to its callers, and runs again for the next', async () => {
    let fail = true;
    const batcher = new Batcher(async () => {
      if (fail) throw new Error('down');
      return 'up';
    });
    await expect(batcher.next()).rejects.toThrow('down');
    fail = false;
    expect(await batcher.next()).toBe('up');
  });
});
