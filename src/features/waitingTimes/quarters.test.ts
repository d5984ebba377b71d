import { describe, expect, it } from 'vitest';
import { quarterOf, recentQuarters } from './quarters.ts';

describe('quarters', () => {
  it('puts each day in its calendar quarter, at both edges', () => {
    expect(quarterOf('2026-01-01')).toEqual({ start: '2026-01-01', label: 'January to March 2026' });
    expect(quarterOf('2026-03-31').start).toBe('2026-01-01');
    expect(quarterOf('2026-04-01')).toEqual({ start: '2026-04-01', label: 'April to June 2026' });
    expect(quarterOf('2026-09-30').label).toBe('July to September 2026');
    expect(quarterOf('2026-12-31')).toEqual({ start: '2026-10-01', label: 'October to December 2026' });
  });

  it('counts back over the turn of a year, newest first', () => {
    expect(recentQuarters('2026-02-14', 4).map((q) => q.start)).toEqual([
      '2026-01-01',
      '2025-10-01',
      '2025-07-01',
      '2025-04-01',
    ]);
    expect(recentQuarters('2026-12-02', 2).map((q) => q.label)).toEqual([
      'October to December 2026',
      'July to September 2026',
    ]);
  });
});
