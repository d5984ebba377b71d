import type { directoryService } from '../../db/schemaDirectory.ts';
import type { FieldLabel, FieldValues } from '../../platform/concurrency/optimisticLock.ts';
import { emailPattern, type FieldErrors, field, fields } from '../../platform/http/forms.ts';
import {
  allKnown,
  audiences,
  deliverers,
  deliveryMethods,
  languages,
  programmes,
  referralRoutes,
  supportKinds,
  type Term,
} from '../directory/vocabulary.ts';
import type { Checked } from '../plan/planForms.ts';

// The three pages of a service's listing, each its own form: about the
// service; who it is for and what it offers; getting in and waits. A form's
// values are strings (a list of codes is joined with commas) so the
// optimistic lock can compare them field by field.

export const sections = ['about', 'offer', 'access', 'referrals'] as const;
export type Section = (typeof sections)[number];

export const sectionTitles: Record<Section, string> = {
  about: 'About the service',
  offer: 'Who it is for and what it offers',
  access: 'Getting in and waits',
  referrals: 'Referrals from other services',
};

interface FieldSpec extends FieldLabel {
  /** The vocabulary of a checkbox list. */
  terms?: readonly Term[];
}

export const sectionFields: Record<Section, readonly FieldSpec[]> = {
  about: [
    { name: 'name', label: 'Name' },
    { name: 'summary', label: 'Summary' },
    { name: 'description', label: 'What you offer' },
    { name: 'url', label: 'Website' },
    { name: 'email', label: 'Email address' },
    { name: 'status', label: 'Open to new people' },
  ],
  offer: [
    { name: 'audiences', label: 'Who it is for', terms: audiences },
    { name: 'minimumAge', label: 'Youngest age' },
    { name: 'maximumAge', label: 'Oldest age' },
    { name: 'supportKinds', label: 'Kind of support', terms: supportKinds },
    { name: 'programmes', label: 'Named programmes', terms: programmes },
    { name: 'delivery', label: 'How it is delivered', terms: deliveryMethods },
    { name: 'deliveredBy', label: 'Who delivers it', terms: deliverers },
    { name: 'languages', label: 'Languages', terms: languages },
    { name: 'accessibility', label: 'Accessibility' },
    { name: 'free', label: 'Free' },
    { name: 'costNote', label: 'About the cost' },
  ],
  access: [
    { name: 'referralRoutes', label: 'How to get in', terms: referralRoutes },
    { name: 'howToGetIn', label: 'How to get in, in your words' },
    { name: 'selfReferral', label: 'Referrals from the finder' },
    { name: 'whatHappensNext', label: 'What happens next' },
    { name: 'capacityNote', label: 'Capacity' },
    { name: 'waitWeeks', label: 'Wait in weeks' },
  ],
  // The referral route other services see when they refer to this one (issue 7).
  referrals: [
    { name: 'referralTakes', label: 'Who you take' },
    { name: 'referralNeeds', label: 'What a referral must tell you' },
    { name: 'referralExcludes', label: 'Who you do not take' },
    { name: 'referralEmail', label: 'Email for referral notices' },
  ],
};

export function fieldOrder(section: Section): string[] {
  return sectionFields[section].map((f) => f.name);
}

export type SectionForm = Record<string, string>;

/** The posted form of one page, as strings. */
export function parseSection(section: Section, body: unknown): SectionForm {
  return Object.fromEntries(
    sectionFields[section].map((f) => [
      f.name,
      f.terms ? fields(body, f.name).join(',') : field(body, f.name),
    ]),
  );
}

export type ServiceRow = typeof directoryService.$inferSelect;
export type ServiceChanges = Partial<typeof directoryService.$inferInsert>;

const text = (v: string | null | undefined) => v ?? '';
const yesNo = (v: boolean) => (v ? 'yes' : 'no');

