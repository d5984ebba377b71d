/** A GOV.UK date input's three parts, as typed. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export type ParsedDate =
  | { kind: 'empty' }
  | { kind: 'date'; iso: string; precision: 'day' | 'month' }
  | { kind: 'invalid'; message: string; part: 'day' | 'month' | 'year' };

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

function monthNumber(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = monthNames.findIndex((name) => name.startsWith(lower));
  return index === -1 ? undefined : index + 1;
}

export function isoDay(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day of a month, as an ISO date. */
export function lastDayOfMonth(iso: string): string {
  const [year, month] = iso.split('-').map(Number) as [number, number];
  return isoDay(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

/**
 * Reads a date input. The day may be left out when `dayOptional` (a month
 * and year is enough: "March 2025"); the date is then the first of the month.
 * Messages follow the GOV.UK pattern, using `label` ("The date it happened").
 */
export function parseDateParts(
  parts: DateParts,
  label: string,
  options: { dayOptional: boolean },
): ParsedDate {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { kind: 'empty' };
  if (!month) return { kind: 'invalid', message: `${label} must include a month`, part: 'month' };
  if (!year) return { kind: 'invalid', message: `${label} must include a year`, part: 'year' };
  if (!day && !options.dayOptional)
    return { kind: 'invalid', message: `${label} must include a day`, part: 'day' };
  const monthValue = monthNumber(month);
  if (!/^\d{4}$/.test(year))
    return { kind: 'invalid', message: `${label} must be a real date`, part: 'year' };
  if (monthValue === undefined || monthValue < 1 || monthValue > 12)
    return { kind: 'invalid', message: `${label} must be a real date`, part: 'month' };
  const yearValue = Number(year);
  if (yearValue < 1900) return { kind: 'invalid', message: `${label} must be after 1900`, part: 'year' };
  if (!day) return { kind: 'date', iso: isoDay(yearValue, monthValue, 1), precision: 'month' };
  if (!/^\d{1,2}$/.test(day))
    return { kind: 'invalid', message: `${label} must be a real date`, part: 'day' };
  const dayValue = Number(day);
  const date = new Date(Date.UTC(yearValue, monthValue - 1, dayValue));
  if (dayValue < 1 || date.getUTCMonth() !== monthValue - 1)
    return { kind: 'invalid', message: `${label} must be a real date`, part: 'day' };
  return { kind: 'date', iso: isoDay(yearValue, monthValue, dayValue), precision: 'day' };
}

/** Today's date in the UK, as an ISO date (entries are dated as people in Scotland see the day). */
export function todayInUk(now: Date): string {
  return ukDay.format(now);
}

// Made once: building an Intl formatter is costly (1% of the app's time when made per request).
const ukDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
