// The Open Referral UK service list, served from the directory snapshot:
// the same filters and (name, id) order as `findServices` in
// orukRepository.ts, with no statement beyond the version check.
import type { DirectorySnapshot, SnapshotService } from '../directory/directorySnapshot.ts';
import { type Json, serviceSummary } from './orukPresenter.ts';
import type { ServiceFilters } from './orukQuery.ts';
import type { ServiceRow } from './orukRepository.ts';
import { offsetOf, type Paging } from './paging.ts';

const termColumns: Record<string, keyof ServiceRow> = {
  audiences: 'audiences',
  supportKinds: 'support_kinds',
  programmes: 'programmes',
  delivery: 'delivery',
  deliveredBy: 'delivered_by',
  referralRoutes: 'referral_routes',
};

function matcher(filters: ServiceFilters): (service: SnapshotService) => boolean {
  const termColumn = filters.termKey === null ? undefined : termColumns[filters.termKey];
  const taxonomyColumn = filters.taxonomyKey === null ? undefined : termColumns[filters.taxonomyKey];
  const { search, termCode, minimumAge, maximumAge } = filters;
  return (s) => {
    if (
      search !== null &&
      !s.name.toLowerCase().includes(search) &&
      !s.description.toLowerCase().includes(search)
    )
      return false;
    if (filters.termKey !== null && !(termColumn && (s[termColumn] as string[]).includes(termCode as string)))
      return false;
    if (filters.taxonomyKey !== null && !(taxonomyColumn && (s[taxonomyColumn] as string[]).length > 0))
      return false;
    // As in SQL, a service that names no age does not pass an age filter.
    if (minimumAge !== null && (s.minimum_age === null || s.minimum_age < minimumAge)) return false;
    if (maximumAge !== null && (s.maximum_age === null || s.maximum_age > maximumAge)) return false;
    return true;
  };
}

/** A page of active services matching the filters, and how many match in all. */
export function findServicesIn(snapshot: DirectorySnapshot, filters: ServiceFilters, paging: Paging) {
  const plain =
    filters.search === null &&
    filters.termKey === null &&
    filters.taxonomyKey === null &&
    filters.minimumAge === null &&
    filters.maximumAge === null;
  const matching = plain ? snapshot.services : snapshot.services.filter(matcher(filters));
  const start = offsetOf(paging);
  return { rows: matching.slice(start, start + paging.perPage), total: matching.length };
}

const summaries = new WeakMap<SnapshotService, Json>();

/** A service's summary, made once per snapshot. */
export function cachedSummary(service: SnapshotService): Json {
  let summary = summaries.get(service);
  if (!summary) {
    summary = serviceSummary(service);
    summaries.set(service, summary);
  }
  return summary;
}
