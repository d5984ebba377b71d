import { describe, expect, it } from 'vitest';
import { referralStatuses } from '../../db/schema.ts';
import { canMove, movesFrom, statusLabels, waitDays, waitFlag } from './referralStatus.ts';

describe('a referral’s status', () => {
  it('moves only forward, each move made by one side', () => {
    expect(canMove('draft', 'new', 'referrer')).toBe(true);
    expect(canMove('draft', 'new', 'receiver')).toBe(false);
    expect(movesFrom('new', 'receiver')).toEqual(['waiting', 'accepted', 'declined', 'redirected']);
    expect(movesFrom('new', 'referrer')).toEqual(['withdrawn']);
    expect(movesFrom('accepted', 'receiver')).toEqual(['started', 'closed']);
    expect(canMove('started', 'accepted', 'receiver')).toBe(false);
    for (const final of ['declined', 'redirected', 'withdrawn', 'closed'] as const) {
      expect([...movesFrom(final, 'receiver'), ...movesFrom(final, 'referrer')]).toEqual([]);
    }
    expect(Object.keys(statusLabels).sort()).toEqual([...referralStatuses].sort());
  });
});

describe('waiting times', () => {
  it('counts days from receipt to first support, or to today while waiting', () => {
    expect(waitDays('2026-11-01', '2026-11-22', '2026-12-01')).toBe(21);
    expect(waitDays('2026-11-01', null, '2026-12-01')).toBe(30);
    // Across the change from summer time: still whole days.
    expect(waitDays('2026-10-20', '2026-10-27', '2026-12-01')).toBe(7);
    expect(waitDays('2026-12-02', null, '2026-12-01')).toBe(0);
  });

  it('flags waits nearing and past 3 and 6 weeks', () => {
    expect([13, 14, 15, 21, 22, 35, 36, 42, 43].map(waitFlag)).toEqual([
      undefined,
      undefined,
      'approaching_3_weeks',
      'approaching_3_weeks',
      'over_3_weeks',
      'over_3_weeks',
      'approaching_6_weeks',
      'approaching_6_weeks',
      'over_6_weeks',
    ]);
  });
});
