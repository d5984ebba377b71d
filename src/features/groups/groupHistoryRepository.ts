import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { ChangeEntry } from '../team/familyChanges.ts';

interface Row {
  at: Date | string;
  record_id: string;
  action: ChangeEntry['action'];
  changes: ChangeEntry['changes'] | string;
  changed_by: string | null;
  organisation_name: string | null;
}

/**
 * The history of a group or one of its sessions: records that span families,
 * so kept with no family. The caller must already have checked the group is
 * this organisation's. Audited with counts only.
 */
export async function groupRecordChanges(
  db: Db,
  access: AccessContext,
  recordType: 'support_group' | 'group_session',
  recordId: string,
  limit = 50,
): Promise<ChangeEntry[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select rc.at, rc.record_id, rc.action, rc.changes, coalesce(u.display_name, t.name) as changed_by,
          o.name as organisation_name
        from record_change rc
        left join app_user u on u.id = rc.changed_by
        left join api_token t on t.id = rc.changed_by_token
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
    recordId: r.record_id,
    action: r.action,
    changes: typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes,
    changedBy: r.changed_by,
    organisationName: r.organisation_name,
    personName: null,
  }));
}
