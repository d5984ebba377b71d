import { describe, expect, it } from 'vitest';
import {
  actionOverdue,
  addWeeks,
  daysBetween,
  nextReviewDue,
  overdueFor,
  reviewOverdue,
} from './planSchedule.ts';

describe('plan schedules', () => {
  it('sets the next review from the later of the agreement and the last review', () => {
    expect(nextReviewDue({ agreedOn: null, reviewEveryWeeks: 12 }, null)).toBeUndefined();
    expect(nextReviewDue({ agreedOn: '2026-01-05', reviewEveryWeeks: 12 }, null)).toBe('2026-03-30');
    expect(nextReviewDue({ agreedOn: '2026-01-05', reviewEveryWeeks: 8 }, '2026-03-02')).toBe('2026-04-27');
    expect(nextReviewDue({ agreedOn: '2026-03-10', reviewEveryWeeks: 4 }, '2026-03-02')).toBe('2026-04-07');
  });

  it('counts weeks and days across a change of the clocks and a leap day', () => {
    expect(addWeeks('2026-03-23', 1)).toBe('2026-03-30');
    expect(addWeeks('2028-02-24', 1)).toBe('2028-03-02');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('makes an action overdue from the day after its date while it is still to be done', () => {
    const today = '2026-06-10';
    expect(actionOverdue({ dueOn: '2026-06-10', status: 'not_started' }, today)).toBe(false);
    expect(actionOverdue({ dueOn: '2026-06-09', status: 'not_started' }, today)).toBe(true);
    expect(actionOverdue({ dueOn: '2026-06-09', status: 'in_progress' }, today)).toBe(true);
    expect(actionOverdue({ dueOn: '2026-06-09', status: 'done' }, today)).toBe(false);
    expect(actionOverdue({ dueOn: '2026-06-09', status: 'no_longer_needed' }, today)).toBe(false);
  });

  it('makes a review overdue from the day after it was due', () => {
    expect(reviewOverdue(null, '2026-06-10')).toBe(false);
    expect(reviewOverdue('2026-06-10', '2026-06-10')).toBe(false);
    expect(reviewOverdue('2026-06-09', '2026-06-10')).toBe(true);
  });

  it('says how long something is overdue in plain words', () => {
    expect(overdueFor('2026-06-09', '2026-06-10')).toBe('1 day');
    expect(overdueFor('2026-06-01', '2026-06-10')).toBe('9 days');
    expect(overdueFor('2026-05-20', '2026-06-10')).toBe('3 weeks');
  });
});
