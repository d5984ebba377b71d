import type { ChronologyKind, Impact } from '../../db/schema.ts';
import type { ChronologyFilter, ChronologyItem, ChronologyMember } from './chronologyRepository.ts';

export const kindNames: Record<ChronologyKind, string> = {
  event: 'Event',
  strength: 'Strength',
  turning_point: 'Turning point',
  concern: 'Concern',
};

export const impactNames: Record<Impact, string> = {
  positive: 'Positive',
  negative: 'Negative',
  neutral: 'Neither positive nor negative',
};

const impactTagClasses: Record<Impact, string> = {
  positive: 'govuk-tag--green',
  negative: 'govuk-tag--red',
  neutral: 'govuk-tag--grey',
};

const kindTagClasses: Record<ChronologyKind, string> = {
  event: 'govuk-tag--blue',
  strength: 'govuk-tag--green',
  turning_point: 'govuk-tag--purple',
  concern: 'govuk-tag--orange',
};

const months = [
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

/** "3 March 2025", or "March 2025" when only the month is known. */
export function formatDate(iso: string, precision: 'day' | 'month'): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const monthName = months[month - 1] ?? '';
  return precision === 'month' ? `${monthName} ${year}` : `${day} ${monthName} ${year}`;
}

/** When it happened, as a period when it has an end: "March 2025 to June 2025". */
export function formatWhen(
  item: Pick<ChronologyItem, 'occurredOn' | 'occurredUntil' | 'datePrecision'>,
): string {
  const from = formatDate(item.occurredOn, item.datePrecision);
  if (!item.occurredUntil) return from;
  const until = formatDate(item.occurredUntil, item.datePrecision);
  return until === from ? from : `${from} to ${until}`;
}

export function memberName(m: {
  givenName: string | null;
  preferredName: string | null;
  familyName: string | null;
}): string {
  return [m.preferredName ?? m.givenName, m.familyName].filter(Boolean).join(' ');
}

/** One entry as the chronology, the print view and the family overview show it. */
export function presentChronologyItem(item: ChronologyItem) {
  return {
    id: item.id,
    when: formatWhen(item),
    occurredOn: item.occurredOn,
    about: item.personId
      ? memberName({
          givenName: item.personGivenName,
          preferredName: item.personPreferredName,
          familyName: item.personFamilyName,
        })
      : 'Whole family',
    kind: kindNames[item.kind],
    kindClass: kindTagClasses[item.kind],
    impact: impactNames[item.impact],
    impactClass: impactTagClasses[item.impact],
    what: item.what,
    source: item.source ?? '',
    actionTaken: item.actionTaken ?? '',
    recordedBy: item.automatic
      ? 'Recorded by Hearth'
      : [item.recordedByName, item.organisationName].filter(Boolean).join(', '),
    automatic: item.automatic,
    organisationOnly: item.organisationOnly,
    organisationOnlyText: item.organisationOnly
      ? `Seen only by ${item.organisationName ?? 'its organisation'}`
      : '',
  };
}

export type PresentedChronologyItem = ReturnType<typeof presentChronologyItem>;

/** The filter form's choices, with the current ones selected, and a summary of what is applied. */
export function presentChronologyFilter(members: ChronologyMember[], filter: ChronologyFilter) {
  const sorted = [...members].sort((a, b) => memberName(a).localeCompare(memberName(b)));
  const selectedMember = sorted.find((m) => m.personId === filter.personId);
  const applied: string[] = [];
  if (selectedMember) applied.push(`about ${memberName(selectedMember)}`);
  if (filter.impact) applied.push(`impact ${impactNames[filter.impact].toLowerCase()}`);
  if (filter.kind) applied.push(kindNames[filter.kind].toLowerCase());
  return {
    memberItems: [
      { value: '', text: 'Everyone', selected: !filter.personId },
      ...sorted.map((m) => ({
        value: m.personId,
        text: memberName(m),
        selected: m.personId === filter.personId,
      })),
    ],
    impactItems: [
      { value: '', text: 'Any impact', selected: !filter.impact },
      ...(Object.keys(impactNames) as Impact[]).map((impact) => ({
        value: impact,
        text: impactNames[impact],
        selected: impact === filter.impact,
      })),
    ],
    kindItems: [
      { value: '', text: 'Any kind', selected: !filter.kind },
      ...(Object.keys(kindNames) as ChronologyKind[]).map((kind) => ({
        value: kind,
        text: kindNames[kind],
        selected: kind === filter.kind,
      })),
    ],
    applied: applied.join(', '),
    active: applied.length > 0,
    query: filterQuery(filter),
  };
}

/** The filter as a query string (with its `?`), to keep it on the print link; empty when none. */
export function filterQuery(filter: ChronologyFilter): string {
  const params = new URLSearchParams();
  if (filter.personId) params.set('member', filter.personId);
  if (filter.impact) params.set('impact', filter.impact);
  if (filter.kind) params.set('kind', filter.kind);
  const text = params.toString();
  return text ? `?${text}` : '';
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the filter from a query string, ignoring values that are not choices. */
export function parseChronologyFilter(query: Record<string, unknown>): ChronologyFilter {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : '');
  const member = text('member');
  const impact = text('impact');
  const kind = text('kind');
  return {
    personId: uuidPattern.test(member) ? member : undefined,
    impact: Object.hasOwn(impactNames, impact) ? (impact as Impact) : undefined,
    kind: Object.hasOwn(kindNames, kind) ? (kind as ChronologyKind) : undefined,
  };
}

export function summariseCounts(items: ChronologyItem[]) {
  const count = (kind: ChronologyKind) => items.filter((i) => i.kind === kind).length;
  return {
    total: items.length,
    strengths: count('strength'),
    turningPoints: count('turning_point'),
    concerns: count('concern'),
  };
}
