import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { showCount, showCounts } from './smallNumbers.ts';

describe('small-number suppression', () => {
  it('hides 1 to 9 and shows 0 and 10 or more', () => {
    expect(showCount(0).text).toBe('0');
    expect(showCount(1).text).toBe('fewer than 10');
    expect(showCount(9).text).toBe('fewer than 10');
    expect(showCount(10).text).toBe('10');
    expect(showCount(1234).text).toBe('1,234');
  });

  it('follows a configured threshold', () => {
    expect(showCount(4, 5).text).toBe('fewer than 5');
    expect(showCount(5, 5).text).toBe('5');
  });

  it('hides a second cell when only one is small, so the total does not give it away', () => {
    const { cells, total } = showCounts([34, 22, 7]);
    expect(cells.map((c) => c.text)).toEqual(['34', 'not shown', 'fewer than 10']);
    expect(total.text).toBe('63');
  });

  it('never lets a hidden cell be worked out from the shown cells and total', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 8 }), (values) => {
        const { cells, total } = showCounts(values);
        const hidden = cells.filter((c) => c.suppressed).length;
        // Every small non-zero value is hidden.
        values.forEach((n, i) => {
          if (n > 0 && n < 10) expect(cells[i]?.suppressed).toBe(true);
        });
        // With a total shown, exactly one hidden cell would be recoverable by subtraction.
        if (!total.suppressed) expect(hidden).not.toBe(1);
      }),
    );
  });
});
