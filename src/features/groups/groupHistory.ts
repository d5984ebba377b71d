import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import type { ChangeEntry } from '../team/familyChanges.ts';
import { groupFieldLabels } from './groupForm.ts';
import { groupValueText } from './groupPresenter.ts';
import { sessionEditLabels } from './sessionForm.ts';

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

const labels: Record<string, string> = {
  ...Object.fromEntries(groupFieldLabels.map((l) => [l.name, l.label])),
  ...Object.fromEntries(sessionEditLabels.map((l) => [l.name, l.label])),
  members: 'Members who came',
  overCapacity: 'Over capacity',
  inErrorReason: 'Recorded in error, because',
  facilitators: 'Facilitators',
};

const titles: Record<string, string> = {
  created: 'Record created',
  amended: 'Record corrected',
  ended: 'Marked as recorded in error',
};

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** One value in plain words; a member this user may not see is counted, not named. */
export function historyValueText(
  field: string,
  value: unknown,
  names: Map<string, string>,
  programmes: { id: string; name: string }[] = [],
): string {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (field === 'members' && Array.isArray(value)) {
    if (value.length === 0) return 'nobody';
    const named = value.map((id) => names.get(String(id))).filter((n): n is string => Boolean(n));
    const others = value.length - named.length;
    return [...named, ...(others ? [`${others} not shown`] : [])].join(', ');
  }
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'heldOn' && typeof value === 'string') return longDate(value);
  return groupValueText(field, String(value), programmes);
}

/** The history partial's rows for a group or session: what changed, from what to what, who and when. */
export function presentGroupHistory(
  entries: ChangeEntry[],
  names: Map<string, string> = new Map(),
  programmes: { id: string; name: string }[] = [],
) {
  return entries.map((e) => ({
    title: titles[e.action] ?? 'Record changed',
    at: e.at,
    by: [e.changedBy ?? 'Hearth', e.organisationName].filter(Boolean).join(', '),
    changes: Object.entries(e.changes).map(([field, change]) => {
      const label = labels[field] ?? field;
      const to = historyValueText(field, change.to, names, programmes);
      return e.action === 'amended'
        ? `${label}: ${historyValueText(field, change.from, names, programmes)} → ${to}`
        : `${label}: ${to}`;
    }),
  }));
}
