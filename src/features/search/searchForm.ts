import type { FieldErrors } from '../../platform/http/forms.ts';
import { type DateParts, parseDateParts } from '../chronology/dateParts.ts';
import type { FamilySearchQuery } from './familySearch.ts';
import { normalisePostcode, normaliseSearchName } from './personSearch.ts';

/** The family search form as typed (a GET form: the values come from the query string). */
export interface SearchForm {
  name: string;
  dateOfBirth: DateParts;
  postcode: string;
  reference: string;
}

export const searchFieldOrder = ['name', 'dateOfBirth', 'postcode', 'reference'] as const;

function text(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  if (Array.isArray(value)) return String(value[0] ?? '').trim();
  return typeof value === 'string' ? value.trim() : '';
}

export function parseSearchForm(query: Record<string, unknown>): SearchForm {
  return {
    name: text(query, 'name'),
    dateOfBirth: {
      day: text(query, 'dateOfBirth-day'),
      month: text(query, 'dateOfBirth-month'),
      year: text(query, 'dateOfBirth-year'),
    },
    postcode: text(query, 'postcode'),
    reference: text(query, 'reference'),
  };
}

/** True when nothing was typed: the page shows the empty form, without errors. */
export function isEmptySearch(form: SearchForm): boolean {
  return !form.name && !form.postcode && !form.reference && !Object.values(form.dateOfBirth).some(Boolean);
}

export type SearchFormResult =
  | { ok: true; query: FamilySearchQuery }
  | { ok: false; errors: FieldErrors; errorParts: Record<string, string> };

/** Checks the search terms; `today` (ISO) bounds the date of birth. */
export function checkSearchForm(form: SearchForm, today: string): SearchFormResult {
  const errors: FieldErrors = {};
  const errorParts: Record<string, string> = {};
  if (isEmptySearch(form)) {
    errors.name = 'Enter a name, date of birth, postcode or family reference';
    return { ok: false, errors, errorParts };
  }
  if (form.name && normaliseSearchName(form.name).length < 2)
    errors.name = 'Enter at least 2 letters of the name';
  else if (form.name.length > 100) errors.name = 'Name must be 100 characters or fewer';
  const born = parseDateParts(form.dateOfBirth, 'Date of birth', { dayOptional: false });
  let dateOfBirth: string | undefined;
  if (born.kind === 'invalid') {
    errors.dateOfBirth = born.message;
    errorParts.dateOfBirth = born.part;
  } else if (born.kind === 'date') {
    if (born.iso > today) {
      errors.dateOfBirth = 'Date of birth must be in the past';
      errorParts.dateOfBirth = 'day';
    } else dateOfBirth = born.iso;
  }
  const postcode = normalisePostcode(form.postcode);
  if (form.postcode && !/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/.test(postcode))
    errors.postcode = 'Enter a full postcode, like KY12 7AB';
  if (form.reference.length > 40) errors.reference = 'Family reference must be 40 characters or fewer';
  if (Object.keys(errors).length > 0) return { ok: false, errors, errorParts };
  return {
    ok: true,
    query: {
      name: form.name || undefined,
      dateOfBirth,
      postcode: postcode || undefined,
      reference: form.reference || undefined,
    },
  };
}

/** The error summary's list, linking a date of birth error to the part to fix. */
export function searchErrorList(errors: FieldErrors, errorParts: Record<string, string>) {
  return searchFieldOrder
    .filter((name) => errors[name])
    .map((name) => ({
      text: errors[name] as string,
      href: errorParts[name] ? `#${name}-${errorParts[name]}` : `#${name}`,
    }));
}
