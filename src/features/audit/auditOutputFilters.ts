// The audit's filters, read the same way from every address that takes them
// (the view pages, the exports, the printable report, the map): a period,
// and optionally a locality, a service and a group of people.
import type { FieldErrors } from '../../platform/http/forms.ts';
import { isoDay, todayInUk } from '../chronology/dateParts.ts';
import type { AuditFilters } from './auditView.ts';

/** The query string's fields, in the order a filter form shows them (for the error summary's links). */
export const auditFilterFields = ['year', 'from', 'to', 'locality', 'service', 'group'] as const;

export type ParsedAuditFilters =
  | { ok: true; filters: AuditFilters }
  | {
      ok: false;
      /** Field → GOV.UK error message; the field names are those of the query string. */
      errors: FieldErrors;
      /** What was asked, as typed, to show in the form again. */
      values: Record<string, string>;
    };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const groupPattern = /^[a-z0-9][a-z0-9_-]{0,59}$/;
/** The longest period the audit counts over. */
const longestYears = 10;

function text(query: Record<string, unknown>, name: string): string {
  const value = query[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

function realDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 2000 || year > 2100 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return isoDay(year, month, day);
}

/** An ISO date "2025-04-01", or a GOV.UK date input's three parts (from-day, from-month, from-year). */
function readDate(
  query: Record<string, unknown>,
  name: 'from' | 'to',
  label: string,
): { typed: string; iso?: string; error?: string } {
  const iso = text(query, name);
  const parts = ['day', 'month', 'year'].map((p) => text(query, `${name}-${p}`));
  const typed = iso || (parts.some(Boolean) ? parts.join('/') : '');
  if (!typed) return { typed };
  const match = iso
    ? /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(iso)
    : parts.every((p) => /^\d{1,4}$/.test(p))
      ? [typed, parts[2], parts[1], parts[0]]
      : null;
  const day = match && realDay(Number(match[1]), Number(match[2]), Number(match[3]));
  if (!day) return { typed, error: `${label} must be a real date, like 1 4 2025` };
  return { typed, iso: day };
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // 29 February a year on is 1 March: Date rolls it over.
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** "2025", "2025-26" or "2025/26": the financial year starting 1 April 2025. */
function financialYear(typed: string): { from: string; to: string } | undefined {
  const match = /^(\d{4})(?:[-/](\d{2}|\d{4}))?$/.exec(typed);
  if (!match) return undefined;
  const start = Number(match[1]);
  if (start < 2000 || start > 2099) return undefined;
  if (match[2] && Number(match[2]) % 100 !== (start + 1) % 100) return undefined;
  return { from: isoDay(start, 4, 1), to: isoDay(start + 1, 3, 31) };
}

/**
 * Reads the audit's filters from a query string. The period is a financial
 * year (`year=2025-26`), or a start and end date (`from`, `to`, as ISO dates
 * or GOV.UK date parts), or by default the 12 months to `today`; a start
 * alone runs to today, an end alone covers the year before it. `locality`
 * and `service` are ids, `group` a code; empty or "all" means every one.
 * Whether a locality or service is the partnership's own is for the caller
 * to check.
 */
export function parseAuditFilters(query: unknown, today: string = todayInUk(new Date())): ParsedAuditFilters {
  const q = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const errors: FieldErrors = {};
  const values: Record<string, string> = {};
  for (const name of auditFilterFields) values[name] = text(q, name);

  const from = readDate(q, 'from', 'The start date');
  const to = readDate(q, 'to', 'The end date');
  values.from = from.typed;
  values.to = to.typed;
  if (from.error) errors.from = from.error;
  if (to.error) errors.to = to.error;
  let period: { from: string; to: string } | undefined;
  if (values.year) {
    const year = financialYear(values.year);
    if (from.typed || to.typed) errors.year = 'Choose a financial year or a start and end date, not both';
    else if (!year) errors.year = 'The year must be a financial year, like 2025-26';
    else period = year;
  } else if (!from.error && !to.error) {
    const end = to.iso ?? today;
    const start = from.iso ?? addYears(addDays(end, 1), -1);
    if (start > end) errors.to = 'The end date must be the same as or after the start date';
    else if (addYears(start, longestYears) <= end)
      errors.to = `The period must be ${longestYears} years or shorter`;
    else period = { from: start, to: end };
  }

  const chosen = (name: 'locality' | 'service' | 'group') => {
    const value = values[name] ?? '';
    return value === '' || value.toLowerCase() === 'all' ? undefined : value;
  };
  const localityId = chosen('locality');
  const serviceId = chosen('service');
  const group = chosen('group');
  if (localityId && !uuidPattern.test(localityId)) errors.locality = 'Choose a locality from the list';
  if (serviceId && !uuidPattern.test(serviceId)) errors.service = 'Choose a service from the list';
  if (group && !groupPattern.test(group)) errors.group = 'Choose a group of people from the list';

  if (Object.keys(errors).length || !period) return { ok: false, errors, values };
  return {
    ok: true,
    filters: {
      ...period,
      ...(localityId ? { localityId: localityId.toLowerCase() } : {}),
      ...(serviceId ? { serviceId: serviceId.toLowerCase() } : {}),
      ...(group ? { group } : {}),
    },
  };
}

/** The filters as a query string ("from=…&to=…&locality=…"), for links that keep them. */
export function auditFiltersQuery(filters: AuditFilters): string {
  const query = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.localityId) query.set('locality', filters.localityId);
  if (filters.serviceId) query.set('service', filters.serviceId);
  if (filters.group) query.set('group', filters.group);
  return query.toString();
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "1 April 2025 to 31 March 2026". */
export function periodText(filters: Pick<AuditFilters, 'from' | 'to'>): string {
  const day = (iso: string) => longDate.format(new Date(`${iso}T00:00:00Z`));
  return `${day(filters.from)} to ${day(filters.to)}`;
}

/** "2025-04-01-to-2026-03-31": the period in a file name. */
export function periodSlug(filters: Pick<AuditFilters, 'from' | 'to'>): string {
  return `${filters.from}-to-${filters.to}`;
}
