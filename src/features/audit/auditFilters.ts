// The audit's filters, read by one parser wherever they are taken: the view
// pages' GET form, the JSON API's query, the exports, the printable report
// and the map. A period (a financial year, or a first and last day, or by
// default the 12 months up to today), and optionally a locality, a service and
// a group of people, each one of the partnership area's own.
import type { FieldErrors } from '../../platform/http/forms.ts';
import { type DateParts, isoDay, type ParsedDate, parseDateParts } from '../chronology/dateParts.ts';
import { addDays } from '../plan/planSchedule.ts';
import { auditGroupByCode } from './auditGroups.ts';
import type { AuditFilters } from './auditView.ts';

/** The longest period the audit works out at once. */
export const maxPeriodYears = 5;

export interface Period {
  from: string;
  to: string;
}

/** The same day a number of years before or after, 28 February for 29 February in other years. */
function yearsFrom(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return isoDay(year, m, Math.min(d, last));
}

/** The default: the 12 months up to and including today, so the audit is live rather than a year behind. */
export function lastTwelveMonths(today: string): Period {
  return { from: addDays(yearsFrom(today, -1), 1), to: today };
}

/** The financial year (1 April to 31 March) a day falls in, by the year it starts. */
export function financialYearOf(day: string): number {
  const year = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 4 ? year : year - 1;
}

export function financialYear(startYear: number): Period {
  return { from: isoDay(startYear, 4, 1), to: isoDay(startYear + 1, 3, 31) };
}

