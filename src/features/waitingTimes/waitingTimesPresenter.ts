import { type ShownCount, showCount, showCounts } from '../partnership/smallNumbers.ts';
import { standardDays } from '../referrals/referralStatus.ts';
import type { Quarter } from './quarters.ts';
import type { QuarterFigures, WaitingNow } from './waitingTimesRepository.ts';

/** The standard: 90% of people start support within 3 weeks. */
export const standardPercent = 90;

export function daysText(days: number | null, none: string): string {
  if (days === null) return none;
  const shown = Number.isInteger(days) ? String(days) : days.toFixed(1);
  return `${shown} ${days === 1 ? 'day' : 'days'}`;
}

/** The share started within 3 weeks, as a whole percentage, and whether it meets the standard. */
export function withinStandard(within: number, started: number) {
  if (started === 0) return { text: 'None started', meets: undefined };
  const percent = Math.floor((within / started) * 1000) / 10;
  return { text: `${percent}%`, meets: percent >= standardPercent };
}

const empty = (quarter: string): QuarterFigures => ({
  quarter,
  serviceId: null,
  received: 0,
  started: 0,
  within3Weeks: 0,
  over6Weeks: 0,
  medianDays: null,
  longestWaitingDays: null,
});

/** A service's or organisation's own figures, every quarter shown (with noughts where nothing came in). */
export function presentQuarters(quarters: Quarter[], figures: QuarterFigures[]) {
  return quarters.map((q) => {
    const f = figures.find((row) => row.quarter === q.start && row.serviceId === null) ?? empty(q.start);
    return {
      label: q.label,
      received: f.received,
      started: f.started,
      within3Weeks: withinStandard(f.within3Weeks, f.started),
      over6Weeks: f.over6Weeks,
      median: daysText(f.medianDays, 'None started'),
      longestWaiting: daysText(f.longestWaitingDays, 'Nobody waiting'),
    };
  });
}

export function presentWaitingNow(row: WaitingNow | undefined) {
  return {
    nearly3Weeks: row?.nearly3Weeks ?? 0,
    over3Weeks: row?.over3Weeks ?? 0,
    nearly6Weeks: row?.nearly6Weeks ?? 0,
    over6Weeks: row?.over6Weeks ?? 0,
  };
}

export interface ServiceName {
  id: string;
  name: string;
  organisationName: string;
}

const notShown = 'not shown';

function suppressedColumns<K extends string>(
  rows: Record<K, number>[],
  keys: readonly K[],
  threshold: number,
): Record<K, { cells: ShownCount[]; total: ShownCount }> {
  const out = {} as Record<K, { cells: ShownCount[]; total: ShownCount }>;
  for (const key of keys)
    out[key] = showCounts(
      rows.map((r) => r[key]),
      threshold,
    );
  return out;
}

// One collator for every sort: localeCompare with a locale makes a new one on each comparison.
const byName = new Intl.Collator('en-GB').compare;

function sortByName<T extends { serviceId: string | null }>(rows: T[], names: Map<string, ServiceName>): T[] {
  const labelled = rows.map((row) => {
    const n = names.get(row.serviceId ?? '');
    return { row, label: `${n?.organisationName ?? ''}\u0000${n?.name ?? ''}` };
  });
  return labelled.sort((a, b) => byName(a.label, b.label)).map((l) => l.row);
}

const quarterKeys = ['received', 'started', 'within3Weeks', 'over6Weeks'] as const;

/**
 * The partnership's figures by service for each quarter, with the small-number
 * rule: counts 1 to threshold-1 shown as "fewer than …", a second cell hidden
 * in a column where one would give another away, and the percentage and
 * median hidden wherever the counts they come from are.
 */
export function presentPartnershipQuarters(
  quarters: Quarter[],
  figures: QuarterFigures[],
  names: Map<string, ServiceName>,
  threshold: number,
) {
  return quarters.map((q) => {
    const rows = sortByName(
      figures.filter((f) => f.quarter === q.start && f.serviceId !== null),
      names,
    );
    const total = figures.find((f) => f.quarter === q.start && f.serviceId === null) ?? empty(q.start);
    const columns = suppressedColumns(rows, quarterKeys, threshold);
    const line = (f: QuarterFigures, pick: (key: (typeof quarterKeys)[number]) => ShownCount) => {
      const hidden = pick('started').suppressed || pick('within3Weeks').suppressed;
      return {
        received: pick('received').text,
        started: pick('started').text,
        within3Weeks: hidden
          ? { text: notShown, meets: undefined }
          : withinStandard(f.within3Weeks, f.started),
        over6Weeks: pick('over6Weeks').text,
        median: pick('started').suppressed ? notShown : daysText(f.medianDays, 'None started'),
        longestWaiting: daysText(f.longestWaitingDays, 'Nobody waiting'),
      };
    };
    return {
      label: q.label,
      services: rows.map((f, i) => ({
        organisation: names.get(f.serviceId ?? '')?.organisationName ?? '',
        service: names.get(f.serviceId ?? '')?.name ?? '',
        ...line(f, (key) => columns[key].cells[i] as ShownCount),
      })),
      total: line(total, (key) => (rows.length ? columns[key].total : showCount(total[key], threshold))),
    };
  });
}

const nowKeys = ['nearly3Weeks', 'over3Weeks', 'nearly6Weeks', 'over6Weeks'] as const;

/** Referrals waiting now across the partnership, by service, with the small-number rule. */
export function presentPartnershipWaitingNow(
  rows: WaitingNow[],
  names: Map<string, ServiceName>,
  threshold: number,
) {
  const services = sortByName(
    rows.filter((r) => r.serviceId !== null && nowKeys.some((k) => r[k] > 0)),
    names,
  );
  const columns = suppressedColumns(services, nowKeys, threshold);
  const pick = (i: number | undefined) =>
    Object.fromEntries(
      nowKeys.map((k) => [k, (i === undefined ? columns[k].total : columns[k].cells[i])?.text]),
    ) as Record<(typeof nowKeys)[number], string>;
  return {
    services: services.map((r, i) => ({
      organisation: names.get(r.serviceId ?? '')?.organisationName ?? '',
      service: names.get(r.serviceId ?? '')?.name ?? '',
      ...pick(i),
    })),
    total: pick(undefined),
  };
}

/** Under the standard, in words, for the pages. */
export const standardText = `The standard: ${standardPercent}% of people start support within 3 weeks (${standardDays} days) of being referred, and nobody waits more than 6 weeks.`;
