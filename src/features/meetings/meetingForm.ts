import type { OwnerKind } from '../../db/schema.ts';
import { checkInErrorReason, type InErrorCheck } from '../../platform/concurrency/inError.ts';
import { type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';
import { datePartsOf, maxLong, maxWords } from '../plan/planForms.ts';

/** How many actions the meeting form offers; more can be added to the plan afterwards. */
export const actionRows = 3;

export interface MeetingActionForm {
  what: string;
  owner: string;
  dueOn: DateParts;
}

export interface MeetingForm {
  heldOn: DateParts;
  familyPresent: string;
  membersPresent: string[];
  organisationsPresent: string[];
  workersPresent: string[];
  othersPresent: string;
  discussed: string;
  decisions: string;
  actions: MeetingActionForm[];
}

export interface MeetingInput {
  heldOn: string;
  familyPresent: boolean;
  membersPresent: string[];
  organisationsPresent: string[];
  workersPresent: string[];
  othersPresent: string | null;
  discussed: string;
  decisions: string | null;
  actions: { what: string; ownerKind: OwnerKind; ownerId: string; dueOn: string }[];
}

export function meetingFieldOrder(): string[] {
  const order = [
    'heldOn',
    'familyPresent',
    'membersPresent',
    'organisationsPresent',
    'workersPresent',
    'othersPresent',
    'discussed',
    'decisions',
  ];
  for (let i = 1; i <= actionRows; i++)
    order.push(`action-${i}-what`, `action-${i}-owner`, `action-${i}-dueOn`);
  return order;
}

export const meetingDateFields = [
  'heldOn',
  ...Array.from({ length: actionRows }, (_, i) => `action-${i + 1}-dueOn`),
];

export function parseMeetingForm(body: unknown): MeetingForm {
  return {
    heldOn: datePartsOf(body, 'heldOn'),
    familyPresent: field(body, 'familyPresent'),
    membersPresent: fields(body, 'membersPresent'),
    organisationsPresent: fields(body, 'organisationsPresent'),
    workersPresent: fields(body, 'workersPresent'),
    othersPresent: field(body, 'othersPresent'),
    discussed: field(body, 'discussed'),
    decisions: field(body, 'decisions'),
    actions: Array.from({ length: actionRows }, (_, i) => ({
      what: field(body, `action-${i + 1}-what`),
      owner: field(body, `action-${i + 1}-owner`),
      dueOn: datePartsOf(body, `action-${i + 1}-dueOn`),
    })),
  };
}

export interface MeetingChoices {
  memberIds: readonly string[];
  organisationIds: readonly string[];
  workerIds: readonly string[];
  /** "member:<id>", "worker:<id>", "organisation:<id>" */
  owners: readonly string[];
  today: string;
}

const blank = (a: MeetingActionForm) =>
  !a.what && !a.owner && !a.dueOn.day && !a.dueOn.month && !a.dueOn.year;

/** Checks the meeting form; an action row left wholly empty is skipped, a part-filled one must be finished. */
export function checkMeetingForm(
  form: MeetingForm,
  choices: MeetingChoices,
): { ok: true; value: MeetingInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const held = parseDateParts(form.heldOn, 'The date of the meeting', { dayOptional: false });
  if (held.kind === 'empty') errors.heldOn = 'Enter the date of the meeting';
  else if (held.kind === 'invalid') errors.heldOn = held.message;
  else if (held.iso > choices.today) errors.heldOn = 'The date of the meeting must be today or in the past';
  if (form.familyPresent !== 'yes' && form.familyPresent !== 'no')
    errors.familyPresent = 'Select whether family members were at the meeting';
  else if (form.familyPresent === 'yes' && form.membersPresent.length === 0)
    errors.membersPresent = 'Select the family members who were there';
  if (form.membersPresent.some((id) => !choices.memberIds.includes(id)))
    errors.membersPresent = 'Select members of this family';
  if (form.organisationsPresent.some((id) => !choices.organisationIds.includes(id)))
    errors.organisationsPresent = 'Select organisations on the team';
  if (form.workersPresent.some((id) => !choices.workerIds.includes(id)))
    errors.workersPresent = 'Select workers on the team';
  if (form.organisationsPresent.length === 0 && form.workersPresent.length === 0 && !form.othersPresent)
    errors.organisationsPresent = 'Select who attended from the team';
  if (form.othersPresent.length > maxWords)
    errors.othersPresent = `Others who attended must be ${maxWords} characters or fewer`;
  if (!form.discussed) errors.discussed = 'Enter what was discussed';
  else if (form.discussed.length > maxLong)
    errors.discussed = `What was discussed must be ${maxLong} characters or fewer`;
  if (form.decisions.length > maxLong) errors.decisions = `Decisions must be ${maxLong} characters or fewer`;

  const actions: MeetingInput['actions'] = [];
  form.actions.forEach((action, index) => {
    if (blank(action)) return;
    const prefix = `action-${index + 1}`;
    if (!action.what) errors[`${prefix}-what`] = `Enter what will be done for action ${index + 1}`;
    else if (action.what.length > maxWords)
      errors[`${prefix}-what`] = `Action ${index + 1} must be ${maxWords} characters or fewer`;
    if (!choices.owners.includes(action.owner))
      errors[`${prefix}-owner`] = `Select who will do action ${index + 1}`;
    const due = parseDateParts(action.dueOn, `The date for action ${index + 1}`, { dayOptional: false });
    if (due.kind === 'empty')
      errors[`${prefix}-dueOn`] = `Enter the date action ${index + 1} should be done by`;
    else if (due.kind === 'invalid') errors[`${prefix}-dueOn`] = due.message;
    const [kind, id] = action.owner.split(':') as [OwnerKind, string];
    if (due.kind === 'date' && action.what && id)
      actions.push({ what: action.what, ownerKind: kind, ownerId: id, dueOn: due.iso });
  });

  if (Object.keys(errors).length || held.kind !== 'date') return { ok: false, errors };
  const present = form.familyPresent === 'yes';
  return {
    ok: true,
    value: {
      heldOn: held.iso,
      familyPresent: present,
      membersPresent: present ? [...new Set(form.membersPresent)] : [],
      organisationsPresent: [...new Set(form.organisationsPresent)],
      workersPresent: [...new Set(form.workersPresent)],
      othersPresent: form.othersPresent || null,
      discussed: form.discussed,
      decisions: form.decisions || null,
      actions,
    },
  };
}

/** The fields a correction can change, with the labels the conflict page and the history use. */
export const meetingEditLabels = [
  { name: 'heldOn', label: 'Date of the meeting' },
  { name: 'familyPresent', label: 'Family there' },
  { name: 'membersPresent', label: 'Family members there' },
  { name: 'organisationsPresent', label: 'Organisations that attended' },
  { name: 'workersPresent', label: 'Workers who attended' },
  { name: 'othersPresent', label: 'Anyone else who attended' },
  { name: 'discussed', label: 'What was discussed' },
  { name: 'decisions', label: 'Decisions' },
] as const;

type MeetingFields = Omit<MeetingInput, 'actions'>;

/** A meeting's correctable fields as text, for comparing two edits: lists of ids sorted and joined by commas. */
export function meetingValues(meeting: MeetingFields): Record<string, string | null> {
  const list = (ids: string[]) => (ids.length ? [...ids].sort().join(',') : null);
  return {
    heldOn: meeting.heldOn,
    familyPresent: meeting.familyPresent ? 'yes' : 'no',
    membersPresent: list(meeting.membersPresent),
    organisationsPresent: list(meeting.organisationsPresent),
    workersPresent: list(meeting.workersPresent),
    othersPresent: meeting.othersPresent,
    discussed: meeting.discussed,
    decisions: meeting.decisions,
  };
}

/** The form again from compared values (the conflict page keeps what was typed, plus the other person's changes). */
export function meetingFormOf(values: Record<string, string | null>): MeetingForm {
  const list = (value: string | null | undefined) => (value ? value.split(',') : []);
  const form = parseMeetingForm({});
  const [year = '', month = '', day = ''] = (values.heldOn ?? '').split('-');
  return {
    ...form,
    heldOn: { day: day ? String(Number(day)) : '', month: month ? String(Number(month)) : '', year },
    familyPresent: values.familyPresent ?? '',
    membersPresent: list(values.membersPresent),
    organisationsPresent: list(values.organisationsPresent),
    workersPresent: list(values.workersPresent),
    othersPresent: values.othersPresent ?? '',
    discussed: values.discussed ?? '',
    decisions: values.decisions ?? '',
  };
}

/** Checks the reason a meeting is marked as recorded in error. */
export const checkInErrorForm = (body: unknown): InErrorCheck => checkInErrorReason(body, 'meeting');
