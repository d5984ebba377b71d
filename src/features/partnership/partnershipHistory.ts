// The history of the partnership's own records (need estimates, gap
// proposals): kept in record_change with no family, read for the record's
// page. The caller must already have checked the record is in the lead's area.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { ChangeEntry } from '../team/familyChanges.ts';

interface Row {
  at: Date | string;
  action: ChangeEntry['action'];
  changes: ChangeEntry['changes'] | string;
  changed_by: string | null;
  organisation_name: string | null;
}

export async function partnershipRecordChanges(
  db: Db,
  access: AccessContext,
  recordType: 'need_estimate' | 'gap_proposal',
  recordId: string,
  limit = 50,
): Promise<ChangeEntry[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select rc.at, rc.action, rc.changes, u.display_name as changed_by, o.name as organisation_name
        from record_change rc
        left join app_user u on u.id = rc.changed_by
        left join organisation o on o.id = rc.organisation_id
        where rc.family_id is null and rc.record_type = ${recordType} and rc.record_id = ${recordId}
        order by rc.at desc, rc.id desc
        limit ${limit}`,
  );
  await recordAudit(db, access, {
    action: 'record.history',
    recordType,
    recordId,
    detail: { shown: rows.length },
  });
  return rows.map((r) => ({
    at: new Date(r.at),
    recordType,
    recordId,
    action: r.action,
    changes: typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes,
    changedBy: r.changed_by,
    organisationName: r.organisation_name,
    personName: null,
  }));
}

const titles: Record<string, string> = { created: 'Recorded', amended: 'Changed' };

/** The history partial's rows (features/team/pages/changes.njk): what changed, from what to what, who and when. */
export function presentPartnershipHistory(
  entries: ChangeEntry[],
  labels: Record<string, string>,
  valueText: (field: string, value: unknown) => string,
) {
  const text = (field: string, value: unknown) =>
    value === null || value === undefined || value === '' ? 'nothing' : valueText(field, value);
  return entries.map((e) => ({
    title: titles[e.action] ?? 'Changed',
    at: e.at,
    by: [e.changedBy ?? 'Hearth', e.organisationName].filter(Boolean).join(', '),
    changes: Object.entries(e.changes).map(([field, change]) => {
      const label = labels[field] ?? field;
      return e.action === 'amended'
        ? `${label}: ${text(field, change.from)} → ${text(field, change.to)}`
        : `${label}: ${text(field, change.to)}`;
    }),
  }));
}
