import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';
import { memberAge } from '../members/memberAge.ts';
import { type Checked, datePartsOf } from '../plan/planForms.ts';

// Enrolling a member in a programme, and how an enrolment ends.

/** Reads a full date that must be today or before (and on or after `notBefore`); sets `errors[name]` otherwise. */
export function checkDay(
  parts: DateParts,
  name: string,
  label: string,
  errors: FieldErrors,
  limits: { today: string; notBefore?: { iso: string; message: string } },
): string | undefined {
  const parsed = parseDateParts(parts, label, { dayOptional: false });
  if (parsed.kind === 'empty') errors[name] = `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  else if (parsed.kind === 'invalid') errors[name] = parsed.message;
  else if (parsed.iso > limits.today) errors[name] = `${label} must be today or in the past`;
  else if (limits.notBefore && parsed.iso < limits.notBefore.iso) errors[name] = limits.notBefore.message;
  else return parsed.iso;
  return undefined;
}

/** The programme's age range in words: "aged 10 to 14", "aged 18 and over", or undefined for any age. */
export function ageRangeText(range: { ageFrom: number | null; ageTo: number | null }): string | undefined {
  const { ageFrom, ageTo } = range;
  if (ageFrom !== null && ageTo !== null) return `aged ${ageFrom} to ${ageTo}`;
  if (ageFrom !== null) return `aged ${ageFrom} and over`;
  if (ageTo !== null) return `aged ${ageTo} and under`;
  return undefined;
}

export type AgeCheck = { kind: 'ok' } | { kind: 'outside' | 'approximate'; message: string };

/**
 * Whether a member's age on the day they start fits the programme's range.
 * Outside it with a known date of birth is refused ("outside"); with only an
 * approximate age it is a warning ("approximate"); with no age, nothing.
 */
export function checkAge(
  member: {
    name: string;
    dateOfBirth: string | null;
    approximateAge: number | null;
    approximateAgeOn: string | null;
  },
  programme: { name: string; ageFrom: number | null; ageTo: number | null },
  onIso: string,
): AgeCheck {
  const range = ageRangeText(programme);
  const age = memberAge(member, new Date(`${onIso}T00:00:00Z`));
  if (!range || !age) return { kind: 'ok' };
  const inside =
    (programme.ageFrom === null || age.years >= programme.ageFrom) &&
    (programme.ageTo === null || age.years <= programme.ageTo);
  if (inside) return { kind: 'ok' };
  if (age.approximate)
    return {
      kind: 'approximate',
      message: `${member.name} is about ${age.years}, and ${programme.name} is for people ${range}. Check their age before they start.`,
    };
  return {
    kind: 'outside',
    message: `${member.name} is ${age.years} on the date they would start. ${programme.name} is for people ${range}`,
  };
}

// Step one: who and which programme ------------------------------------

export interface ChooseForm {
  personId: string;
  programmeId: string;
}

export function parseChooseForm(body: unknown): ChooseForm {
  return { personId: field(body, 'personId'), programmeId: field(body, 'programmeId') };
}

export function checkChooseForm(
  form: ChooseForm,
  choices: { memberIds: readonly string[]; programmeIds: readonly string[] },
): Checked<ChooseForm> {
  const errors: FieldErrors = {};
  if (!choices.memberIds.includes(form.personId)) errors.personId = 'Select who is starting the programme';
  if (!choices.programmeIds.includes(form.programmeId)) errors.programmeId = 'Select a programme';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: form };
}

// Step two: worker, date and group ------------------------------------

export interface EnrolForm {
  workerId: string;
  groupId: string;
  enrolledOn: DateParts;
  /** The worker's id once the user has seen the warning that this worker is not recorded as trained. */
  confirmUntrained: string;
}

export interface EnrolInput {
  personId: string;
  programmeId: string;
  workerId: string;
  groupId: string | null;
  enrolledOn: string;
  confirmUntrained: boolean;
}

export const enrolFieldOrder = ['workerId', 'enrolledOn', 'groupId'] as const;

export function parseEnrolForm(body: unknown): EnrolForm {
  return {
    workerId: field(body, 'workerId'),
    groupId: field(body, 'groupId'),
    enrolledOn: datePartsOf(body, 'enrolledOn'),
    confirmUntrained: field(body, 'confirmUntrained'),
  };
}

export function checkEnrolForm(
  form: EnrolForm,
  chosen: ChooseForm,
  choices: { workerIds: readonly string[]; groupIds: readonly string[]; today: string },
): Checked<EnrolInput> {
  const errors: FieldErrors = {};
  if (!choices.workerIds.includes(form.workerId)) errors.workerId = 'Select the worker who will deliver it';
  if (form.groupId && !choices.groupIds.includes(form.groupId))
    errors.groupId = 'Select one of your groups that runs this programme';
  const enrolledOn = checkDay(form.enrolledOn, 'enrolledOn', 'The date they started', errors, {
    today: choices.today,
  });
  if (Object.keys(errors).length || !enrolledOn) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...chosen,
      workerId: form.workerId,
      groupId: form.groupId || null,
      enrolledOn,
      confirmUntrained: form.confirmUntrained !== '' && form.confirmUntrained === form.workerId,
    },
  };
}

// Completing, or ending early -------------------------------------------

export type EndKind = 'completed' | 'ended_early';

export interface EndForm {
  endedOn: DateParts;
  reason: string;
}

export interface EndInput {
  status: EndKind;
  endedOn: string;
  reason: string | null;
}

export const endFieldOrder = ['endedOn', 'reason'] as const;
export const maxReason = 500;

export function parseEndForm(body: unknown): EndForm {
  return { endedOn: datePartsOf(body, 'endedOn'), reason: field(body, 'reason') };
}

/** The end date is between the start and today; ending early needs a reason. */
export function checkEndForm(
  form: EndForm,
  kind: EndKind,
  limits: { enrolledOn: string; today: string },
): Checked<EndInput> {
  const errors: FieldErrors = {};
  const label = kind === 'completed' ? 'The date they completed it' : 'The date it ended';
  const endedOn = checkDay(form.endedOn, 'endedOn', label, errors, {
    today: limits.today,
    notBefore: { iso: limits.enrolledOn, message: `${label} must be on or after the date they started` },
  });
  if (kind === 'ended_early') {
    if (!form.reason) errors.reason = 'Enter why the programme ended early';
    else if (form.reason.length > maxReason)
      errors.reason = `The reason must be ${maxReason} characters or fewer`;
  }
  if (Object.keys(errors).length || !endedOn) return { ok: false, errors };
  return {
    ok: true,
    value: { status: kind, endedOn, reason: kind === 'ended_early' ? form.reason : null },
  };
}
