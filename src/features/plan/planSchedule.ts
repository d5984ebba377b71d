import type { ActionStatus } from '../../db/schema.ts';

/** How often a plan is reviewed unless the team sets another interval. */
export const defaultReviewWeeks = 12;

/** An ISO date moved on by whole days (negative to go back). */
export function addDays(iso: string, days: number): string {
  const time = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** An ISO date moved on by whole weeks. */
export function addWeeks(iso: string, weeks: number): string {
  return addDays(iso, weeks * 7);
}

/** Whole days from one ISO date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Actions still to be done; done and no-longer-needed actions are never overdue. */
export const openActionStatuses: readonly ActionStatus[] = ['not_started', 'in_progress'];

/** An action is overdue from the day after its date while it is still to be done. */
export function actionOverdue(action: { dueOn: string; status: ActionStatus }, today: string): boolean {
  return openActionStatuses.includes(action.status) && action.dueOn < today;
}

/** A review is overdue from the day after the date it was due. */
export function reviewOverdue(nextReviewOn: string | null, today: string): boolean {
  return nextReviewOn !== null && nextReviewOn < today;
}

/**
 * When the next review falls: the team's interval after the later of the
 * agreement and the last review. Undefined until the plan is agreed.
 */
export function nextReviewDue(
  plan: { agreedOn: string | null; reviewEveryWeeks: number },
  lastReviewOn: string | null,
): string | undefined {
  if (!plan.agreedOn) return undefined;
  const from = lastReviewOn && lastReviewOn > plan.agreedOn ? lastReviewOn : plan.agreedOn;
  return addWeeks(from, plan.reviewEveryWeeks);
}

/** "3 days", "1 day": how long something has been overdue, in plain words. */
export function overdueFor(dueOn: string, today: string): string {
  const days = daysBetween(dueOn, today);
  if (days >= 14) {
    const weeks = Math.floor(days / 7);
    return `${weeks} weeks`;
  }
  return days === 1 ? '1 day' : `${days} days`;
}
