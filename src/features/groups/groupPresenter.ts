import type { AttendanceMode, FacilitatorKind, GroupKind } from '../../db/schemaSupport.ts';
import { memberName } from '../plan/planPresenter.ts';
import { facilitatorRows, type GroupForm, notAUser } from './groupForm.ts';
import type { GroupRow } from './groupRepository.ts';
import type { SessionForm } from './sessionForm.ts';
import type {
  FamilyAttendanceRow,
  RegisterMember,
  SessionRecord,
  SessionSummary,
} from './sessionRepository.ts';

export const groupKindNames: Record<GroupKind, string> = {
  family_support: 'Family support group',
  young_people: 'Young people’s group',
  programme: 'Programme group',
  mutual_aid: 'Mutual aid',
};

export const attendanceNames: Record<AttendanceMode, string> = {
  named: 'Members linked to their family record only',
  first_name: 'Members linked to their family record, or first names only',
  anonymous: 'Members linked to their family record, first names, or a count of people not named',
};

export const facilitatorKindNames: Record<FacilitatorKind, string> = {
  paid: 'Paid worker',
  volunteer: 'Volunteer',
  peer: 'Peer',
};

export const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A group as its list and page show it. */
export function presentGroup(group: GroupRow) {
  return {
    id: group.id,
    href: `/practice/groups/${group.id}`,
    name: group.name,
    kind: group.programmeName
      ? `${groupKindNames[group.kind]}: ${group.programmeName}`
      : groupKindNames[group.kind],
    forWhom: group.forWhom,
    location: group.location,
    meets: group.meets,
    weekday: group.weekday ? weekdayNames[group.weekday - 1] : 'Not weekly, or it varies',
    capacity: group.capacity === null ? 'No limit set' : String(group.capacity),
    attendance: attendanceNames[group.attendance],
    facilitators: group.facilitators.map((f) => `${f.name} (${facilitatorKindNames[f.kind].toLowerCase()})`),
    sessions: plural(group.sessions, 'session', 'sessions'),
    lastHeldOn: group.lastHeldOn,
    active: group.active,
  };
}

export function presentSessionSummary(groupId: string, s: SessionSummary) {
  return {
    href: `/practice/groups/${groupId}/sessions/${s.id}`,
    heldOn: s.heldOn,
    startsAt: s.startsAt,
    topic: s.topic ?? 'No topic recorded',
    total: s.total,
    overCapacity: s.overCapacity,
    inError: Boolean(s.inErrorAt),
  };
}

function personLabel(m: RegisterMember): string {
  return memberName(m);
}

/** A session and its register: the members this user may see, first names and the count of others. */
export function presentSession(group: GroupRow, s: SessionRecord) {
  return {
    ...presentSessionSummary(group.id, s),
    editHref: `/practice/groups/${group.id}/sessions/${s.id}/edit`,
    inErrorHref: `/practice/groups/${group.id}/sessions/${s.id}/in-error`,
    inError: s.inErrorAt
      ? { at: new Date(s.inErrorAt), by: s.inErrorByName, reason: s.inErrorReason ?? '' }
      : null,
    notes: s.notes,
    recordedBy: s.recordedBy,
    members: s.members.map((m) => ({
      name: personLabel(m),
      familyReference: m.familyReference,
      href: `/practice/families/${m.familyId}`,
    })),
    hiddenMembers: s.hiddenMembers,
    firstNames: s.firstNameList,
    anonymousCount: s.anonymousCount,
    countText: [
      plural(s.named, 'member linked to a family record', 'members linked to family records'),
      ...(s.firstNames ? [plural(s.firstNames, 'first name', 'first names')] : []),
      ...(s.anonymousCount ? [plural(s.anonymousCount, 'person not named', 'people not named')] : []),
    ].join(', '),
    capacityWarning:
      s.overCapacity && group.capacity !== null
        ? `This session was over capacity: ${s.total} people came and the group is for at most ${group.capacity}.`
        : null,
  };
}

