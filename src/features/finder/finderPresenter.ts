// Plain words for the finder's results and service pages.
import {
  audiences,
  deliverers,
  deliveryMethods,
  labelOf,
  languages,
  programmes,
  referralRoutes,
  supportKinds,
  type Term,
} from '../directory/vocabulary.ts';
import { KeptPerService } from './keptPerService.ts';
import { formatMiles } from './postcodes.ts';
import type { ResultRow } from './searchRepository.ts';
import type { ServiceRow } from './serviceRepository.ts';

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** Dates already written: a directory has few different ones, and formatting one costs microseconds. */
const longDates = new Map<string, string>();

/** '2026-11-04' → '4 November 2026'. */
export function formatLongDate(iso: string): string {
  let text = longDates.get(iso);
  if (text === undefined) {
    text = longDate.format(new Date(`${iso}T00:00:00Z`));
    if (longDates.size >= 10_000) longDates.clear();
    longDates.set(iso, text);
  }
  return text;
}

/** The wait in plain words: "Usually no wait", "About 3 weeks wait", or that nobody has said. */
export function waitText(weeks: number | null, updatedOn: string | null): string {
  if (weeks === null) return 'Wait not known';
  const wait = weeks === 0 ? 'Usually no wait' : `About ${weeks} ${weeks === 1 ? 'week' : 'weeks'} wait`;
  return updatedOn ? `${wait}, updated ${formatLongDate(updatedOn)}` : wait;
}

/** Ages in plain words, or empty when it is for any age. */
export function agesText(minimum: number | null, maximum: number | null): string {
  if (minimum !== null && maximum !== null) return `Ages ${minimum} to ${maximum}`;
  if (minimum !== null) return `Aged ${minimum} and over`;
  if (maximum !== null) return `Up to age ${maximum}`;
  return '';
}

const labels = (terms: readonly Term[], codes: readonly string[]) => codes.map((c) => labelOf(terms, c));

/** "Parent, Grandparent and Friend". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * A list of codes in words, kept for each list: a search's rows share their
 * services' lists from the directory snapshot, which never changes them.
 */
function termsText(
  terms: readonly Term[],
  codes: readonly string[],
  written: WeakMap<readonly string[], string>,
) {
  let text = written.get(codes);
  if (text === undefined) {
    text = listText(labels(terms, codes));
    written.set(codes, text);
  }
  return text;
}
const audiencesWritten = new WeakMap<readonly string[], string>();
const kindsWritten = new WeakMap<readonly string[], string>();
const deliveryWritten = new WeakMap<readonly string[], string>();

function presentServiceFacts(row: ResultRow) {
  return {
    forWhom: termsText(audiences, row.audiences, audiencesWritten),
    ages: agesText(row.minimum_age, row.maximum_age),
    kinds: termsText(supportKinds, row.support_kinds, kindsWritten),
    delivery: termsText(deliveryMethods, row.delivery, deliveryWritten),
    wait: waitText(row.wait_weeks, row.wait_updated_on),
  };
}

/** What a result says of its service, all but "where": kept while the fields it is made from are the same. */
const serviceFacts = new KeptPerService<ResultRow, ReturnType<typeof presentServiceFacts>>(
  ['audiences', 'support_kinds', 'delivery', 'minimum_age', 'maximum_age', 'wait_weeks', 'wait_updated_on'],
  presentServiceFacts,
);

/** A result in plain words. */
export function presentResult(row: ResultRow) {
  const shown = serviceFacts.get(row);
  return {
    id: row.id,
    name: row.name,
    summary: row.summary,
    forWhom: shown.forWhom,
    ages: shown.ages,
    kinds: shown.kinds,
    delivery: shown.delivery,
    wait: shown.wait,
    where:
      row.location_name === null
        ? 'Covers your area'
        : `${row.location_name}, ${row.city}${row.miles === null ? '' : ` – ${formatMiles(Number(row.miles))} away`}`,
  };
}

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** '09:30' → '9:30am', '13:00' → '1pm'. */
export function clockText(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}`;
}

const areaScopeText: Record<string, (name: string | null) => string> = {
  partnership_area: (name) => `People living in ${name}`,
  council_area: (name) => `People living in ${name}`,
  locality: (name) => `People living in ${name}`,
  scotland: () => 'Anyone in Scotland',
  uk: () => 'Anyone in the UK',
};

export function presentService(row: ServiceRow) {
  return {
    id: row.id,
    name: row.name,
    summary: row.summary,
    description: row.description.split(/\n\s*\n/),
    organisationName: row.organisation_name,
    forWhom: listText(labels(audiences, row.audiences)),
    ages: agesText(row.minimum_age, row.maximum_age),
    kinds: listText(labels(supportKinds, row.support_kinds)),
    programmes: listText(labels(programmes, row.programmes)),
    delivery: listText(labels(deliveryMethods, row.delivery)),
    deliveredBy: listText(labels(deliverers, row.delivered_by)),
    languages: listText(labels(languages, row.languages)),
    accessibility: row.accessibility,
    cost: row.free
      ? `Free${row.cost_note ? `. ${row.cost_note}` : ''}`
      : (row.cost_note ?? 'There is a cost'),
    routes: labels(referralRoutes, row.referral_routes),
    howToGetIn: row.how_to_get_in,
    selfReferral: row.self_referral,
    capacityNote: row.capacity_note,
    wait: waitText(row.wait_weeks, row.wait_updated_on),
    lastChecked: formatLongDate(row.last_checked_on),
    url: row.url && /^https?:\/\//i.test(row.url) ? row.url : null,
    email: row.email,
    phones: row.phones,
    locations: row.locations.map((l) => ({
      name: l.name,
      lines: [l.address1, l.address2, l.city, l.postcode].filter(Boolean),
      accessibility: l.accessibility,
    })),
    times: row.schedules.map((s) => ({
      day: weekdays[s.weekday - 1] ?? '',
      hours: `${clockText(s.opens)} to ${clockText(s.closes)}`,
      note: [s.locationName, s.description].filter(Boolean).join(': '),
    })),
    areas: row.areas.map((a) => (areaScopeText[a.scope] ?? ((n) => n ?? ''))(a.name)),
  };
}

/** What the person is told after asking for support. */
export function whatHappensNext(row: Pick<ServiceRow, 'what_happens_next' | 'organisation_name'>): string {
  return (
    row.what_happens_next ??
    `${row.organisation_name} will read your message and get in touch the way you asked, usually within a week. If you said you will contact them yourself, you can do that at any time.`
  );
}
