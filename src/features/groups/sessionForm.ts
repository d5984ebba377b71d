import type { AttendanceMode } from '../../db/schemaSupport.ts';
import { checkInErrorReason, type InErrorCheck } from '../../platform/concurrency/inError.ts';
import { type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';
import { type Checked, datePartsOf, partsOfIso } from '../plan/planForms.ts';
import { wholeNumber } from './groupForm.ts';

export const maxFirstNames = 200;

export interface SessionForm {
  heldOn: DateParts;
  startsAt: string;
  topic: string;
  notes: string;
  /** "<familyId>:<personId>" of each member who came. */
  attendees: string[];
  /** First names, one a line. */
  firstNames: string;
  anonymousCount: string;
  /** A name to find someone to add to the list, when the form was sent with "Find" rather than saved. */
  find: string;
  finding: boolean;
}

export interface AttendeeInput {
  familyId: string;
  personId: string;
}

/** A checked session form: its fields (SessionFields, below), with the count and capacity worked out. */
export interface SessionInput extends SessionFields {
  /** Everyone who came: named members, first names and the anonymous count. */
  total: number;
  overCapacity: boolean;
}

export interface SessionRules {
  attendance: AttendanceMode;
  capacity: number | null;
  today: string;
}

export const sessionFieldOrder = [
  'heldOn',
  'startsAt',
  'topic',
  'notes',
  'attendees',
  'firstNames',
  'anonymousCount',
] as const;

export function parseSessionForm(body: unknown): SessionForm {
  return {
    heldOn: datePartsOf(body, 'heldOn'),
    startsAt: field(body, 'startsAt'),
    topic: field(body, 'topic'),
    notes: field(body, 'notes'),
    attendees: fields(body, 'attendees'),
    firstNames: field(body, 'firstNames'),
    anonymousCount: field(body, 'anonymousCount'),
    find: field(body, 'find').slice(0, 100),
    finding: field(body, 'intent') === 'find',
  };
}

/** A time of day typed as 19:30, 19.30, 7:30pm or 7pm, as HH:MM; undefined when it is not one. */
export function parseTime(text: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (half) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  } else if (match[2] === undefined) return undefined;
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** The attendee values "<familyId>:<personId>", each a pair of ids, without repeats. */
export function parseAttendees(values: readonly string[]): AttendeeInput[] | undefined {
  const pattern = /^([0-9a-f-]{36}):([0-9a-f-]{36})$/i;
  const seen = new Map<string, AttendeeInput>();
  for (const value of values) {
    const match = pattern.exec(value);
    if (!match) return undefined;
    const [, familyId, personId] = match as unknown as [string, string, string];
    if (!seen.has(personId)) seen.set(personId, { familyId, personId });
  }
  return [...seen.values()];
}

/**
 * Checks a session and its register against the group's rules: named members
 * always; first names where the group allows them; an anonymous count where
 * the group allows it. A session in the future cannot have attendance
 * recorded. Over capacity is allowed, and flagged.
 */
export function checkSessionForm(form: SessionForm, rules: SessionRules): Checked<SessionInput> {
  const errors: FieldErrors = {};
  const held = parseDateParts(form.heldOn, 'The date of the session', { dayOptional: false });
  if (held.kind === 'empty') errors.heldOn = 'Enter the date of the session';
  else if (held.kind === 'invalid') errors.heldOn = held.message;
  else if (held.iso > rules.today)
    errors.heldOn =
      'The date of the session must be today or in the past: attendance cannot be recorded for a session that has not happened yet';
  let startsAt: string | null = null;
  if (form.startsAt) {
    const time = parseTime(form.startsAt);
    if (time === undefined) errors.startsAt = 'Enter the start time like 19:30 or 7:30pm';
    else startsAt = time;
  }
  if (form.topic.length > 500) errors.topic = 'The topic must be 500 characters or fewer';
  if (form.notes.length > 4000) errors.notes = 'Notes must be 4000 characters or fewer';
  const attendees = parseAttendees(form.attendees);
  if (!attendees) errors.attendees = 'Select the members who came from the list';

  const firstNames = form.firstNames
    .split(/\r?\n/)
    .map((n) => n.trim())
    .filter(Boolean);
  if (firstNames.length && rules.attendance === 'named')
    errors.firstNames =
      'This group records members linked to their family record only: remove the first names';
  else if (firstNames.some((n) => n.length > 100))
    errors.firstNames = 'Each first name must be 100 characters or fewer';
  else if (firstNames.length > maxFirstNames)
    errors.firstNames = `Enter at most ${maxFirstNames} first names`;

  let anonymousCount = 0;
  if (form.anonymousCount) {
    const count = wholeNumber(form.anonymousCount);
    if (rules.attendance !== 'anonymous')
      errors.anonymousCount = 'This group does not record people by number only: remove the number';
    else if (count === undefined)
      errors.anonymousCount = 'The number of people recorded by number only must be a whole number, like 3';
    else if (count > 500)
      errors.anonymousCount = 'The number of people recorded by number only must be 500 or fewer';
    else anonymousCount = count;
  }

  if (Object.keys(errors).length || held.kind !== 'date' || !attendees) return { ok: false, errors };
  const total = attendees.length + firstNames.length + anonymousCount;
  return {
    ok: true,
    value: {
      heldOn: held.iso,
      startsAt,
      topic: form.topic || null,
      notes: form.notes || null,
      attendees,
      firstNames,
      anonymousCount,
      total,
      overCapacity: rules.capacity !== null && total > rules.capacity,
    },
  };
}

/** The fields a correction compares, in the order the conflict panel lists them. */
export const sessionEditLabels = [
  { name: 'heldOn', label: 'Date of the session' },
  { name: 'startsAt', label: 'Start time' },
  { name: 'topic', label: 'Topic' },
  { name: 'notes', label: 'Notes' },
  { name: 'attendees', label: 'Members who came' },
  { name: 'firstNames', label: 'First names of others who came' },
  { name: 'anonymousCount', label: 'Others not named' },
] as const;

/** What a correction compares: a session's fields as text, the register's pairs sorted and joined by commas. */
export interface SessionFields {
  heldOn: string;
  startsAt: string | null;
  topic: string | null;
  notes: string | null;
  attendees: AttendeeInput[];
  firstNames: string[];
  anonymousCount: number;
}

export function sessionValues(s: SessionFields): Record<string, string | null> {
  const pairs = s.attendees.map((a) => `${a.familyId}:${a.personId}`).sort();
  return {
    heldOn: s.heldOn,
    startsAt: s.startsAt,
    topic: s.topic,
    notes: s.notes,
    attendees: pairs.length ? pairs.join(',') : null,
    firstNames: s.firstNames.length ? s.firstNames.join('\n') : null,
    anonymousCount: s.anonymousCount ? String(s.anonymousCount) : null,
  };
}

/** The form showing saved (or merged) values, for the correction page. */
export function sessionFormOf(values: Record<string, string | null>): SessionForm {
  return {
    heldOn: partsOfIso(values.heldOn),
    startsAt: values.startsAt ?? '',
    topic: values.topic ?? '',
    notes: values.notes ?? '',
    attendees: values.attendees ? values.attendees.split(',') : [],
    firstNames: values.firstNames ?? '',
    anonymousCount: values.anonymousCount ?? '',
    find: '',
    finding: false,
  };
}

/** Checks the reason a session is marked as recorded in error. */
export const checkSessionInErrorForm = (body: unknown): InErrorCheck => checkInErrorReason(body, 'session');
