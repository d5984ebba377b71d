// The audit's key figures for its contents page and the API's index: a
// few whole-area totals from the views' own measures, as one row.
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { periodText } from './auditFilters.ts';
import { resolveScope } from './auditScope.ts';
import type { AuditRow, AuditTable } from './auditTable.ts';
import type { AuditFilters } from './auditView.ts';
import { auditViewById } from './auditViews.ts';

/** The tables of one of the audit's views for the same filters; the kept ones, when there are. */
export type ViewTables = (viewId: 'quantity' | 'waiting-times') => Promise<AuditTable[]>;

/**
 * The key figures, taken from the quantity and waiting times views' own
 * tables: counted once, they are then ready for both views as well.
 */
export async function keyFigures(
  db: Db,
  access: AccessContext,
  filters: AuditFilters,
  read: ViewTables = async (id) => (await auditViewById(id)?.build(db, access, filters)) ?? [],
): Promise<AuditTable> {
  const [scope, quantity, waits] = await Promise.all([
    resolveScope(db, access, filters),
    read('quantity'),
    read('waiting-times'),
  ]);
  const byId = (tables: AuditTable[], id: string) => tables.find((t) => t.id === id);
  const support = byId(quantity, 'quantity-support');
  const services = byId(quantity, 'quantity-services');
  const groups = byId(quantity, 'quantity-groups');
  const wait = byId(waits, 'waits-by-quarter');
  const total = (table: AuditTable | undefined, key: string) => table?.total?.values[key] ?? 0;
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
