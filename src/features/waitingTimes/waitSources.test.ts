import { describe, expect, it } from 'vitest';
import { nextQuarterStart } from './quarters.ts';
import { waitSources } from './waitSources.ts';

describe('which days the waiting-time histograms answer for', () => {
  it('finds the next quarter’s first day, across a year’s end', () => {
    expect(nextQuarterStart('2026-02-14')).toBe('2026-04-01');
    expect(nextQuarterStart('2026-10-01')).toBe('2027-01-01');
    expect(nextQuarterStart('2026-12-31')).toBe('2027-01-01');
  });

  it('reads whole quarters from the histograms and nothing one by one', () => {
    expect(waitSources(['2026-01-01', '2026-04-01', '2026-07-01'], '2026-12-01')).toEqual({
      histogram: [
        { from: '2026-01-01', until: '2026-04-01' },
        { from: '2026-04-01', until: '2026-07-01' },
        { from: '2026-07-01', until: undefined },
      ],
      scan: [],
    });
  });

  it('counts the last 12 months’ odd month one by one, and the rest to today from the histograms', () => {
    // 2 December 2025 to 1 December 2026, then everything after it.
    expect(waitSources(['2025-12-02', '2026-12-02'], '2026-12-01')).toEqual({
      histogram: [{ from: '2026-01-01', until: '2026-12-02' }],
      scan: [{ from: '2025-12-02', until: '2026-01-01' }],
    });
  });

  it('counts one by one the days of a past period outside whole quarters, at both ends', () => {
    expect(waitSources(['2025-02-14', '2025-11-20'], '2026-12-01')).toEqual({
      histogram: [
        { from: '2025-04-01', until: '2025-10-01' },
        { from: '2026-01-01', until: undefined },
      ],
      scan: [
        { from: '2025-02-14', until: '2025-04-01' },
        { from: '2025-10-01', until: '2025-11-20' },
        { from: '2025-11-20', until: '2026-01-01' },
      ],
    });
  });

  it('counts a period inside one quarter one by one', () => {
    expect(waitSources(['2025-05-03', '2025-06-10'], '2026-12-01')).toEqual({
      histogram: [{ from: '2025-07-01', until: undefined }],
      scan: [
        { from: '2025-05-03', until: '2025-06-10' },
        { from: '2025-06-10', until: '2025-07-01' },
      ],
    });
  });
});
