import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInOrder } from './finderSearch.ts';

describe('a page of hits', () => {
  it('is the first of the hits in order, as sorting them all and cutting would give', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 400 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 5001, maxLength: 5001 }),
        fc.integer({ min: 1, max: 450 }),
        (hits, key, count) => {
          // Many equal keys, then the number: a total order, like the finder's.
          const compare = (a: number, b: number) => (key[a] as number) - (key[b] as number) || a - b;
          const expected = [...hits].sort(compare).slice(0, count);
          expect(firstInOrder([...hits], compare, count)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
