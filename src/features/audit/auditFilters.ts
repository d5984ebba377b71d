// The audit's filters as people choose them: the period (the 12 months up to
// today unless chosen), a locality, a service and a group of people. The same
// checks serve the GET form on the pages and the JSON API's query.
import type { FieldErrors } from '../../platform/http/forms.ts';
import { type DateParts, isoDay, parseDateParts } from '../chronology/dateParts.ts';
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

export function periodText(period: Period): string {
  return `${longDate(period.from)} to ${longDate(period.to)}`;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoPattern = /^\d{4}-\d{2}-\d{2}$/;

/** What the partnership's area offers to choose from. */
export interface FilterChoices {
  localityIds: readonly string[];
  serviceIds: readonly string[];
}

/** The form's fields as typed, to show them again. */
export interface FilterValues {
  from: DateParts;
  to: DateParts;
  localityId: string;
  serviceId: string;
  group: string;
}

export type CheckedFilters =
  | { ok: true; filters: AuditFilters; values: FilterValues }
  | { ok: false; errors: FieldErrors; values: FilterValues };

/** The order of the fields, for the error summary. */
export const filterFieldOrder = ['from', 'to', 'localityId', 'serviceId', 'group'] as const;

function text(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function partsOf(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
}

/**
 * A date from the form's three fields, or from `name` as yyyy-mm-dd (links
 * and the API), or the default. Something else in `name` is not a date: it
 * is kept in the year field, so the form shows what was sent.
 */
function dateFrom(
  query: Record<string, unknown>,
  name: string,
  fallback: string,
): { parts: DateParts; malformed: boolean } {
  const parts = {
    day: text(query, `${name}-day`),
    month: text(query, `${name}-month`),
    year: text(query, `${name}-year`),
  };
  if (parts.day || parts.month || parts.year) return { parts, malformed: false };
  const iso = text(query, name);
  if (!iso) return { parts: partsOf(fallback), malformed: false };
  if (isoPattern.test(iso)) return { parts: partsOf(iso), malformed: false };
  return { parts: { day: '', month: '', year: iso }, malformed: true };
}

function choice(value: string): string {
  return value === 'all' ? '' : value;
}

/**
 * Reads and checks the filters from a query string. Every field may be left
 * out: the period is then the last 12 months and nothing else narrows the
 * figures. A locality or service from outside the partnership's area is an
 * error, as is a period that ends before it starts, starts after today, or
 * runs longer than five years.
 */
export function checkFilters(query: unknown, choices: FilterChoices, today: string): CheckedFilters {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const fallback = lastTwelveMonths(today);
  const fromDate = dateFrom(q, 'from', fallback.from);
  const toDate = dateFrom(q, 'to', fallback.to);
  const values: FilterValues = {
    from: fromDate.parts,
    to: toDate.parts,
    localityId: choice(text(q, 'localityId')),
    serviceId: choice(text(q, 'serviceId')),
    group: choice(text(q, 'group')),
  };
  const errors: FieldErrors = {};
  const malformed = (label: string) => ({
    kind: 'invalid' as const,
    message: `${label} must be a real date`,
    part: 'day' as const,
  });
  const from = fromDate.malformed
    ? malformed('The start of the period')
    : parseDateParts(values.from, 'The start of the period', { dayOptional: false });
  const to = toDate.malformed
    ? malformed('The end of the period')
    : parseDateParts(values.to, 'The end of the period', { dayOptional: false });
  if (from.kind === 'invalid') errors.from = from.message;
  else if (from.kind === 'empty') errors.from = 'Enter the first day of the period';
  else if (from.iso > today) errors.from = 'The start of the period must be today or in the past';
  if (to.kind === 'invalid') errors.to = to.message;
  else if (to.kind === 'empty') errors.to = 'Enter the last day of the period';
  if (from.kind === 'date' && to.kind === 'date' && !errors.from) {
    if (to.iso < from.iso) errors.to = 'The end of the period must be the same as or after its start';
    else if (to.iso >= yearsFrom(from.iso, maxPeriodYears))
      errors.to = `The period must be ${maxPeriodYears} years or shorter`;
  }
  if (values.localityId && !(uuid.test(values.localityId) && choices.localityIds.includes(values.localityId)))
    errors.localityId = 'Choose a locality from the list';
  if (values.serviceId && !(uuid.test(values.serviceId) && choices.serviceIds.includes(values.serviceId)))
    errors.serviceId = 'Choose a service from the list';
  if (values.group && !auditGroupByCode(values.group))
    errors.group = 'Choose a group of people from the list';
  if (Object.keys(errors).length > 0 || from.kind !== 'date' || to.kind !== 'date')
    return { ok: false, errors, values };
  return {
    ok: true,
    values,
    filters: {
      from: from.iso,
      to: to.iso,
      ...(values.localityId ? { localityId: values.localityId } : {}),
      ...(values.serviceId ? { serviceId: values.serviceId } : {}),
      ...(values.group ? { group: values.group } : {}),
    },
  };
}

/** The filters as a query string, for links between the audit's pages that keep them. */
export function filterQuery(filters: AuditFilters): string {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.localityId) params.set('localityId', filters.localityId);
  if (filters.serviceId) params.set('serviceId', filters.serviceId);
  if (filters.group) params.set('group', filters.group);
  return params.toString();
}
