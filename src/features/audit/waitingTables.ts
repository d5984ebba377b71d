// Waiting times for the audit: the waiting-times repository's own figures
// (the same waits as the waiting-times pages), over the audit's period, by
// quarter for the whole area, by service over the period, and by service and
// quarter. The last table's cells add up to both other tables' rows, so the
// three are protected from small numbers together (`crossOf`).
import type { Db } from '../../db/client.ts';
import { addDays } from '../plan/planSchedule.ts';
import { longestDays, standardDays } from '../referrals/referralStatus.ts';
import { quarterOf } from '../waitingTimes/quarters.ts';
import { standardPercent } from '../waitingTimes/waitingTimesPresenter.ts';
import {
  type QuarterFigures,
  quarterFigures,
  serviceNames,
  type WaitScope,
} from '../waitingTimes/waitingTimesRepository.ts';
import { longDate, periodText } from './auditFilters.ts';
import { type AuditScope, share } from './auditScope.ts';
import type { AuditColumn, AuditRow, AuditTable } from './auditTable.ts';

/**
 * The first days of the period's parts: its first day, then the first day of
 * each calendar quarter after it that starts within the period. The day
 * after the period is passed as one more start, so referrals sent later fall
 * in a part of their own and are left out.
 */
export function periodQuarters(from: string, to: string): { start: string; end: string }[] {
  const starts = [from];
  let next = quarterOf(from).start;
  for (;;) {
    const [y, m] = next.split('-').map(Number) as [number, number];
    next = m >= 10 ? `${y + 1}-01-01` : `${y}-${String(m + 3).padStart(2, '0')}-01`;
    if (next > to) break;
    starts.push(next);
  }
  return starts.map((start, i) => ({
    start,
    end: i + 1 < starts.length ? addDays(starts[i + 1] as string, -1) : to,
  }));
}

function partLabel(part: { start: string; end: string }): string {
  const quarter = quarterOf(part.start);
  const whole =
    part.start === quarter.start && addDays(part.end, 1) === quarterOf(addDays(part.end, 1)).start;
  return whole ? quarter.label : `${longDate(part.start)} to ${longDate(part.end)} (part of a quarter)`;
}

const columns: AuditColumn[] = [
  { key: 'received', label: 'Referrals received', kind: 'count' },
  { key: 'started', label: 'Support started', kind: 'count' },
  { key: 'within', label: 'Started within 3 weeks', kind: 'count' },
  {
    key: 'withinShare',
    label: `Started within 3 weeks, share (standard ${standardPercent}%)`,
    kind: 'percent',
    basedOn: 'within',
    alsoBasedOn: ['started'],
  },
  { key: 'over', label: 'Waited over 6 weeks', kind: 'count' },
  { key: 'median', label: 'Median wait', kind: 'days', basedOn: 'started' },
];

function values(f: QuarterFigures | undefined): AuditRow['values'] {
  const started = f?.started ?? 0;
  const within = f?.within3Weeks ?? 0;
  return {
    received: f?.received ?? 0,
    started,
    within,
    withinShare: share(within, started),
    over: f?.over6Weeks ?? 0,
    median: f?.medianDays ?? (started === 0 ? 'none started' : null),
  };
}

export async function waitingTables(db: Db, scope: AuditScope): Promise<AuditTable[]> {
  const waits: WaitScope = scope.service
    ? { organisationId: scope.service.organisationId, serviceId: scope.service.id }
    : { partnershipAreaId: scope.areaId };
  const parts = periodQuarters(scope.from, scope.to);
  const beyond = scope.until;
  const byQuarter = await quarterFigures(
    db,
    waits,
    [...parts.map((p) => p.start), beyond],
    scope.today,
    true,
  );
  const overPeriod = await quarterFigures(db, waits, [scope.from, beyond], scope.today, true);
  const inPeriod = (rows: QuarterFigures[]) => rows.filter((r) => r.quarter !== beyond);
  const ids = [...new Set(inPeriod(overPeriod).flatMap((r) => (r.serviceId ? [r.serviceId] : [])))];
  const names = new Map(
    (await serviceNames(db, ids)).map((s) => [s.id, `${s.name} (${s.organisationName})`]),
  );
  const services = ids.sort(
    (a, b) => (names.get(a) ?? '').localeCompare(names.get(b) ?? '') || a.localeCompare(b),
  );
  const find = (rows: QuarterFigures[], quarter: string, serviceId: string | null) =>
    rows.find((r) => r.quarter === quarter && r.serviceId === serviceId);
  const whole = values(find(overPeriod, scope.from, null));
  const total: AuditRow = {
    key: 'all',
    label: scope.service ? scope.service.name : 'Whole area',
    values: whole,
  };
  const definition = [
    `Referrals sent in the period to ${scope.service ? scope.service.name : 'services of the partnership area’s organisations'}, as on the waiting-times pages.`,
    `A wait runs from the day a referral was sent to its first support contact or, while the family is still waiting, to today. Started within 3 weeks: support started ${standardDays} days or fewer after the referral was sent; the share is of those started, against the standard that ${standardPercent}% start within 3 weeks. Waited over 6 weeks: waited, or still waiting, more than ${longestDays} days. Median wait: of those started.`,
    `Period: ${periodText(scope)}.`,
    scope.locality || scope.group
      ? 'Waiting times are not recorded by locality or group of people, so those choices do not narrow these tables.'
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const byServiceAndQuarter: AuditTable = {
    id: 'waits-by-service-and-quarter',
    title: 'Waiting times by service and quarter',
    definition: `${definition} Each service that received referrals in the period, quarter by quarter. These cells add up to the rows of the two tables before, so all three are protected from small numbers together: a cell is hidden wherever it could be worked out from the others and those totals.`,
    columns: [{ key: 'quarter', label: 'Quarter', kind: 'text' }, ...columns],
    rows: services.flatMap((id) =>
      parts.map((p) => ({
        key: `${id}/${p.start}`,
        label: names.get(id) ?? '',
        values: { quarter: partLabel(p), ...values(find(byQuarter, p.start, id)) },
      })),
    ),
    total: { ...total, values: { quarter: 'Whole period', ...whole } },
    crossOf: {
      across: 'waits-by-service',
      down: 'waits-by-quarter',
      places: Object.fromEntries(
        services.flatMap((id) => parts.map((p) => [`${id}/${p.start}`, { across: id, down: p.start }])),
      ),
    },
    chart: 'none',
  };
  return [
    {
      id: 'waits-by-quarter',
      title: 'Waiting times by quarter',
      definition: `${definition} Each quarter by the day referrals were sent; a period that starts or ends within a quarter shows that part of it.`,
      columns,
      rows: parts.map((p) => ({
        key: p.start,
        label: partLabel(p),
        values: values(find(byQuarter, p.start, null)),
      })),
      total,
    },
    {
      id: 'waits-by-service',
      title: 'Waiting times by service',
      definition: `${definition} Over the whole period, for each service that received referrals in it.`,
      columns,
      rows: services.map((id) => ({
        key: id,
        label: names.get(id) ?? '',
        values: values(find(overPeriod, scope.from, id)),
      })),
      total,
    },
    byServiceAndQuarter,
  ];
}
