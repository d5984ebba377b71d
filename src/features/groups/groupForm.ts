import {
  type AttendanceMode,
  attendanceModes,
  type FacilitatorKind,
  facilitatorKinds,
  type GroupKind,
  groupKinds,
} from '../../db/schemaSupport.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import type { Checked } from '../plan/planForms.ts';

/** How many facilitator rows the group form offers. */
export const facilitatorRows = 4;

/** The "who" of a facilitator row for someone who does not use Hearth. */
export const notAUser = 'other';

export interface FacilitatorForm {
  who: string;
  name: string;
  kind: string;
}

export interface GroupForm {
  name: string;
  kind: string;
  programmeId: string;
  forWhom: string;
  location: string;
  meets: string;
  weekday: string;
  capacity: string;
  attendance: string;
  /** "yes" while the group still meets, "no" once it has stopped. */
  active: string;
  facilitators: FacilitatorForm[];
}

export interface FacilitatorInput {
  userId: string | null;
  name: string | null;
  kind: FacilitatorKind;
}

export interface GroupInput {
  name: string;
  kind: GroupKind;
  programmeId: string | null;
  forWhom: string;
  location: string;
  meets: string;
  weekday: number | null;
  capacity: number | null;
  attendance: AttendanceMode;
  active: boolean;
  facilitators: FacilitatorInput[];
}

export interface GroupChoices {
  /** Users of the organisation who may facilitate. */
  userIds: readonly string[];
  /** Programmes from the catalogue the organisation may choose. */
  programmeIds: readonly string[];
}

/** The fields a group's edit compares when two people save at once (facilitators are saved as a whole). */
export const groupFieldLabels = [
  { name: 'name', label: 'Name' },
  { name: 'kind', label: 'Kind of group' },
  { name: 'programmeId', label: 'Programme' },
  { name: 'forWhom', label: 'Who it is for' },
  { name: 'location', label: 'Where it meets' },
  { name: 'meets', label: 'When it meets' },
  { name: 'weekday', label: 'Day of the week' },
  { name: 'capacity', label: 'Most people at a session' },
  { name: 'attendance', label: 'How attendance is recorded' },
  { name: 'active', label: 'Still meeting' },
] as const;

export function groupFieldOrder(): string[] {
  const order: string[] = groupFieldLabels.map((f) => f.name);
  for (let i = 1; i <= facilitatorRows; i++)
    order.push(`facilitator-${i}-who`, `facilitator-${i}-name`, `facilitator-${i}-kind`);
  return order;
}

export function parseGroupForm(body: unknown): GroupForm {
  return {
    name: field(body, 'name'),
    kind: field(body, 'kind'),
    programmeId: field(body, 'programmeId'),
    forWhom: field(body, 'forWhom'),
    location: field(body, 'location'),
    meets: field(body, 'meets'),
    weekday: field(body, 'weekday'),
    capacity: field(body, 'capacity'),
    attendance: field(body, 'attendance'),
    active: field(body, 'active') || 'yes',
    facilitators: Array.from({ length: facilitatorRows }, (_, i) => ({
      who: field(body, `facilitator-${i + 1}-who`),
      name: field(body, `facilitator-${i + 1}-name`),
      kind: field(body, `facilitator-${i + 1}-kind`),
    })),
  };
}

function checkText(
  value: string,
  name: string,
  limit: number,
  missing: string,
  label: string,
  errors: FieldErrors,
) {
  if (!value) errors[name] = missing;
  else if (value.length > limit) errors[name] = `${label} must be ${limit} characters or fewer`;
}

/** A whole number written in digits, or undefined. */
export function wholeNumber(value: string): number | undefined {
  return /^\d{1,6}$/.test(value) ? Number(value) : undefined;
}

/** Checks the group form; a facilitator row left wholly empty is skipped, a part-filled one must be finished. */
export function checkGroupForm(form: GroupForm, choices: GroupChoices): Checked<GroupInput> {
  const errors: FieldErrors = {};
  checkText(form.name, 'name', 200, 'Enter the name of the group', 'The name', errors);
  if (!(groupKinds as readonly string[]).includes(form.kind)) errors.kind = 'Select the kind of group';
  else if (form.kind === 'programme' && !choices.programmeIds.includes(form.programmeId))
    errors.programmeId = 'Select the programme the group delivers';
  checkText(form.forWhom, 'forWhom', 500, 'Enter who the group is for', 'Who the group is for', errors);
  checkText(form.location, 'location', 300, 'Enter where the group meets', 'Where it meets', errors);
  checkText(form.meets, 'meets', 200, 'Enter when the group meets', 'When it meets', errors);
  const weekday = form.weekday ? wholeNumber(form.weekday) : null;
  if (weekday === undefined || (weekday !== null && (weekday < 1 || weekday > 7)))
    errors.weekday = 'Select the day of the week, or that it varies';
  let capacity: number | null = null;
  if (form.capacity) {
    const number = wholeNumber(form.capacity);
    if (number === undefined)
      errors.capacity = 'The most people at a session must be a whole number, like 12';
    else if (number < 1 || number > 500)
      errors.capacity = 'The most people at a session must be between 1 and 500';
    else capacity = number;
  }
  if (!(attendanceModes as readonly string[]).includes(form.attendance))
    errors.attendance = 'Select how attendance is recorded';
  if (form.active !== 'yes' && form.active !== 'no') errors.active = 'Select whether the group still meets';

  const facilitators: FacilitatorInput[] = [];
  form.facilitators.forEach((row, index) => {
    if (!row.who && !row.name && !row.kind) return;
    const prefix = `facilitator-${index + 1}`;
    const isUser = row.who !== notAUser && row.who !== '';
    if (!row.who) errors[`${prefix}-who`] = `Select who facilitator ${index + 1} is`;
    else if (isUser && !choices.userIds.includes(row.who))
      errors[`${prefix}-who`] = `Select someone from your organisation for facilitator ${index + 1}`;
    else if (row.who === notAUser && !row.name)
      errors[`${prefix}-name`] = `Enter the name of facilitator ${index + 1}`;
    else if (row.name.length > 200)
      errors[`${prefix}-name`] = `The name of facilitator ${index + 1} must be 200 characters or fewer`;
    if (!(facilitatorKinds as readonly string[]).includes(row.kind))
      errors[`${prefix}-kind`] = `Select whether facilitator ${index + 1} is paid, a volunteer or a peer`;
    else if (row.who)
      facilitators.push({
        userId: isUser ? row.who : null,
        name: isUser ? null : row.name,
        kind: row.kind as FacilitatorKind,
      });
  });
  const users = facilitators.flatMap((f) => (f.userId ? [f.userId] : []));
  if (new Set(users).size < users.length) {
    const index = form.facilitators.findIndex(
      (r, i) =>
        r.who !== notAUser && r.who !== '' && form.facilitators.slice(0, i).some((s) => s.who === r.who),
    );
    errors[`facilitator-${index + 1}-who`] = `Facilitator ${index + 1} is already named above`;
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: form.name,
      kind: form.kind as GroupKind,
      programmeId: form.kind === 'programme' ? form.programmeId : null,
      forWhom: form.forWhom,
      location: form.location,
      meets: form.meets,
      weekday: weekday ?? null,
      capacity,
      attendance: form.attendance as AttendanceMode,
      active: form.active === 'yes',
      facilitators,
    },
  };
}