/** The group form's choices, marked with what the form holds. */
export function groupFormItems(
  form: GroupForm,
  choices: { users: { id: string; name: string }[]; programmes: { id: string; name: string }[] },
) {
  return {
    kindItems: (Object.keys(groupKindNames) as GroupKind[]).map((k) => ({
      value: k,
      text: groupKindNames[k],
      checked: form.kind === k,
    })),
    programmeItems: [
      { value: '', text: 'Choose the programme' },
      ...choices.programmes.map((p) => ({ value: p.id, text: p.name, selected: p.id === form.programmeId })),
    ],
    weekdayItems: [
      { value: '', text: 'Not weekly, or it varies', selected: !form.weekday },
      ...weekdayNames.map((d, i) => ({
        value: String(i + 1),
        text: d,
        selected: form.weekday === String(i + 1),
      })),
    ],
    activeItems: [
      { value: 'yes', text: 'Yes, it still meets', checked: form.active !== 'no' },
      { value: 'no', text: 'No, it has stopped', checked: form.active === 'no' },
    ],
    attendanceItems: (Object.keys(attendanceNames) as AttendanceMode[]).map((a) => ({
      value: a,
      text: attendanceNames[a],
      checked: form.attendance === a,
    })),
    facilitatorRows: Array.from({ length: facilitatorRows }, (_, i) => {
      const row = form.facilitators[i] ?? { who: '', name: '', kind: '' };
      return {
        number: i + 1,
        name: row.name,
        whoItems: [
          { value: '', text: 'No one', selected: !row.who },
          ...choices.users.map((u) => ({ value: u.id, text: u.name, selected: row.who === u.id })),
          { value: notAUser, text: 'Someone who does not use Hearth', selected: row.who === notAUser },
        ],
        kindItems: [
          { value: '', text: 'Choose', selected: !row.kind },
          ...(Object.keys(facilitatorKindNames) as FacilitatorKind[]).map((k) => ({
            value: k,
            text: facilitatorKindNames[k],
            selected: row.kind === k,
          })),
        ],
      };
    }),
  };
}

/** A group as its edit form holds it. */
export function groupFormOf(group: GroupRow): GroupForm {
  return {
    name: group.name,
    kind: group.kind,
    programmeId: group.programmeId ?? '',
    forWhom: group.forWhom,
    location: group.location,
    meets: group.meets,
    weekday: group.weekday === null ? '' : String(group.weekday),
    capacity: group.capacity === null ? '' : String(group.capacity),
    attendance: group.attendance,
    active: group.active ? 'yes' : 'no',
    facilitators: Array.from({ length: facilitatorRows }, (_, i) => {
      const f = group.facilitators[i];
      if (!f) return { who: '', name: '', kind: '' };
      return { who: f.userId ?? notAUser, name: f.userId ? '' : f.name, kind: f.kind };
    }),
  };
}

/** The register's checkboxes: each person who may be ticked, with their family reference to tell namesakes apart. */
export function attendeeItems(candidates: RegisterMember[], form: SessionForm) {
  return candidates.map((c) => {
    const value = `${c.familyId}:${c.personId}`;
    return {
      value,
      text: personLabel(c),
      hint: { text: `Family ${c.familyReference}` },
      checked: form.attendees.includes(value),
    };
  });
}

/** What each member of a family has attended, grouped by member. */
export function presentFamilyAttendance(rows: FamilyAttendanceRow[]) {
  const members = new Map<string, { name: string; groups: { text: string; lastHeldOn: string }[] }>();
  for (const row of rows) {
    const member = members.get(row.personId) ?? { name: memberName(row), groups: [] };
    member.groups.push({
      text: `${row.groupName}, ${row.organisationName}: ${plural(row.sessions, 'session', 'sessions')}`,
      lastHeldOn: row.lastHeldOn,
    });
    members.set(row.personId, member);
  }
  return [...members.values()];
}

/** A group field's saved value as the conflict panel shows it: names, not codes. */
export function groupValueText(
  name: string,
  value: string,
  programmes: { id: string; name: string }[],
): string {
  if (name === 'kind') return groupKindNames[value as GroupKind] ?? value;
  if (name === 'attendance') return attendanceNames[value as AttendanceMode] ?? value;
  if (name === 'weekday') return weekdayNames[Number(value) - 1] ?? value;
  if (name === 'programmeId') return programmes.find((p) => p.id === value)?.name ?? value;
  if (name === 'active') return value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value;
  return value;
}
