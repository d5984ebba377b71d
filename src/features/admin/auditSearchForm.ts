import type { AuditOutcome } from '../../db/schema.ts';
import { type FieldErrors, field } from '../../platform/http/forms.ts';
import { uuidPattern } from './adminAccess.ts';

export type DatePart = 'day' | 'month' | 'year';
export type DateParts = Record<DatePart, string>;

/** The search as the repository runs it: only checked values. */
export interface AuditFilters {
  /** A system admin's chosen organisation; ignored for everyone else. */
  organisationId?: string;
  userId?: string;
  action?: string;
  outcome?: AuditOutcome;
  /** Inclusive days, yyyy-mm-dd, in UK time. */
  from?: string;
  to?: string;
  familyId?: string;
}

/** The form as typed, to show it back. */
export interface AuditFormValues {
  organisation: string;
  user: string;
  action: string;
  outcome: string;
  from: DateParts;
  to: DateParts;
  family: string;
}

export interface AuditSearch {
  filters: AuditFilters;
  values: AuditFormValues;
  page: number;
  errors: FieldErrors;
  /** Which boxes of each date to mark as wrong. */
  badDateParts: { from: DatePart[]; to: DatePart[] };
}

export const outcomes: AuditOutcome[] = ['success', 'denied', 'failure'];
export const auditFieldOrder = ['organisation', 'user', 'action', 'outcome', 'from', 'to', 'family'];
/** Pages past this are not offered: narrow the search instead. */
export const lastPageOffered = 200;

const partNames: Record<DatePart, string> = { day: 'a day', month: 'a month', year: 'a year' };
const parts: DatePart[] = ['day', 'month', 'year'];

/** Checks a GOV.UK date input, with the GOV.UK pattern's messages. */
export function parseDateInput(
  label: string,
  date: DateParts,
): { iso?: string; error?: string; badParts: DatePart[] } {
  const missing = parts.filter((part) => date[part] === '');
  if (missing.length === 3) return { badParts: [] };
  if (missing.length > 0) {
    const words = missing.map((part) => partNames[part]);
    const list = words.length === 2 ? `${words[0]} and ${words[1]}` : words[0];
    return { error: `${label} must include ${list}`, badParts: missing };
  }
  const notNumbers = parts.filter((part) => !/^\d+$/.test(date[part]));
  if (notNumbers.length > 0) return { error: `${label} must be a real date`, badParts: notNumbers };
  if (date.year.length !== 4) return { error: 'Year must include 4 numbers', badParts: ['year'] };
  const [day, month, year] = [Number(date.day), Number(date.month), Number(date.year)];
  const candidate = new Date(Date.UTC(year, month - 1, day));
  if (
    candidate.getUTCFullYear() !== year ||
    candidate.getUTCMonth() !== month - 1 ||
    candidate.getUTCDate() !== day
  )
    return { error: `${label} must be a real date`, badParts: parts };
  return { iso: candidate.toISOString().slice(0, 10), badParts: [] };
}

/** Reads and checks the audit trail's filters from the query string. */
export function parseAuditSearch(query: unknown): AuditSearch {
  const dateParts = (prefix: string): DateParts => ({
    day: field(query, `${prefix}-day`),
    month: field(query, `${prefix}-month`),
    year: field(query, `${prefix}-year`),
  });
  const values: AuditFormValues = {
    organisation: field(query, 'organisation'),
    user: field(query, 'user'),
    action: field(query, 'action'),
    outcome: field(query, 'outcome'),
    from: dateParts('from'),
    to: dateParts('to'),
    family: field(query, 'family'),
  };
  const errors: FieldErrors = {};
  const filters: AuditFilters = {};
  const id = (name: 'organisation' | 'user' | 'family', message: string) => {
    if (values[name] === '') return undefined;
    if (uuidPattern.test(values[name])) return values[name].toLowerCase();
    errors[name] = message;
    return undefined;
  };
  filters.organisationId = id('organisation', 'Select an organisation from the list');
  filters.userId = id('user', 'Select a user from the list');
  filters.familyId = id(
    'family',
    'Enter a family ID in the right format, like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  );
  if (values.action.length > 100) errors.action = 'Select an action from the list';
  else if (values.action) filters.action = values.action;
  if ((outcomes as string[]).includes(values.outcome)) filters.outcome = values.outcome as AuditOutcome;
  else if (values.outcome) errors.outcome = 'Select an outcome from the list';

  const from = parseDateInput('Date from', values.from);
  const to = parseDateInput('Date to', values.to);
  if (from.error) errors.from = from.error;
  if (to.error) errors.to = to.error;
  const badDateParts = { from: from.badParts, to: to.badParts };
  if (from.iso && to.iso && to.iso < from.iso) {
    errors.to = 'Date to must be the same as or after date from';
    badDateParts.to = parts;
  }
  if (!errors.from) filters.from = from.iso;
  if (!errors.to) filters.to = to.iso;

  const pageNumber = Number(field(query, 'page') || '1');
  const page = Number.isInteger(pageNumber) && pageNumber >= 1 ? Math.min(pageNumber, lastPageOffered) : 1;
  return { filters: withoutEmpty(filters), values, page, errors, badDateParts };
}

function withoutEmpty(filters: AuditFilters): AuditFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as AuditFilters;
}
