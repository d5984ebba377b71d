import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type ActorValues, actorValues, preparedQuery } from '../../db/preparedQuery.ts';
import type { ReferralStatus } from '../../db/schema.ts';
import { decodeParts, partCount, partsStatement, partTable, rowsPart } from '../../db/statementParts.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { auditEventInsert } from '../../platform/audit/auditLog.ts';
import {
  inboxCountsSql,
  inboxLimit,
  inboxSql,
  ownServicesSql,
  type StatusCount,
  statusCounts,
} from './referralRepository.ts';
import type { InboxFilter, ReferralListRow } from './referralRows.ts';

type InboxValues = ActorValues & {
  status: string;
  serviceId: string;
  urgency: string;
};

function inboxParts(organisationId: string, filter: InboxFilter) {
  return {
    services: rowsPart<{ id: string; name: string }>(ownServicesSql(organisationId)),
    rows: rowsPart<ReferralListRow>(inboxSql(organisationId, filter, inboxLimit)),
    counts: rowsPart<StatusCount>(inboxCountsSql(organisationId, filter)),
  };
}

const parts = inboxParts('', { status: 'new', serviceId: '', urgency: '' });

/**
 * The inbox's services, one tab's referrals and every tab's count in one
 * statement, with the read's audit event (`referral.inbox`, the status and
 * how many were shown). When the service asked for is not one of the
 * organisation's, nothing is audited: the caller asks again for all services.
 */
const inboxStatement = preparedQuery<InboxValues, Record<string, unknown>>((values) => {
  const organisationId = values.organisationId as unknown as string;
  const filter = {
    status: values.status as unknown as ReferralStatus,
    serviceId: values.serviceId as unknown as string,
    urgency: values.urgency as unknown as string,
  };
  const audit = auditEventInsert(
    values,
    {
      action: sql`'referral.inbox'`,
      outcome: sql`'success'`,
      recordType: sql`'organisation'`,
      recordId: sql`${values.organisationId}::text`,
      detail: sql`jsonb_build_object('status', ${values.status}::text, 'shown', ${partCount('rows')})`,
    },
    sql`where ${values.serviceId}::text = '' or exists (select 1 from ${partTable('services')} s
      where s.id::text = ${values.serviceId}::text)`,
  );
  return partsStatement(inboxParts(organisationId, filter), undefined, audit);
});

export interface InboxRead {
  services: { id: string; name: string }[];
  /** The service filtered by: the one asked for when it is one of the organisation's, else none. */
  serviceId: string;
  rows: ReferralListRow[];
  counts: Partial<Record<ReferralStatus, number>>;
}

/** The receiving organisation's inbox on one tab, in one round trip (two when the service asked for is not theirs). */
export async function readInbox(db: Db, access: AccessContext, filter: InboxFilter): Promise<InboxRead> {
  const read = async (serviceId: string) => {
    const [row] = await inboxStatement(db, {
      ...actorValues(access),
      status: filter.status,
      serviceId,
      urgency: filter.urgency,
    });
    if (!row) throw new Error('the inbox statement returned no row');
    return decodeParts(parts, row);
  };
  const first = await read(filter.serviceId);
  const known = !filter.serviceId || first.services.some((s) => s.id === filter.serviceId);
  const shown = known ? first : await read('');
  return {
    services: shown.services,
    serviceId: known ? filter.serviceId : '',
    rows: shown.rows,
    counts: statusCounts(shown.counts),
  };
}
