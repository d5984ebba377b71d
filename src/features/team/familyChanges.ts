import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';

export interface ChangeEntry {
  at: Date;
  recordType: string;
  recordId: string;
  action: 'created' | 'amended' | 'ended' | 'merged';
  changes: Record<string, { from: unknown; to: unknown }>;
  changedBy: string | null;
  organisationName: string | null;
  /** The member the record is about, when there is one and this user may see them. */
  personName: string | null;
}

interface Row {
  at: Date | string;
  record_type: string;
  record_id: string;
  action: ChangeEntry['action'];
  changes: ChangeEntry['changes'] | string;
  changed_by: string | null;
  organisation_name: string | null;
  person_name: string | null;
}

/**
 * The history of a family's records of the given types: old and new values,
 * who changed them and when. Limited in SQL to a family this user may see
 * and to members they may see; audited.
 */
export async function familyChanges(
  db: Db,
  access: AccessContext,
  familyId: string,
  recordTypes: string[],
  limit = 50,
  /** Only the history of this one record. */
  recordId?: string,
): Promise<{ entries: ChangeEntry[]; names: Map<string, string> }> {
  const rows = await queryRows<Row>(
    db,
    sql`select rc.at, rc.record_type, rc.record_id, rc.action, rc.changes, coalesce(u.display_name, t.name) as changed_by,
          o.name as organisation_name,
          case when rc.person_id is not null
            then coalesce(p.preferred_name, p.given_name) || coalesce(' ' || p.family_name, '') end as person_name
        from record_change rc
        left join app_user u on u.id = rc.changed_by
        left join api_token t on t.id = rc.changed_by_token
        left join organisation o on o.id = rc.organisation_id
        left join person p on p.id = rc.person_id
        where rc.family_id = ${familyId}
          and rc.record_type = any(${sql.param(recordTypes)}::text[])
          ${recordId ? sql`and rc.record_id = ${recordId}` : sql``}
          and ${familyVisible(access, sql`rc.family_id`)}
          and (rc.person_id is null or ${memberVisible(access, sql`rc.family_id`, sql`rc.person_id`)})
        order by rc.at desc, rc.id desc
        limit ${limit}`,
  );
  const entries = rows.map((r) => ({
    at: new Date(r.at),
    recordType: r.record_type,
    recordId: r.record_id,
    action: r.action,
    changes: typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes,
    changedBy: r.changed_by,
    organisationName: r.organisation_name,
    personName: r.person_name,
  }));
  await recordAudit(db, access, {
    action: 'record.history',
    recordType: 'family',
    familyId,
    detail: { shown: entries.length, recordTypes },
  });
  return { entries, names: await namesOf(db, entries) };
}

/** Names of the organisations and workers whose ids appear in the changes. */
async function namesOf(db: Db, entries: ChangeEntry[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const entry of entries) {
    for (const field of ['organisationId', 'userId']) {
      for (const value of [entry.changes[field]?.from, entry.changes[field]?.to]) {
        if (typeof value === 'string') ids.add(value);
      }
    }
  }
  if (ids.size === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    db,
    sql`select id, name from organisation where id = any(${sql.param([...ids])}::uuid[])
        union all select id, display_name from app_user where id = any(${sql.param([...ids])}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
