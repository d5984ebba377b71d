import { type MemberRole, memberRoles } from '../../db/schema.ts';
import { emailPattern, type FieldErrors, field, fields } from '../../platform/http/forms.ts';

/** A yes/no/not-asked answer as the form sends it. */
export type Answer = 'yes' | 'no' | 'unknown';

/** The member details form as typed, kept as text so a page can show it again with its errors. */
export interface MemberFormValues {
  givenName: string;
  familyName: string;
  preferredName: string;
  pronouns: string;
  dobDay: string;
  dobMonth: string;
  dobYear: string;
  approximateAge: string;
  gender: string;
  ethnicity: string;
  firstLanguage: string;
  interpreterNeeded: Answer;
  phone: string;
  email: string;
  address: string;
  postcode: string;
  addressWithheld: boolean;
  safeToPhone: Answer;
  safeToText: Answer;
  safeToWrite: Answer;
  safeToVisit: Answer;
  safeTimes: string;
  contactSafetyNote: string;
  relationshipLabel: string;
  roles: string[];
  livesInHousehold: Answer;
  inContactWithServices: Answer;
}

/** A person's own details, checked and ready to store. */
export interface PersonDetails {
  givenName: string;
  familyName: string | null;
  preferredName: string | null;
  pronouns: string | null;
  dateOfBirth: string | null;
  approximateAge: number | null;
  gender: string | null;
  ethnicity: string | null;
  firstLanguage: string | null;
  interpreterNeeded: boolean;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  addressWithheld: boolean;
  safeToPhone: boolean | null;
  safeToText: boolean | null;
  safeToWrite: boolean | null;
  safeToVisit: boolean | null;
  safeTimes: string | null;
  contactSafetyNote: string | null;
}

/** How a person belongs to one family. */
export interface MembershipDetails {
  relationshipLabel: string | null;
  roles: MemberRole[];
  livesInHousehold: boolean | null;
  inContactWithServices: Answer;
}

export interface MemberDetails {
  person: PersonDetails;
  membership: MembershipDetails;
}

/** The fields in page order, for the error summary. */
export const memberFieldOrder = [
  'givenName',
  'familyName',
  'preferredName',
  'pronouns',
  'dateOfBirth',
  'approximateAge',
  'gender',
  'ethnicity',
  'firstLanguage',
  'interpreterNeeded',
  'relationshipLabel',
  'roles',
  'livesInHousehold',
  'inContactWithServices',
  'phone',
  'email',
  'address',
  'postcode',
  'safeToPhone',
  'safeToText',
  'safeToWrite',
  'safeToVisit',
  'safeTimes',
  'contactSafetyNote',
] as const;

export const answers: readonly Answer[] = ['yes', 'no', 'unknown'];

function answer(body: unknown, name: string): Answer {
  const value = field(body, name);
  return (answers as readonly string[]).includes(value) ? (value as Answer) : 'unknown';
}

export function emptyMemberForm(): MemberFormValues {
  return parseMemberForm({});
}

/** Reads the member details form from a urlencoded body. */
export function parseMemberForm(body: unknown): MemberFormValues {
  return {
    givenName: field(body, 'givenName'),
    familyName: field(body, 'familyName'),
    preferredName: field(body, 'preferredName'),
    pronouns: field(body, 'pronouns'),
    dobDay: field(body, 'dateOfBirth-day'),
    dobMonth: field(body, 'dateOfBirth-month'),
    dobYear: field(body, 'dateOfBirth-year'),
    approximateAge: field(body, 'approximateAge'),
    gender: field(body, 'gender'),
    ethnicity: field(body, 'ethnicity'),
    firstLanguage: field(body, 'firstLanguage'),
    interpreterNeeded: answer(body, 'interpreterNeeded'),
    phone: field(body, 'phone'),
    email: field(body, 'email'),
    address: field(body, 'address'),
    postcode: field(body, 'postcode'),
    addressWithheld: field(body, 'addressWithheld') === 'yes',
    safeToPhone: answer(body, 'safeToPhone'),
    safeToText: answer(body, 'safeToText'),
    safeToWrite: answer(body, 'safeToWrite'),
    safeToVisit: answer(body, 'safeToVisit'),
    safeTimes: field(body, 'safeTimes'),
    contactSafetyNote: field(body, 'contactSafetyNote'),
    relationshipLabel: field(body, 'relationshipLabel'),
    roles: [...new Set(fields(body, 'roles'))],
    livesInHousehold: answer(body, 'livesInHousehold'),
    inContactWithServices: answer(body, 'inContactWithServices'),
  };
}

const phonePattern = /^\+?[0-9 ()-]+$/;
export const postcodePattern = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i;

/** A real calendar date from day, month and year text, as ISO, or undefined. */
export function calendarDate(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}

function optional(text: string): string | null {
  return text === '' ? null : text;
}

function yesNo(value: Answer): boolean | null {
  return value === 'unknown' ? null : value === 'yes';
}

function checkLength(
  errors: FieldErrors,
  form: MemberFormValues,
  name: keyof MemberFormValues,
  max: number,
  label: string,
) {
  const value = form[name];
  if (typeof value === 'string' && value.length > max && !errors[name])
    errors[name] = `${label} must be ${max} characters or fewer`;
}

/**
 * Checks the member details form. Returns the details ready to store, or
 * the problems, each saying how to put it right.
 */
