import {
  checkInErrorReason,
  type InErrorCheck,
  maxInErrorReason as maxReason,
} from '../../platform/concurrency/inError.ts';
import { partsOfIso } from '../plan/planForms.ts';
import { type ContactForm, type ContactInput, parseContactForm } from './contactForm.ts';
import { ukDateAndTime } from './contactTime.ts';

export { maxReason };

/** Checks the reason a contact is marked as recorded in error (the same limit as a meeting's). */
export const checkContactInErrorForm = (body: unknown): InErrorCheck => checkInErrorReason(body, 'contact');

/** The correctable fields, in the form's order, for the conflict page. */
export const contactEditLabels = [
  { name: 'members', label: 'Who the contact was with' },
  { name: 'occurredOn', label: 'Date' },
  { name: 'time', label: 'Time' },
  { name: 'kind', label: 'Kind of contact' },
  { name: 'jointOrganisationId', label: 'The other agency' },
  { name: 'channel', label: 'How' },
  { name: 'outcome', label: 'What happened' },
  { name: 'durationMinutes', label: 'Length in minutes' },
  { name: 'topics', label: 'What was covered' },
  { name: 'notes', label: 'Notes' },
  { name: 'followUp', label: 'Follow-up actions' },
  { name: 'enrolmentId', label: 'Programme' },
  { name: 'confidential', label: 'Confidential notes' },
  { name: 'significant', label: 'In the chronology' },
] as const;

/** A contact's correctable fields as text, for comparing two edits: lists sorted and joined by commas. */
export function contactValues(input: ContactInput): Record<string, string | null> {
  const list = (items: readonly string[]) => (items.length ? [...items].sort().join(',') : null);
  const { date, time } = ukDateAndTime(input.occurredAt);
  return {
    members: list(input.memberIds),
    occurredOn: date,
    time,
    kind: input.kind,
    jointOrganisationId: input.jointOrganisationId,
    channel: input.channel,
    outcome: input.outcome,
    durationMinutes: input.durationMinutes === null ? null : String(input.durationMinutes),
    topics: list(input.topics),
    notes: input.notes,
    followUp: input.followUp,
    enrolmentId: input.enrolmentId,
    confidential: input.confidential ? 'yes' : 'no',
    significant: input.significant ? 'yes' : 'no',
  };
}

/** The form again from compared values (the conflict page keeps what was typed, plus the other person's changes). */
export function contactFormOf(values: Record<string, string | null>): ContactForm {
  const list = (value: string | null | undefined) => (value ? value.split(',') : []);
  return {
    ...parseContactForm({}),
    occurredOn: partsOfIso(values.occurredOn),
    time: values.time ?? '',
    members: list(values.members),
    kind: values.kind ?? '',
    jointOrganisationId: values.jointOrganisationId ?? '',
    channel: values.channel ?? '',
    outcome: values.outcome ?? '',
    durationMinutes: values.durationMinutes ?? '',
    topics: list(values.topics),
    notes: values.notes ?? '',
    followUp: values.followUp ?? '',
    enrolmentId: values.enrolmentId ?? '',
    confidential: values.confidential === 'yes',
    significant: values.significant === 'yes',
  };
}
