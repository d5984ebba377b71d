import { describe, expect, it } from 'vitest';
import { gapPeriod, gapPeriods } from './gapPeriods.ts';

describe('the gap page’s periods', () => {
  it('offers the last 12 months and the last three years from April to March', () => {
    expect(gapPeriods('2026-12-02').map((p) => [p.value, p.from, p.to])).toEqual([
      ['last-12-months', '2025-12-03', '2026-12-02'],
      ['fy-2026', '2026-04-01', '2027-03-31'],
      ['fy-2025', '2025-04-01', '2026-03-31'],
      ['fy-2024', '2024-04-01', '2025-03-31'],
    ]);
    // Before April, the reporting year began the April before.
    expect(gapPeriods('2027-03-31')[1]?.value).toBe('fy-2026');
    expect(gapPeriods('2027-04-01')[1]?.value).toBe('fy-2027');
    // The day after the same day last year, across a leap day.
    expect(gapPeriods('2028-02-29')[0]?.from).toBe('2027-03-01');
  });

  it('takes the period asked for, or the last 12 months', () => {
    expect(gapPeriod('fy-2025', '2026-12-02').text).toBe('April 2025 to March 2026');
    expect(gapPeriod('fy-1999', '2026-12-02').value).toBe('last-12-months');
    expect(gapPeriod(undefined, '2026-12-02').value).toBe('last-12-months');
  });
});
