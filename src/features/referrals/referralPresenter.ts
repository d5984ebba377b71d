// Referrals as the pages show them: status tags, days waiting and their
// flags, where a referral came from, and the history in words.
import type { ReferralOrigin, ReferralStatus } from '../../db/schema.ts';
import { formatDay } from '../programmes/programmePresenter.ts';
import { urgencyLabels } from './referralForm.ts';
import type { MemberOutcomeRow, ReferralEventRow, ReferralListRow } from './referralRepository.ts';
import {
  statusLabels,
  statusTagClasses,
  type WaitFlag,
  waitDays,
  waitFlag,
  waitFlagLabels,
  waitingStatuses,
} from './referralStatus.ts';

export const originLabels: Record<ReferralOrigin, string> = {
  practitioner: 'Referral',
  api: 'From another system',
  self_referral: 'Self-referral',
  redirect: 'Passed on',
};

export const waitFlagClasses: Record<WaitFlag, string> = {
  approaching_3_weeks: 'govuk-tag--yellow',
  over_3_weeks: 'govuk-tag--orange',
  approaching_6_weeks: 'govuk-tag--orange',
  over_6_weeks: 'govuk-tag--red',
};

/** "1 member", "2 members". */
export function membersWord(n: number): string {
  return `${n} ${n === 1 ? 'member' : 'members'}`;
}

export function referralHref(id: string): string {
  return `/practice/referrals/${id}`;
}

export function statusTag(status: ReferralStatus) {
  return { text: statusLabels[status], classes: statusTagClasses[status] };
}

/** Days from received to first support, or so far while waiting, and the flag that wait carries. */
export function presentWait(
  row: { status: ReferralStatus; receivedOn: string | null; firstSupportOn: string | null },
  today: string,
) {
  if (!row.receivedOn) return undefined;
  const stillWaiting = waitingStatuses.includes(row.status);
  if (!stillWaiting && !row.firstSupportOn) return undefined;
  const days = waitDays(row.receivedOn, row.firstSupportOn, today);
  const flag = waitFlag(days);
  return {
    days,
    text: `${days} ${days === 1 ? 'day' : 'days'}${stillWaiting ? ' so far' : ''}`,
    flag: flag && stillWaiting ? { text: waitFlagLabels[flag], classes: waitFlagClasses[flag] } : undefined,
  };
}

export function presentListRow(row: ReferralListRow, today: string) {
  return {
    id: row.id,
    href: referralHref(row.id),
    reference: row.reference,
    service: row.serviceName,
    organisation: row.organisationName ?? '',
    origin: originLabels[row.origin],
    selfReferral: row.origin === 'self_referral',
    urgency: urgencyLabels[row.urgency],
    urgent: row.urgency === 'urgent',
    received: row.receivedOn ? formatDay(row.receivedOn) : 'Not sent (draft)',
    status: statusTag(row.status),
    wait: presentWait(row, today),
    passedOnFrom: row.redirectedFromReference ?? undefined,
    decidedApart: [
      row.passedOn ? `${membersWord(row.passedOn)} passed on` : '',
      row.declinedFor ? `Declined for ${membersWord(row.declinedFor)}` : '',
    ].filter(Boolean),
  };
}

/** Members decided apart from the rest of their referral, in words, with the referral they were passed on in. */
export function presentOutcomes(rows: MemberOutcomeRow[]) {
  return rows.map((o) => ({
    name: o.name ?? 'A family member you cannot see',
    what: o.outcome === 'passed_on' ? `Passed on to ${o.passedToService ?? 'another service'}` : 'Declined',
    passedTo:
      o.passedToId && o.passedToReference && o.passedToStatus
        ? {
            href: referralHref(o.passedToId),
            reference: o.passedToReference,
            status: statusTag(o.passedToStatus),
          }
        : undefined,
    reason: o.reason,
    suggestion: o.suggestion,
  }));
}

export function presentEvents(events: ReferralEventRow[]) {
  return events.map((e) => ({
    at: e.at,
    what:
      e.fromStatus === e.toStatus
        ? 'Decided for some members'
        : e.fromStatus
          ? `${statusLabels[e.fromStatus]} to ${statusLabels[e.toStatus]}`
          : statusLabels[e.toStatus],
    who: e.actorName
      ? `${e.actorName}${e.actorOrganisation ? `, ${e.actorOrganisation}` : ''}`
      : e.byLink
        ? 'The service, through its secure link'
        : 'Hearth',
    note: e.note,
  }));
}

/** The words on each move's button and page. */
export const moveLabels: Partial<Record<ReferralStatus, { button: string; heading: string; path: string }>> =
  {
    new: { button: 'Send the referral', heading: 'Send the referral', path: 'send' },
    waiting: {
      button: 'Put on the waiting list',
      heading: 'Put the referral on the waiting list',
      path: 'waiting',
    },
    accepted: { button: 'Accept', heading: 'Accept the referral', path: 'accept' },
    declined: { button: 'Decline', heading: 'Decline the referral', path: 'decline' },
    redirected: { button: 'Pass on to another service', heading: 'Pass the referral on', path: 'redirect' },
    started: {
      button: 'Record that support started',
      heading: 'Record that support started',
      path: 'started',
    },
    closed: { button: 'Close', heading: 'Close the referral', path: 'close' },
    withdrawn: { button: 'Withdraw', heading: 'Withdraw the referral', path: 'withdraw' },
  };

/** The status a move's path leads to. */
export function moveByPath(path: string): ReferralStatus | undefined {
  return (Object.entries(moveLabels) as [ReferralStatus, { path: string }][]).find(
    ([, m]) => m.path === path,
  )?.[0];
}