/** One page's form showing the service as saved. */
export function sectionFormOf(section: Section, row: ServiceRow): SectionForm {
  if (section === 'about')
    return {
      name: row.name,
      summary: row.summary,
      description: row.description,
      url: text(row.url),
      email: text(row.email),
      status: row.status,
    };
  if (section === 'offer')
    return {
      audiences: row.audiences.join(','),
      minimumAge: text(row.minimumAge?.toString()),
      maximumAge: text(row.maximumAge?.toString()),
      supportKinds: row.supportKinds.join(','),
      programmes: row.programmes.join(','),
      delivery: row.delivery.join(','),
      deliveredBy: row.deliveredBy.join(','),
      languages: row.languages.join(','),
      accessibility: text(row.accessibility),
      free: yesNo(row.free),
      costNote: text(row.costNote),
    };
  if (section === 'referrals')
    return {
      referralTakes: text(row.referralTakes),
      referralNeeds: text(row.referralNeeds),
      referralExcludes: text(row.referralExcludes),
      referralEmail: text(row.referralEmail),
    };
  return {
    referralRoutes: row.referralRoutes.join(','),
    howToGetIn: text(row.howToGetIn),
    selfReferral: yesNo(row.selfReferral),
    whatHappensNext: text(row.whatHappensNext),
    capacityNote: text(row.capacityNote),
    waitWeeks: text(row.waitWeeks?.toString()),
  };
}

/** A form's values for the optimistic lock: empty fields are null. */
export function valuesOf(form: SectionForm): FieldValues {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, v === '' ? null : v]));
}

export function formOfValues(section: Section, values: FieldValues): SectionForm {
  return Object.fromEntries(sectionFields[section].map((f) => [f.name, values[f.name] ?? '']));
}

const codes = (value: string) => (value ? value.split(',') : []);

function required(
  errors: FieldErrors,
  name: string,
  value: string,
  max: number,
  missing: string,
  what: string,
): void {
  if (!value) errors[name] = missing;
  else if (value.length > max) errors[name] = `${what} must be ${max} characters or fewer`;
}

function optional(
  errors: FieldErrors,
  name: string,
  value: string,
  max: number,
  what: string,
): string | null {
  if (value.length > max) errors[name] = `${what} must be ${max} characters or fewer`;
  return value || null;
}

function list(
  errors: FieldErrors,
  name: string,
  value: string,
  terms: readonly Term[],
  what: string,
): string[] {
  const chosen = codes(value);
  if (!allKnown(terms, chosen)) errors[name] = `Select ${what} from the list`;
  return [...new Set(chosen)];
}

function age(errors: FieldErrors, name: string, value: string, what: string): number | null {
  if (!value) return null;
  if (!/^\d+$/.test(value)) errors[name] = `${what} must be a whole number, like 16`;
  else if (Number(value) > 120) errors[name] = `${what} must be between 0 and 120`;
  else return Number(value);
  return null;
}

function yes(errors: FieldErrors, name: string, value: string, message: string): boolean {
  if (value !== 'yes' && value !== 'no') errors[name] = message;
  return value === 'yes';
}

const urlPattern = /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i;

function checkAbout(form: SectionForm, errors: FieldErrors): ServiceChanges {
  required(errors, 'name', form.name ?? '', 200, 'Enter the name of the service', 'The name');
  required(
    errors,
    'summary',
    form.summary ?? '',
    300,
    'Enter a one-line summary of the service',
    'The summary',
  );
  required(
    errors,
    'description',
    form.description ?? '',
    4000,
    'Enter what you offer, in plain words',
    'What you offer',
  );
  const url = optional(errors, 'url', form.url ?? '', 500, 'The website');
  if (url && !errors.url && !urlPattern.test(url))
    errors.url = 'Enter the website address in full, like https://www.example.org';
  const email = optional(errors, 'email', form.email ?? '', 254, 'The email address');
  if (email && !errors.email && !emailPattern.test(email))
    errors.email = 'Enter an email address in the correct format, like help@example.org';
  if (form.status !== 'active' && form.status !== 'inactive')
    errors.status = 'Select whether the service is open to new people';
  return {
    name: form.name,
    summary: form.summary,
    description: form.description,
    url,
    email,
    status: form.status === 'inactive' ? 'inactive' : 'active',
  };
}

