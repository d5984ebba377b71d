import { type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';

export const maxTextLength = 200;
export const maxNoteLength = 2000;

function dateParts(body: unknown, name: string): DateParts {
  return {
    day: field(body, `${name}-day`),
    month: field(body, `${name}-month`),
    year: field(body, `${name}-year`),
  };
}

/** A date that defaults to today when left empty, and may not be in the future. */
function readDate(parts: DateParts, label: string, today: string, errors: FieldErrors, name: string): string {
  const parsed = parseDateParts(parts, label, { dayOptional: false });
  if (parsed.kind === 'empty') return today;
  if (parsed.kind === 'invalid') {
    errors[name] = parsed.message;
    return today;
  }
  if (parsed.iso > today) errors[name] = `${label} must be today or in the past`;
  return parsed.iso;
}

function optionalText(value: string, label: string, name: string, errors: FieldErrors, max = maxTextLength) {
  if (value.length > max) errors[name] = `${label} must be ${max} characters or fewer`;
  return value || null;
}

export const joinFieldOrder = [
  'organisation',
  'members',
  'sharing',
  'consentMethod',
  'consentScope',
  'role',
  'contact',
  'joinedOn',
] as const;

/** What the invite form suggests members agreed to share, until the worker writes their own words. */
export const defaultConsentScope = 'Information about their support and the family’s plan';
const consentMethods = ['verbal', 'written'] as const;

export function readJoinForm(body: unknown, today: string) {
  const errors: FieldErrors = {};
  const values = {
    organisation: field(body, 'organisation'),
    members: fields(body, 'members'),
    role: field(body, 'role'),
    contact: field(body, 'contact'),
    joinedOn: dateParts(body, 'joinedOn'),
    sharing: fields(body, 'sharing'),
    consentMethod: field(body, 'consentMethod'),
    consentScope: field(body, 'consentScope'),
  };
  if (!values.organisation) errors.organisation = 'Choose the organisation joining the team';
  if (values.members.length === 0)
    errors.members = 'Choose at least one member the organisation will work with';
  const role = optionalText(values.role, 'Their role', 'role', errors);
  const contact = optionalText(values.contact, 'How to contact them', 'contact', errors);
  const joinedOn = readDate(values.joinedOn, 'The date they joined', today, errors, 'joinedOn');
  // Consent recorded on the same form: who agreed to share with the organisation, how, and what.
  const method = consentMethods.find((m) => m === values.consentMethod) ?? null;
  if (values.sharing.length > 0) {
    if (!method) errors.consentMethod = 'Select how they agreed: by talking with you, or in writing';
    if (!values.consentScope) errors.consentScope = 'Enter what they agreed to share';
  }
  const consentScope = optionalText(
    values.consentScope,
    'What they agreed to share',
    'consentScope',
    errors,
    500,
  );
  const input = {
    organisationId: values.organisation,
    memberIds: values.members,
    role,
    contact,
    joinedOn,
    consent:
      values.sharing.length > 0 ? { memberIds: values.sharing, method, scope: consentScope ?? '' } : null,
  };
  return { values, errors, input: Object.keys(errors).length ? undefined : input };
}

export function readLeaveForm(body: unknown, today: string) {
  const errors: FieldErrors = {};
  const values = { leftOn: dateParts(body, 'leftOn') };
  const leftOn = readDate(values.leftOn, 'The date they left', today, errors, 'leftOn');
  return { values, errors, leftOn: Object.keys(errors).length ? undefined : leftOn };
}

export const workerFieldOrder = ['user', 'person', 'role', 'contact', 'joinedOn'] as const;

export function readWorkerForm(body: unknown, today: string) {
  const errors: FieldErrors = {};
  const values = {
    user: field(body, 'user'),
    person: field(body, 'person'),
    role: field(body, 'role'),
    contact: field(body, 'contact'),
    joinedOn: dateParts(body, 'joinedOn'),
  };
  if (!values.user) errors.user = 'Choose the worker';
  if (!values.role) errors.role = 'Enter their role with the family, for example family support worker';
  optionalText(values.role, 'Their role', 'role', errors);
  const contact = optionalText(values.contact, 'How to contact them', 'contact', errors);
  const joinedOn = readDate(values.joinedOn, 'The date they joined', today, errors, 'joinedOn');
  const input = {
    userId: values.user,
    personId: values.person && values.person !== 'family' ? values.person : null,
    role: values.role,
    contact,
    joinedOn,
  };
  return { values, errors, input: Object.keys(errors).length ? undefined : input };
}

export const handoverFieldOrder = ['user', 'handoverNote', 'startedOn'] as const;

export function readHandoverForm(body: unknown, today: string) {
  const errors: FieldErrors = {};
  const values = {
    user: field(body, 'user'),
    handoverNote: field(body, 'handoverNote'),
    startedOn: dateParts(body, 'startedOn'),
  };
  if (!values.user) errors.user = 'Choose the new lead professional';
  if (!values.handoverNote) errors.handoverNote = 'Enter a hand-over note: what the new lead needs to know';
  optionalText(values.handoverNote, 'The hand-over note', 'handoverNote', errors, maxNoteLength);
  const startedOn = readDate(values.startedOn, 'The hand-over date', today, errors, 'startedOn');
  const input = { userId: values.user, handoverNote: values.handoverNote, startedOn };
  return { values, errors, input: Object.keys(errors).length ? undefined : input };
}
