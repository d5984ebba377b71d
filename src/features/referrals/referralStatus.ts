// A referral's life: which status can follow which, and who moves it (the
// referring side or the receiving service), with the words each side sees;
// and waiting times against the Scottish standard (90% within 3 weeks,
// nobody over 6 weeks).
import type { ReferralStatus } from '../../db/schema.ts';

export type Side = 'referrer' | 'receiver';

/** The statuses each status can move to, and which side may make the move. */
const moves: Record<ReferralStatus, Partial<Record<ReferralStatus, Side>>> = {
  draft: { new: 'referrer' },
  new: {
    waiting: 'receiver',
    accepted: 'receiver',
    declined: 'receiver',
    redirected: 'receiver',
    withdrawn: 'referrer',
  },
  waiting: { accepted: 'receiver', declined: 'receiver', redirected: 'receiver', withdrawn: 'referrer' },
  accepted: { started: 'receiver', closed: 'receiver', withdrawn: 'referrer' },
  started: { closed: 'receiver' },
  declined: {},
  redirected: {},
  withdrawn: {},
  closed: {},
};

/** Whether `side` may move a referral from one status to the other. */
export function canMove(from: ReferralStatus, to: ReferralStatus, side: Side): boolean {
  return moves[from][to] === side;
}

/** The moves open to a side from a status, in the order they are offered. */
export function movesFrom(from: ReferralStatus, side: Side): ReferralStatus[] {
  return (Object.entries(moves[from]) as [ReferralStatus, Side][])
    .filter(([, who]) => who === side)
    .map(([to]) => to);
}

/** Still open: sent, and not yet declined, redirected, withdrawn or closed. */
export const openStatuses: readonly ReferralStatus[] = ['new', 'waiting', 'accepted', 'started'];

/** Still waiting for support to start. */
export const waitingStatuses: readonly ReferralStatus[] = ['new', 'waiting', 'accepted'];

export const statusLabels: Record<ReferralStatus, string> = {
  draft: 'Draft',
  new: 'New',
  waiting: 'Waiting',
  accepted: 'Accepted',
  started: 'Support started',
  declined: 'Declined',
  redirected: 'Redirected',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
};

/** GOV.UK tag colours for each status. */
export const statusTagClasses: Record<ReferralStatus, string> = {
  draft: 'govuk-tag--grey',
  new: 'govuk-tag--light-blue',
  waiting: 'govuk-tag--yellow',
  accepted: 'govuk-tag--turquoise',
  started: 'govuk-tag--green',
  declined: 'govuk-tag--red',
  redirected: 'govuk-tag--purple',
  withdrawn: 'govuk-tag--grey',
  closed: 'govuk-tag--grey',
};

/** The Scottish standard: support within 21 days, and never more than 42. */
export const standardDays = 21;
export const longestDays = 42;
/** Flagged as approaching a limit this many days before it. */
export const warningDays = 7;

export type WaitFlag = 'approaching_3_weeks' | 'over_3_weeks' | 'approaching_6_weeks' | 'over_6_weeks';

export const waitFlagLabels: Record<WaitFlag, string> = {
  approaching_3_weeks: 'Nearly 3 weeks',
  over_3_weeks: 'Over 3 weeks',
  approaching_6_weeks: 'Nearly 6 weeks',
  over_6_weeks: 'Over 6 weeks',
};

/** Whole days between two ISO dates (yyyy-mm-dd), `to` minus `from`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Days from the referral reaching the service to the first support contact,
 * or, while still waiting, to today.
 */
export function waitDays(receivedOn: string, firstSupportOn: string | null, today: string): number {
  return Math.max(0, daysBetween(receivedOn, firstSupportOn ?? today));
}

/** The flag a wait carries: none well inside 3 weeks; nearly and over 3 weeks; nearly and over 6 weeks. */
export function waitFlag(days: number): WaitFlag | undefined {
  if (days > longestDays) return 'over_6_weeks';
  if (days > longestDays - warningDays) return 'approaching_6_weeks';
  if (days > standardDays) return 'over_3_weeks';
  if (days > standardDays - warningDays) return 'approaching_3_weeks';
  return undefined;
}