/** The periods offered as links: the last 12 months, this financial year so far and the two before it. */
export function suggestedPeriods(today: string): (Period & { label: string })[] {
  const year = financialYearOf(today);
  return [
    { label: 'Last 12 months', ...lastTwelveMonths(today) },
    { label: `Financial year ${year} to ${year + 1}, so far`, from: financialYear(year).from, to: today },
    { label: `Financial year ${year - 1} to ${year}`, ...financialYear(year - 1) },
    { label: `Financial year ${year - 2} to ${year - 1}`, ...financialYear(year - 2) },
  ];
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "1 April 2025". */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${monthNames[m - 1]} ${y}`;
}

/** "1 April 2025 to 31 March 2026". */
export function periodText(period: Period): string {
  return `${longDate(period.from)} to ${longDate(period.to)}`;
}

/** "2025-04-01-to-2026-03-31": the period in a file name. */
export function periodSlug(period: Period): string {
  return `${period.from}-to-${period.to}`;
}

/** "2025", "2025-26" or "2025/26": the financial year starting 1 April 2025. */
export function namedFinancialYear(typed: string): Period | undefined {
  const match = /^(\d{4})(?:[-/](\d{2}|\d{4}))?$/.exec(typed);
  if (!match) return undefined;
  const start = Number(match[1]);
  if (start < 2000 || start > 2099) return undefined;
  if (match[2] && Number(match[2]) % 100 !== (start + 1) % 100) return undefined;
  return financialYear(start);
}

/** "2025-26": how a financial year is named in an address. */
export function financialYearName(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoPattern = /^\d{4}-\d{2}-\d{2}$/;

/** What the partnership's area offers to choose from. */
export interface FilterChoices {
  localityIds: readonly string[];
  serviceIds: readonly string[];
}

/** The fields as typed, to show them again. */
export interface FilterValues {
  /** A financial year ("2025-26"), when the period was chosen that way. */
  year: string;
  from: DateParts;
  to: DateParts;
  localityId: string;
  serviceId: string;
  group: string;
}

export type CheckedFilters =
  | { ok: true; filters: AuditFilters; values: FilterValues }
  | { ok: false; errors: FieldErrors; values: FilterValues };

/** The fields as the query string names them, in the order a form shows them (for the error summary). */
export const filterFieldOrder = ['year', 'from', 'to', 'localityId', 'serviceId', 'group'] as const;

/** The one set of messages, for the pages' error summary and the problems of the API and the exports. */
export const filterMessages = {
  yearAndDates: 'Choose a financial year or a first and last day, not both',
  notAYear: 'The year must be a financial year, like 2025-26',
  yearToCome: 'The year must have started by today',
  startToCome: 'The start of the period must be today or in the past',
  backwards: 'The end of the period must be the same as or after its start',
  tooLong: `The period must be ${maxPeriodYears} years or shorter`,
  locality: 'Choose a locality from the list',
  service: 'Choose a service from the list',
  group: 'Choose a group of people from the list',
} as const;

function text(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function partsOf(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
}

const noDate: DateParts = { day: '', month: '', year: '' };

/**
 * A date from the form's three fields, or from `name` as yyyy-mm-dd (links,
 * the API and the exports). Something else in `name` is not a date: it is
 * kept in the year field, so the form shows what was sent.
 */
function dateFrom(query: Record<string, unknown>, name: string): { parts: DateParts; malformed: boolean } {
  const parts = {
    day: text(query, `${name}-day`),
    month: text(query, `${name}-month`),
    year: text(query, `${name}-year`),
  };
  if (parts.day || parts.month || parts.year) return { parts, malformed: false };
  const iso = text(query, name);
  if (!iso) return { parts: noDate, malformed: false };
  if (isoPattern.test(iso)) return { parts: partsOf(iso), malformed: false };
  return { parts: { day: '', month: '', year: iso }, malformed: true };
}

function choice(value: string): string {
  return value.toLowerCase() === 'all' ? '' : value;
}

function readDay(date: { parts: DateParts; malformed: boolean }, label: string): ParsedDate {
  if (date.malformed) return { kind: 'invalid', message: `${label} must be a real date`, part: 'day' };
  return parseDateParts(date.parts, label, { dayOptional: false });
}

/**
 * The period: a financial year (`year=2025-26`), or a first and last day
 * (`from`, `to`, as yyyy-mm-dd or a GOV.UK date input's three fields), or by
 * default the 12 months up to today. A first day alone runs to today; a last
 * day alone covers the 12 months up to it.
 */
function checkPeriod(
  q: Record<string, unknown>,
  values: FilterValues,
  errors: FieldErrors,
  today: string,
): Period | undefined {
  const fromDate = dateFrom(q, 'from');
  const toDate = dateFrom(q, 'to');
  const typed = (d: DateParts) => Boolean(d.day || d.month || d.year);
  if (values.year) {
    const year = namedFinancialYear(values.year);
    if (typed(fromDate.parts) || typed(toDate.parts)) {
      values.from = fromDate.parts;
      values.to = toDate.parts;
      errors.year = filterMessages.yearAndDates;
    } else if (!year) errors.year = filterMessages.notAYear;
    else if (year.from > today) errors.year = filterMessages.yearToCome;
    else {
      values.from = partsOf(year.from);
      values.to = partsOf(year.to);
      return year;
    }
    return undefined;
  }
  const from = readDay(fromDate, 'The start of the period');
  const to = readDay(toDate, 'The end of the period');
  if (from.kind === 'invalid') errors.from = from.message;
  else if (from.kind === 'date' && from.iso > today) errors.from = filterMessages.startToCome;
  if (to.kind === 'invalid') errors.to = to.message;
  if (errors.from || errors.to) {
    values.from = fromDate.parts;
    values.to = toDate.parts;
    return undefined;
  }
  const end = to.kind === 'date' ? to.iso : today;
  const start = from.kind === 'date' ? from.iso : lastTwelveMonths(end).from;
  values.from = partsOf(start);
  values.to = partsOf(end);
  if (end < start) errors.to = filterMessages.backwards;
  else if (end >= yearsFrom(start, maxPeriodYears)) errors.to = filterMessages.tooLong;
  else return { from: start, to: end };
  return undefined;
}

/**
 * Reads and checks the filters from a query string. Every field may be left
 * out: the period is then the last 12 months and nothing else narrows the
 * figures. A locality or service from outside the partnership's area is an
 * error, as is a group the audit does not know, a period that ends before it
 * starts, starts after today, or runs longer than five years.
 */
export function checkFilters(query: unknown, choices: FilterChoices, today: string): CheckedFilters {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const values: FilterValues = {
    year: text(q, 'year'),
    from: noDate,
    to: noDate,
    localityId: choice(text(q, 'localityId')).toLowerCase(),
    serviceId: choice(text(q, 'serviceId')).toLowerCase(),
    group: choice(text(q, 'group')),
  };
  const errors: FieldErrors = {};
  const period = checkPeriod(q, values, errors, today);
  if (values.localityId && !(uuid.test(values.localityId) && choices.localityIds.includes(values.localityId)))
    errors.localityId = filterMessages.locality;
  if (values.serviceId && !(uuid.test(values.serviceId) && choices.serviceIds.includes(values.serviceId)))
    errors.serviceId = filterMessages.service;
  if (values.group && !auditGroupByCode(values.group)) errors.group = filterMessages.group;
  if (Object.keys(errors).length > 0 || !period) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    filters: {
      ...period,
      ...(values.localityId ? { localityId: values.localityId } : {}),
      ...(values.serviceId ? { serviceId: values.serviceId } : {}),
      ...(values.group ? { group: values.group } : {}),
    },
  };
}

/** The filters as a query string, for links between the audit's pages and outputs that keep them. */
export function filterQuery(filters: AuditFilters): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.localityId) params.set('localityId', filters.localityId);
  if (filters.serviceId) params.set('serviceId', filters.serviceId);
  if (filters.group) params.set('group', filters.group);
  return params.toString();
}
