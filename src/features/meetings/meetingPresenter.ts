import { todayInUk } from '../chronology/dateParts.ts';
import { actionStatusNames, memberName } from '../plan/planPresenter.ts';
import type { PlanRecord } from '../plan/planRepository.ts';
import { actionOverdue } from '../plan/planSchedule.ts';
import type { MeetingRow } from './meetingRepository.ts';

/** A meeting as its pages show it: members named only while this user may see them, and the actions it added to the plan. */
export function presentMeeting(meeting: MeetingRow, record: PlanRecord) {
  const names = new Map(record.members.map((m) => [m.personId, memberName(m)]));
  const today = todayInUk(new Date());
  const seen = meeting.membersPresent.map((id) => names.get(id)).filter((n): n is string => Boolean(n));
  return {
    id: meeting.id,
    href: `/practice/families/${record.family.id}/meetings/${meeting.id}`,
    heldOn: meeting.heldOn,
    family: meeting.familyPresent
      ? `Yes: ${seen.length ? seen.join(', ') : 'family members'}${seen.length < meeting.membersPresent.length ? ' and others' : ''}`
      : 'No',
    attended: [
      ...meeting.workers,
      ...meeting.organisations,
      ...(meeting.othersPresent ? [meeting.othersPresent] : []),
    ],
    discussed: meeting.discussed,
    decisions: meeting.decisions,
    recordedBy: meeting.recordedBy,
    editHref: `/practice/families/${record.family.id}/meetings/${meeting.id}/edit`,
    inErrorHref: `/practice/families/${record.family.id}/meetings/${meeting.id}/in-error`,
    inError: meeting.inErrorAt
      ? { at: meeting.inErrorAt, by: meeting.inErrorBy, reason: meeting.inErrorReason }
      : null,
    actions: record.actions
      .filter((a) => a.meetingId === meeting.id)
      .map((a) => ({
        what: a.what,
        who:
          a.ownerKind === 'member'
            ? (names.get(a.ownerPersonId ?? '') ?? 'A family member')
            : (a.ownerName ?? ''),
        dueOn: a.dueOn,
        status: actionStatusNames[a.status],
        overdue: actionOverdue(a, today),
      })),
  };
}