export function validateMemberForm(
  form: MemberFormValues,
  today: Date,
): { ok: true; details: MemberDetails } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!form.givenName) errors.givenName = 'Enter their first name';
  for (const [name, label] of [
    ['givenName', 'First name'],
    ['familyName', 'Last name'],
    ['preferredName', 'Preferred name'],
    ['pronouns', 'Pronouns'],
    ['gender', 'Gender'],
    ['ethnicity', 'Ethnicity'],
    ['firstLanguage', 'First language'],
    ['relationshipLabel', 'Who they are in the family'],
  ] as const)
    checkLength(errors, form, name, 100, label);
  checkLength(errors, form, 'address', 500, 'Address');
  checkLength(errors, form, 'safeTimes', 500, 'Safe times');
  checkLength(errors, form, 'contactSafetyNote', 2000, 'The note about contact');

  const todayIso = today.toISOString().slice(0, 10);
  let dateOfBirth: string | null = null;
  const anyDatePart = form.dobDay || form.dobMonth || form.dobYear;
  if (anyDatePart) {
    const date = calendarDate(form.dobDay, form.dobMonth, form.dobYear);
    if (!date) errors.dateOfBirth = 'Date of birth must be a real date, like 27 3 1985';
    else if (date > todayIso) errors.dateOfBirth = 'Date of birth must be today or in the past';
    else if (date < `${Number(todayIso.slice(0, 4)) - 120}${todayIso.slice(4)}`)
      errors.dateOfBirth = 'Date of birth must be within the last 120 years';
    else dateOfBirth = date;
  }
  let approximateAge: number | null = null;
  if (form.approximateAge) {
    if (anyDatePart) errors.approximateAge = 'Enter a date of birth or an approximate age, not both';
    else if (!/^\d{1,3}$/.test(form.approximateAge))
      errors.approximateAge = 'Approximate age must be a whole number of years, like 42';
    else if (Number(form.approximateAge) > 120) errors.approximateAge = 'Approximate age must be 120 or less';
    else approximateAge = Number(form.approximateAge);
  }

  const digits = form.phone.replace(/\D/g, '');
  if (form.phone && (!phonePattern.test(form.phone) || digits.length < 10 || digits.length > 13))
    errors.phone = 'Enter a phone number, like 01632 960 001 or 07700 900 982';
  if (form.email && (form.email.length > 254 || !emailPattern.test(form.email)))
    errors.email = 'Enter an email address in the right format, like name@example.org';
  if (form.postcode && !postcodePattern.test(form.postcode))
    errors.postcode = 'Enter a real postcode, like KA7 1AA';
  if (form.addressWithheld && !form.address && !form.postcode)
    errors.address = 'Enter the address to withhold, or untick “Withhold this address”';
  if (form.roles.some((role) => !(memberRoles as readonly string[]).includes(role)))
    errors.roles = 'Select only the roles shown';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    details: {
      person: {
        givenName: form.givenName,
        familyName: optional(form.familyName),
        preferredName: optional(form.preferredName),
        pronouns: optional(form.pronouns),
        dateOfBirth,
        approximateAge,
        gender: optional(form.gender),
        ethnicity: optional(form.ethnicity),
        firstLanguage: optional(form.firstLanguage),
        interpreterNeeded: form.interpreterNeeded === 'yes',
        phone: optional(form.phone),
        email: optional(form.email),
        address: optional(form.address),
        postcode: form.postcode ? normalisePostcode(form.postcode) : null,
        addressWithheld: form.addressWithheld,
        safeToPhone: yesNo(form.safeToPhone),
        safeToText: yesNo(form.safeToText),
        safeToWrite: yesNo(form.safeToWrite),
        safeToVisit: yesNo(form.safeToVisit),
        safeTimes: optional(form.safeTimes),
        contactSafetyNote: optional(form.contactSafetyNote),
      },
      membership: {
        relationshipLabel: optional(form.relationshipLabel),
        roles: form.roles as MemberRole[],
        livesInHousehold: yesNo(form.livesInHousehold),
        inContactWithServices: form.inContactWithServices,
      },
    },
  };
}

/** "ka71aa" → "KA7 1AA". */
export function normalisePostcode(postcode: string): string {
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

function toAnswer(value: boolean | null): Answer {
  return value === null ? 'unknown' : value ? 'yes' : 'no';
}

/** The form filled in from stored details, for the edit page. */
export function memberFormFrom(details: MemberDetails): MemberFormValues {
  const p = details.person;
  const [dobYear = '', dobMonth = '', dobDay = ''] = p.dateOfBirth ? p.dateOfBirth.split('-') : [];
  return {
    givenName: p.givenName,
    familyName: p.familyName ?? '',
    preferredName: p.preferredName ?? '',
    pronouns: p.pronouns ?? '',
    dobDay: dobDay ? String(Number(dobDay)) : '',
    dobMonth: dobMonth ? String(Number(dobMonth)) : '',
    dobYear,
    approximateAge: p.approximateAge === null ? '' : String(p.approximateAge),
    gender: p.gender ?? '',
    ethnicity: p.ethnicity ?? '',
    firstLanguage: p.firstLanguage ?? '',
    interpreterNeeded: p.interpreterNeeded ? 'yes' : 'no',
    phone: p.phone ?? '',
    email: p.email ?? '',
    address: p.address ?? '',
    postcode: p.postcode ?? '',
    addressWithheld: p.addressWithheld,
    safeToPhone: toAnswer(p.safeToPhone),
    safeToText: toAnswer(p.safeToText),
    safeToWrite: toAnswer(p.safeToWrite),
    safeToVisit: toAnswer(p.safeToVisit),
    safeTimes: p.safeTimes ?? '',
    contactSafetyNote: p.contactSafetyNote ?? '',
    relationshipLabel: details.membership.relationshipLabel ?? '',
    roles: details.membership.roles,
    livesInHousehold: toAnswer(details.membership.livesInHousehold),
    inContactWithServices: details.membership.inContactWithServices,
  };
}
