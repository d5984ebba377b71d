import {
  type ContactChannel,
  type ContactKind,
  type ContactOutcome,
  contactChannels,
  contactKinds,
  contactOutcomes,
} from '../../db/schema.ts';
import { type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';
import { type Checked, datePartsOf, partsOfIso } from '../plan/planForms.ts';
import { parseTimeOfDay, ukDateAndTime, ukInstant } from './contactTime.ts';
import { type ContactTopic, contactTopicCodes } from './contactTopics.ts';

export const maxNotes = 8000;
export const maxFollowUp = 2000;
export const maxMinutes = 600;

/** The contact form as typed. */
export interface ContactForm {
  occurredOn: DateParts;
  time: string;
  members: string[];
  kind: string;
  jointOrganisationId: string;
  channel: string;
  durationMinutes: string;
  topics: string[];
  notes: string;
  followUp: string;
  outcome: string;
  confidential: boolean;
  significant: boolean;
  enrolmentId: string;
}

/** A contact ready to save (from the form or the API). */
export interface ContactInput {
  occurredAt: Date;
  memberIds: string[];
  kind: ContactKind;
  jointOrganisationId: string | null;
  channel: ContactChannel;
  durationMinutes: number | null;
  topics: ContactTopic[];
  notes: string | null;
  followUp: string | null;
  outcome: ContactOutcome;
  confidential: boolean;
  significant: boolean;
  enrolmentId: string | null;
}

/** What the user may choose from: the members they can see, other agencies, and open enrolments. */
export interface ContactChoices {
  memberIds: readonly string[];
  agencyIds: readonly string[];
  enrolments: readonly { id: string; personId: string }[];
  now: Date;
}

export const contactFieldOrder = [
  'occurredOn',
  'time',
  'members',
  'kind',
  'jointOrganisationId',
  'channel',
  'durationMinutes',
  'topics',
  'notes',
  'followUp',
  'outcome',
  'enrolmentId',
] as const;

export const contactDateFields = ['occurredOn'];

export function parseContactForm(body: unknown): ContactForm {
  return {
    occurredOn: datePartsOf(body, 'occurredOn'),
    time: field(body, 'time'),
    members: fields(body, 'members'),
    kind: field(body, 'kind'),
    jointOrganisationId: field(body, 'jointOrganisationId'),
    channel: field(body, 'channel'),
    durationMinutes: field(body, 'durationMinutes'),
    topics: fields(body, 'topics'),
    notes: field(body, 'notes'),
    followUp: field(body, 'followUp'),
    outcome: field(body, 'outcome'),
    confidential: field(body, 'confidential') === 'yes',
    significant: field(body, 'significant') === 'yes',
    enrolmentId: field(body, 'enrolmentId'),
  };
}

/** The form as it first appears: now, in person, attended, one-to-one, with the only member ticked when there is one. */
export function defaultContactForm(now: Date, memberIds: readonly string[]): ContactForm {
  const { date, time } = ukDateAndTime(now);
  return {
    ...parseContactForm({}),
    occurredOn: partsOfIso(date),
    time,
    members: memberIds.length === 1 ? [...memberIds] : [],
    kind: 'one_to_one',
    channel: 'in_person',
    outcome: 'attended',
  };
}

const oneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/**
 * The rules every new contact meets, from the form or the API: members of
 * this family that the user can see, an agency for a joint contact, a length
 * in range, topics from the list, and nothing attended (or missed) in the future.
 */
export function contactRules(input: ContactInput, choices: ContactChoices): FieldErrors {
  const errors: FieldErrors = {};
  if (input.memberIds.length === 0) errors.members = 'Select who the contact was with';
  else if (input.memberIds.some((id) => !choices.memberIds.includes(id)))
    errors.members = 'Select members of this family';
  if (input.kind === 'joint_agency' && !input.jointOrganisationId)
    errors.jointOrganisationId = 'Select the other agency for a joint contact';
  else if (input.jointOrganisationId && !choices.agencyIds.includes(input.jointOrganisationId))
    errors.jointOrganisationId = 'Select an agency from the list';
  if (
    input.durationMinutes !== null &&
    (!Number.isInteger(input.durationMinutes) ||
      input.durationMinutes < 1 ||
      input.durationMinutes > maxMinutes)
  )
    errors.durationMinutes = `The length must be a whole number of minutes, from 1 to ${maxMinutes}`;
  if (input.topics.some((t) => !oneOf(contactTopicCodes, t))) errors.topics = 'Select topics from the list';
  if (input.notes && input.notes.length > maxNotes)
    errors.notes = `Notes must be ${maxNotes} characters or fewer`;
  if (input.followUp && input.followUp.length > maxFollowUp)
    errors.followUp = `Follow-up actions must be ${maxFollowUp} characters or fewer`;
  if (input.occurredAt.getTime() > choices.now.getTime()) {
    if (input.outcome === 'attended') errors.outcome = 'A contact in the future cannot be marked attended';
    else if (input.outcome === 'did_not_attend')
      errors.outcome = 'A contact in the future cannot be marked did not attend';
  }
  if (input.enrolmentId) {
    const enrolment = choices.enrolments.find((e) => e.id === input.enrolmentId);
    if (!enrolment) errors.enrolmentId = 'Select a programme from the list';
    else if (!input.memberIds.includes(enrolment.personId))
      errors.enrolmentId = 'Select a programme of a member the contact was with';
  }
  return errors;
}

/** The form's own fields read (date, time, choices from fixed lists, length), with their errors. */
function readFields(form: ContactForm, now: Date): { input: ContactInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const day = parseDateParts(form.occurredOn, 'The date of the contact', { dayOptional: false });
  if (day.kind === 'empty') errors.occurredOn = 'Enter the date of the contact';
  else if (day.kind === 'invalid') errors.occurredOn = day.message;
  const time = parseTimeOfDay(form.time);
  if (!form.time) errors.time = 'Enter the time of the contact';
  else if (!time) errors.time = 'Enter a real time, like 14:30 or 2:30pm';
  if (!oneOf(contactKinds, form.kind)) errors.kind = 'Select the kind of contact';
  if (!oneOf(contactChannels, form.channel)) errors.channel = 'Select how the contact took place';
  if (!oneOf(contactOutcomes, form.outcome)) errors.outcome = 'Select what happened';
  let minutes: number | null = null;
  if (form.durationMinutes) {
    minutes = /^\d{1,4}$/.test(form.durationMinutes) ? Number(form.durationMinutes) : Number.NaN;
  }
  const input: ContactInput = {
    occurredAt: day.kind === 'date' && time ? ukInstant(day.iso, time) : now,
    memberIds: [...new Set(form.members)],
    kind: form.kind as ContactKind,
    jointOrganisationId: form.kind === 'joint_agency' ? form.jointOrganisationId || null : null,
    channel: form.channel as ContactChannel,
    durationMinutes: minutes,
    topics: [...new Set(form.topics)] as ContactTopic[],
    notes: form.notes || null,
    followUp: form.followUp || null,
    outcome: form.outcome as ContactOutcome,
    confidential: form.confidential,
    significant: form.significant,
    enrolmentId: form.enrolmentId || null,
  };
  return { input, errors };
}

/**
 * Reads the form's own fields only, before the choices are known: the
 * service then applies the rules inside its transaction.
 */
export function readContactForm(form: ContactForm, now: Date): Checked<ContactInput> {
  const { input, errors } = readFields(form, now);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: input };
}

/** Checks the form: each field's own message, then the rules shared with the API, as one list. */
export function checkContactForm(form: ContactForm, choices: ContactChoices): Checked<ContactInput> {
  const { input, errors } = readFields(form, choices.now);
  for (const [name, message] of Object.entries(contactRules(input, choices)))
    if (!errors[name]) errors[name] = message;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: input };
}
