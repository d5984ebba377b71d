import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { EnrolmentStatus, ProgrammeFormat } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import type { PartRead } from '../families/partRead.ts';

/**
 * True in SQL when the asking user may see an enrolment: its member must be
 * visible to them, and while that member's support is confidential with one
 * organisation their enrolments are hidden from every other organisation
 * (the enrolling organisation always sees its own).
 */
export function enrolmentVisible(access: AccessContext, enrolment: string): SQL {
  const e = (column: string): SQLWrapper => sql.raw(`${enrolment}.${column}`);
  const organisationId = access.organisationId ?? null;
  return sql`(${memberVisible(access, e('family_id'), e('person_id'))}
    and (${e('organisation_id')} = ${organisationId} or not exists (select 1 from member_support es
      where es.family_id = ${e('family_id')} and es.person_id = ${e('person_id')} and es.confidential
        and es.organisation_id is distinct from ${organisationId})))`;
}

export interface EnrolmentRow {
  id: string;
  familyId: string;
  personId: string;
  memberName: string;
  programmeId: string;
  programmeName: string;
  format: ProgrammeFormat;
  sessionsPlanned: number | null;
  organisationId: string;
  organisationName: string;
  workerId: string | null;
  workerName: string | null;
  groupId: string | null;
  groupName: string | null;
  enrolledOn: string;
  status: EnrolmentStatus;
  endedOn: string | null;
  endReason: string | null;
  version: number;
  /** Contacts held as sessions of this enrolment that the member attended. */
  contactSessions: number;
  /** Sessions of the enrolment's group the member was registered at, from the day they started (to the day it ended). */
  groupSessions: number;
}

/** One session that counted toward an enrolment: a contact, or a meeting of its group. */
export interface CountedSession {
  on: string;
  kind: 'contact' | 'group';
  /** The worker who held the contact, or the group's name. */
  with: string;
}

/**
 * Members' enrolments in structured programmes, with their progress, read
 * through the family access rule and the confidential-support rule above.
 * Reads are audited unless they are part of a page read that audits itself.
 */
export class EnrolmentRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private select(where: SQL): SQL {
    return sql`select e.id, e.family_id as "familyId", e.person_id as "personId",
        concat_ws(' ', coalesce(nullif(pe.preferred_name, ''), pe.given_name), pe.family_name) as "memberName",
        e.programme_id as "programmeId", p.name as "programmeName", p.format, p.sessions_planned as "sessionsPlanned",
        e.organisation_id as "organisationId", o.name as "organisationName", e.worker_id as "workerId",
        u.display_name as "workerName", e.group_id as "groupId", g.name as "groupName",
        e.enrolled_on::text as "enrolledOn", e.status, e.ended_on::text as "endedOn", e.end_reason as "endReason",
        e.version,
        (select count(*)::int from contact c where c.enrolment_id = e.id and c.outcome = 'attended'
          and c.in_error_at is null) as "contactSessions",
        (select count(distinct gs.id)::int from group_session gs
          join group_attendance ga on ga.session_id = gs.id and ga.person_id = e.person_id
          where gs.group_id = e.group_id and gs.held_on >= e.enrolled_on and gs.in_error_at is null
            and (e.ended_on is null or gs.held_on <= e.ended_on)) as "groupSessions"
      from programme_enrolment e
      join programme p on p.id = e.programme_id
      join person pe on pe.id = e.person_id
      join organisation o on o.id = e.organisation_id
      left join app_user u on u.id = e.worker_id
      left join support_group g on g.id = e.group_id
      where ${where} and ${enrolmentVisible(this.access, 'e')}
      order by (e.status <> 'active'), e.enrolled_on desc, p.name`;
  }

  /**
   * A family's enrolments the user may see, current first; undefined when the
   * family is not visible (audited as denied).
   */
  async forFamily(
    familyId: string,
    options: PartRead = {},
    db: Db = this.db,
  ): Promise<EnrolmentRow[] | undefined> {
    if (!options.familyChecked) {
      const [visible] = await queryRows<{ ok: boolean }>(
        db,
        sql`select ${familyVisible(this.access, sql`${familyId}::uuid`)} as ok`,
      );
      if (!visible?.ok) {
        if (options.audit !== false)
          await recordAudit(db, this.access, {
            action: 'enrolment.list',
            outcome: 'denied',
            recordType: 'family',
            recordId: familyId,
            familyId,
          });
        return undefined;
      }
    }
    const rows = await queryRows<EnrolmentRow>(db, this.forFamilySql(familyId));
    if (options.audit !== false)
      await recordAudit(db, this.access, {
        action: 'enrolment.list',
        recordType: 'family',
        recordId: familyId,
        familyId,
        detail: { shown: rows.length },
      });
    return rows;
  }

  /** The statement behind `forFamily`, without its family check. */
  forFamilySql(familyId: string): SQL {
    return this.select(sql`e.family_id = ${familyId}`);
  }

  /** One enrolment of the family, or undefined (audited as denied). `audit: false` when the caller audits. */
  async get(
    familyId: string,
    enrolmentId: string,
    options: { audit?: boolean; action?: string } = {},
    db: Db = this.db,
  ): Promise<EnrolmentRow | undefined> {
    const [row] = await queryRows<EnrolmentRow>(
      db,
      this.select(sql`e.family_id = ${familyId} and e.id = ${enrolmentId}`),
    );
    if (!row || options.audit !== false)
      await recordAudit(db, this.access, {
        action: options.action ?? 'enrolment.read',
        outcome: row ? 'success' : 'denied',
        recordType: 'programme_enrolment',
        recordId: enrolmentId,
        familyId,
      });
    return row;
  }

  /** The sessions that counted toward an enrolment the caller has just read, oldest first. */
  async sessions(enrolment: EnrolmentRow, db: Db = this.db): Promise<CountedSession[]> {
    return queryRows<CountedSession>(
      db,
      sql`select (c.occurred_at at time zone 'Europe/London')::date::text as "on", 'contact' as kind,
          u.display_name as "with"
        from contact c join app_user u on u.id = c.worker_id
        where c.enrolment_id = ${enrolment.id} and c.outcome = 'attended' and c.in_error_at is null
        union all
        select gs.held_on::text, 'group', g.name from group_session gs
          join support_group g on g.id = gs.group_id
        where gs.group_id = ${enrolment.groupId} and gs.held_on >= ${enrolment.enrolledOn}::date
          and gs.in_error_at is null
          and (${enrolment.endedOn}::date is null or gs.held_on <= ${enrolment.endedOn}::date)
          and exists (select 1 from group_attendance ga where ga.session_id = gs.id and ga.person_id = ${enrolment.personId})
        order by 1, 2`,
    );
  }
}