function checkOffer(form: SectionForm, errors: FieldErrors): ServiceChanges {
  const changes: ServiceChanges = {
    audiences: list(errors, 'audiences', form.audiences ?? '', audiences, 'who it is for'),
    supportKinds: list(errors, 'supportKinds', form.supportKinds ?? '', supportKinds, 'the kind of support'),
    programmes: list(errors, 'programmes', form.programmes ?? '', programmes, 'the programmes'),
    delivery: list(errors, 'delivery', form.delivery ?? '', deliveryMethods, 'how it is delivered'),
    deliveredBy: list(errors, 'deliveredBy', form.deliveredBy ?? '', deliverers, 'who delivers it'),
    languages: list(errors, 'languages', form.languages ?? '', languages, 'the languages'),
  };
  if (!errors.audiences && !changes.audiences?.length) errors.audiences = 'Select who the service is for';
  if (!errors.supportKinds && !changes.supportKinds?.length)
    errors.supportKinds = 'Select the kind of support you give';
  if (!errors.delivery && !changes.delivery?.length) errors.delivery = 'Select how the support is delivered';
  if (!errors.languages && !changes.languages?.length)
    errors.languages = 'Select at least one language support is given in';
  changes.minimumAge = age(errors, 'minimumAge', form.minimumAge ?? '', 'The youngest age');
  changes.maximumAge = age(errors, 'maximumAge', form.maximumAge ?? '', 'The oldest age');
  if (changes.minimumAge !== null && changes.maximumAge !== null && changes.minimumAge > changes.maximumAge)
    errors.maximumAge = 'The oldest age must be the same as or more than the youngest age';
  changes.accessibility = optional(errors, 'accessibility', form.accessibility ?? '', 1000, 'Accessibility');
  changes.free = yes(errors, 'free', form.free ?? '', 'Select whether the service is free');
  changes.costNote = optional(errors, 'costNote', form.costNote ?? '', 500, 'About the cost');
  if (form.free === 'no' && !changes.costNote && !errors.costNote)
    errors.costNote = 'Say what it costs, or who pays';
  return changes;
}

function checkAccess(form: SectionForm, errors: FieldErrors, today: string): ServiceChanges {
  const routes = list(errors, 'referralRoutes', form.referralRoutes ?? '', referralRoutes, 'how to get in');
  if (!errors.referralRoutes && !routes.length) errors.referralRoutes = 'Select how people can get in';
  const howToGetIn = optional(errors, 'howToGetIn', form.howToGetIn ?? '', 1000, 'How to get in');
  const selfReferral = yes(
    errors,
    'selfReferral',
    form.selfReferral ?? '',
    'Select whether people can refer themselves from the finder',
  );
  const whatHappensNext = optional(
    errors,
    'whatHappensNext',
    form.whatHappensNext ?? '',
    1000,
    'What happens next',
  );
  if (selfReferral && !whatHappensNext && !errors.whatHappensNext)
    errors.whatHappensNext = 'Say what happens after someone refers themselves';
  const capacityNote = optional(errors, 'capacityNote', form.capacityNote ?? '', 500, 'Capacity');
  let waitWeeks: number | null = null;
  const wait = form.waitWeeks ?? '';
  if (wait && !/^\d+$/.test(wait)) errors.waitWeeks = 'The wait must be a whole number of weeks, like 3';
  else if (wait && Number(wait) > 104) errors.waitWeeks = 'The wait must be between 0 and 104 weeks';
  else if (wait) waitWeeks = Number(wait);
  return {
    referralRoutes: routes,
    howToGetIn,
    selfReferral,
    whatHappensNext,
    capacityNote,
    waitWeeks,
    // Saying the wait now is what makes it current.
    waitUpdatedOn: waitWeeks === null ? null : today,
  };
}

function checkReferrals(form: SectionForm, errors: FieldErrors): ServiceChanges {
  const referralEmail = optional(
    errors,
    'referralEmail',
    form.referralEmail ?? '',
    254,
    'The email for referral notices',
  );
  if (referralEmail && !errors.referralEmail && !emailPattern.test(referralEmail))
    errors.referralEmail = 'Enter an email address in the correct format, like referrals@example.org';
  return {
    referralTakes: optional(errors, 'referralTakes', form.referralTakes ?? '', 1000, 'Who you take'),
    referralNeeds: optional(
      errors,
      'referralNeeds',
      form.referralNeeds ?? '',
      1000,
      'What a referral must tell you',
    ),
    referralExcludes: optional(
      errors,
      'referralExcludes',
      form.referralExcludes ?? '',
      1000,
      'Who you do not take',
    ),
    referralEmail,
  };
}

/** Checks one page; the changes it makes to the service, or the messages by field. */
export function checkSection(section: Section, form: SectionForm, today: string): Checked<ServiceChanges> {
  const errors: FieldErrors = {};
  const value =
    section === 'about'
      ? checkAbout(form, errors)
      : section === 'offer'
        ? checkOffer(form, errors)
        : section === 'access'
          ? checkAccess(form, errors, today)
          : checkReferrals(form, errors);
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value };
}
