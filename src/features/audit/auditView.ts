// One view of the provision audit (quantity, reach, quality, waiting times,
// gaps): the filters it takes and the tables it builds. Views register in
// one list so the page, the exports (CSV, XLSX), the printable report and
// the JSON API all show the same figures through the same suppression.
import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import type { AuditTable } from './auditTable.ts';

/** The filters every view takes; each is optional but the period. */
export interface AuditFilters {
  /** First and last day of the period, inclusive: "2026-04-01" … "2027-03-31". */
  from: string;
  to: string;
  localityId?: string;
  /** A directory service. */
  serviceId?: string;
  /** A group of people: an age band or a relationship code, as the reach view names them. */
  group?: string;
}

export interface AuditView {
  /** In the address: /partnership/audit/{id}. */
  id: string;
  title: string;
  /** One sentence under the title, and in the report's contents. */
  summary: string;
  /**
   * A page of its own that shows the view with more than its tables (the gap
   * analysis: each gap and its proposals), with the same filters; the view's
   * address leads there.
   */
  pagePath?: string;
  /**
   * Builds the view's tables for the partnership area of `access` (a
   * partnership lead's), with raw counts: callers suppress with `suppressTable`.
   */
  build(db: Db, access: AccessContext, filters: AuditFilters): Promise<AuditTable[]>;
}
