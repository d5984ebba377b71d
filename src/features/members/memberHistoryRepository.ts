import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { memberVisible, supportVisible } from '../families/familyVisibility.ts';

export interface HistoryEntry {
  at: Date;
  recordType: string;
  action: 'created' | 'amended' | 'ended' | 'merged';
  changes: Record<string, { from: unknown; to: unknown }>;
  changedBy: string | null;
  organisationName: string | null;
}

interface Row {
  at: Date | string;
  record_type: string;
  action: HistoryEntry['action'];
  changes: HistoryEntry['changes'] | string;
  changed_by: string | null;
  organisation_name: string | null;
}

/** The record's history for one member: their details, their membership of this family and support the viewer may see. */
export class HistoryRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** The names of workers named in changes (a member's worker), by user id. */
  async workerNames(entries: HistoryEntry[]): Promise<Map<string, string>> {
    const ids = [
      ...new Set(
        entries
          .flatMap((e) => [e.changes.workerId?.from, e.changes.workerId?.to])
          .filter((id): id is string => typeof id === 'string'),
      ),
    ];
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ id: string; display_name: string }>(
      this.db,
      sql`select id, display_name from app_user where id = any(${sql.param(ids)}::uuid[])`,
    );
    return new Map(rows.map((r) => [r.id, r.display_name]));
  }

  async forMember(familyId: string, personId: string): Promise<HistoryEntry[]> {
    const rows = await queryRows<Row>(
      this.db,
      sql`select rc.at, rc.record_type, rc.action, rc.changes, coalesce(u.display_name, t.name) as changed_by,
            o.name as organisation_name
          from record_change rc
          left join app_user u on u.id = rc.changed_by
          left join api_token t on t.id = rc.changed_by_token
          left join organisation o on o.id = rc.organisation_id
          where (rc.person_id = ${personId} or rc.person_id in (select mp.id from person mp where mp.merged_into_id = ${personId}))
            and ${memberVisible(this.access, sql`${familyId}::uuid`, sql`${personId}::uuid`)}
            and (rc.record_type = 'person' or rc.family_id = ${familyId})
            and rc.record_type in ('person', 'family_membership', 'member_support', 'group_attendance')
            and (rc.record_type <> 'member_support' or exists (select 1 from member_support hs
              where hs.id = rc.record_id and ${supportVisible(this.access, sql`hs.organisation_id`, sql`hs.confidential`)}))
          order by rc.at desc, rc.id desc
          limit 500`,
    );
    await recordAudit(this.db, this.access, {
      action: 'member.history',
      recordType: 'person',
      recordId: personId,
      familyId,
      detail: { shown: rows.length },
    });
    return rows.map((r) => ({
      at: new Date(r.at),
      recordType: r.record_type,
      action: r.action,
      changes: typeof r.changes === 'string' ? JSON.parse(r.changes) : r.changes,
      changedBy: r.changed_by,
      organisationName: r.organisation_name,
    }));
  }
}
