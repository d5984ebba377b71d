// The audit's key figures for its contents page and the API's index: a
// few whole-area totals from the views' own measures, as one row.
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { periodText } from './auditFilters.ts';
import { resolveScope } from './auditScope.ts';
import type { AuditRow, AuditTable } from './auditTable.ts';
import type { AuditFilters } from './auditView.ts';
import { groupsByKind, servicesByLocality } from './quantityProvision.ts';
import { supportByLocality } from './quantitySupport.ts';
import { waitingTables } from './waitingTables.ts';

export async function keyFigures(db: Db, access: AccessContext, filters: AuditFilters): Promise<AuditTable> {
  const scope = await resolveScope(db, access, filters);
  const [support, services, groups, waits] = await Promise.all([
    supportByLocality(db, scope),
    servicesByLocality(db, scope),
    groupsByKind(db, scope),
    waitingTables(db, scope),
  ]);
  const total = (table: AuditTable | undefined, key: string) => table?.total?.values[key] ?? 0;
  const wait = waits[0];
  const values: AuditRow['values'] = {
    families: total(support, 'families'),
    people: total(support, 'people'),
    contacts: total(support, 'contacts'),
    sessions: total(groups, 'sessions'),
    programmeStarts: total(support, 'started'),
    services: total(services, 'services'),
    received: total(wait, 'received'),
    started: total(wait, 'started'),
    within: total(wait, 'within'),
    withinShare: total(wait, 'withinShare'),
  };
  return {
    id: 'key-figures',
    title: 'Key figures',
    definition: `Whole-area totals from the views below, each defined there: families and people supported, contacts held, group sessions, programme starts and services listed (Quantity); referrals received and how soon support started (Waiting times). Period: ${periodText(scope)}.`,
    columns: [
      { key: 'families', label: 'Families supported', kind: 'count' },
      { key: 'people', label: 'People supported', kind: 'count' },
      { key: 'contacts', label: 'Contacts held', kind: 'count' },
      { key: 'sessions', label: 'Group sessions held', kind: 'count' },
      { key: 'programmeStarts', label: 'Programme starts', kind: 'count' },
      { key: 'services', label: 'Services listed', kind: 'count' },
      { key: 'received', label: 'Referrals received', kind: 'count' },
      { key: 'started', label: 'Support started', kind: 'count' },
      { key: 'within', label: 'Started within 3 weeks', kind: 'count' },
      {
        key: 'withinShare',
        label: 'Started within 3 weeks, share (standard 90%)',
        kind: 'percent',
        basedOn: 'within',
        alsoBasedOn: ['started'],
      },
    ],
    rows: [{ key: 'all', label: scope.locality ? scope.locality.name : 'Whole area', values }],
  };
}
