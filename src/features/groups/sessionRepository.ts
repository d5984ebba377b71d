import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { groupAttendance, groupSession } from '../../db/schemaSupport.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import { GroupRepository, type GroupRow } from './groupRepository.ts';
import type { AttendeeInput, SessionInput } from './sessionForm.ts';

export interface SessionSummary {
  id: string;
  heldOn: string;
  startsAt: string | null;
  topic: string | null;
  named: number;
  firstNames: number;
  anonymousCount: number;
  total: number;
  overCapacity: boolean;
  /** When it was marked as recorded in error; null for a session that stands. */
  inErrorAt: Date | string | null;
}

export interface RegisterMember {
  personId: string;
  familyId: string;
  familyReference: string;
  givenName: string;
  preferredName: string | null;
  familyName: string | null;
}

export interface SessionRecord extends SessionSummary {
  notes: string | null;
  recordedBy: string | null;
  version: number;
  updatedAt: Date | string;
  updatedByName: string | null;
  inErrorByName: string | null;
  inErrorReason: string | null;
  /** Linked members this user may see now. */
  members: RegisterMember[];
  /** Linked members this user may no longer see (consent withdrawn, say): counted, not named. */
  hiddenMembers: number;
  firstNameList: string[];
}

export interface FamilyAttendanceRow {
  personId: string;
  givenName: string;
  preferredName: string | null;
  familyName: string | null;
  groupName: string;
  organisationName: string;
  sessions: number;
  lastHeldOn: string;
}

const summaryColumns = sql`s.id, s.held_on::text as "heldOn", to_char(s.starts_at, 'HH24:MI') as "startsAt", s.topic,
  (select count(*)::int from group_attendance a where a.session_id = s.id and a.person_id is not null) as named,
  (select count(*)::int from group_attendance a where a.session_id = s.id and a.person_id is null) as "firstNames",
  s.anonymous_count as "anonymousCount",
  (select count(*)::int from group_attendance a where a.session_id = s.id) + s.anonymous_count as total,
  s.over_capacity as "overCapacity", s.in_error_at as "inErrorAt"`;

/** The sessions of a group and their registers: only the group's own organisation sees them. */
export class SessionRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /**
   * A group's sessions with their totals (counts only), newest first; those
   * recorded in error only when `inError` is true. The group must already be checked.
   */
  async listForGroup(groupId: string, options: { inError?: boolean } = {}): Promise<SessionSummary[]> {
    return queryRows<SessionSummary>(
      this.db,
      sql`select ${summaryColumns} from group_session s where s.group_id = ${groupId}
        ${options.inError ? sql`` : sql`and s.in_error_at is null`}
        order by s.held_on desc, s.starts_at desc nulls last, s.created_at desc`,
    );
  }

  /** How many of a group's sessions are marked as recorded in error. */
  async countInError(groupId: string): Promise<number> {
    const [row] = await queryRows<{ count: number }>(
      this.db,
      sql`select count(*)::int as count from group_session where group_id = ${groupId} and in_error_at is not null`,
    );
    return row?.count ?? 0;
  }

  /** True when every person named is a member of that family whom this user may see. */
  async allVisible(attendees: readonly AttendeeInput[], db: Db = this.db): Promise<boolean> {
    if (!attendees.length) return true;
    const [seen] = await queryRows<{ count: number }>(
      db,
      sql`select count(*)::int as count from family_membership m
        join (select * from unnest(${sql.param(attendees.map((a) => a.familyId))}::uuid[],
          ${sql.param(attendees.map((a) => a.personId))}::uuid[]) as x(family_id, person_id)) x
          on x.family_id = m.family_id and x.person_id = m.person_id
        where ${memberVisible(this.access, sql`m.family_id`, sql`m.person_id`)}`,
    );
    return (seen?.count ?? 0) >= attendees.length;
  }

  /** The names of the people among `personIds` whom this user may see in some family, for a session's history. */
  async visibleNames(personIds: readonly string[]): Promise<Map<string, string>> {
    if (!personIds.length) return new Map();
    const rows = await queryRows<{ id: string; name: string }>(
      this.db,
      sql`select distinct p.id, concat_ws(' ', coalesce(nullif(p.preferred_name, ''), p.given_name), p.family_name) as name
        from person p join family_membership m on m.person_id = p.id
        where p.id = any(${sql.param([...personIds])}::uuid[])
          and ${memberVisible(this.access, sql`m.family_id`, sql`m.person_id`)}`,
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** One session and its register, audited (one event for the session, one for each family named in it). */
  async read(group: GroupRow, sessionId: string): Promise<SessionRecord | undefined> {
    const [session] = await queryRows<Omit<SessionRecord, 'members' | 'hiddenMembers' | 'firstNameList'>>(
      this.db,
      sql`select ${summaryColumns}, s.notes, u.display_name as "recordedBy", s.version,
          s.updated_at as "updatedAt", uu.display_name as "updatedByName",
          eu.display_name as "inErrorByName", s.in_error_reason as "inErrorReason"
        from group_session s left join app_user u on u.id = s.recorded_by
        left join app_user uu on uu.id = s.updated_by left join app_user eu on eu.id = s.in_error_by
        where s.id = ${sessionId} and s.group_id = ${group.id}`,
    );
    if (!session) return undefined;
    const [members, firstNames] = await Promise.all([
      queryRows<RegisterMember>(
        this.db,
        sql`select p.id as "personId", a.family_id as "familyId", f.reference as "familyReference",
            p.given_name as "givenName", p.preferred_name as "preferredName", p.family_name as "familyName"
          from group_attendance a join person p on p.id = a.person_id join family f on f.id = a.family_id
          where a.session_id = ${sessionId} and ${memberVisible(this.access, sql`a.family_id`, sql`a.person_id`)}
          order by p.given_name, p.family_name, p.id`,
      ),
      queryRows<{ firstName: string }>(
        this.db,
        sql`select first_name as "firstName" from group_attendance
          where session_id = ${sessionId} and person_id is null order by first_name, id`,
      ),
    ]);
    const families = [...new Set(members.map((m) => m.familyId))];
    await recordAudit(this.db, this.access, {
      action: 'group_session.read',
      recordType: 'group_session',
      recordId: sessionId,
      detail: {
        groupId: group.id,
        named: members.length,
        firstNames: firstNames.length,
        families: families.length,
      },
    });
    for (const familyId of families)
      await recordAudit(this.db, this.access, {
        action: 'group_attendance.read',
        recordType: 'group_session',
        recordId: sessionId,
        familyId,
        detail: { members: members.filter((m) => m.familyId === familyId).length },
      });
    return {
      ...session,
      members,
      hiddenMembers: session.named - members.length,
      firstNameList: firstNames.map((f) => f.firstName),
    };
  }

  /**
   * The people who may be ticked on a group's register: current members this
   * user may see who came to this group before, or whose ids are asked for
   * (found by a name search, or already ticked). Not audited: the register
   * form audits what it shows.
   */
  async candidates(
    groupId: string,
    extra: readonly AttendeeInput[] = [],
    limit = 300,
  ): Promise<RegisterMember[]> {
    const extraPeople = extra.map((e) => e.personId);
    return queryRows<RegisterMember>(
      this.db,
      sql`select p.id as "personId", m.family_id as "familyId", f.reference as "familyReference",
          p.given_name as "givenName", p.preferred_name as "preferredName", p.family_name as "familyName"
        from family_membership m join person p on p.id = m.person_id join family f on f.id = m.family_id
        where m.ended_on is null and p.merged_into_id is null
          and ${memberVisible(this.access, sql`m.family_id`, sql`m.person_id`)}
          and (exists (select 1 from group_attendance a join group_session gs on gs.id = a.session_id
                where gs.group_id = ${groupId} and gs.in_error_at is null
                  and a.person_id = m.person_id and a.family_id = m.family_id)
            or m.person_id = any(${sql.param(extraPeople)}::uuid[]))
        order by coalesce(p.preferred_name, p.given_name), p.family_name, f.reference, p.id
        limit ${limit}`,
    );
  }

  /**
   * Records a session and its register in one transaction, with its audit
   * events. Undefined when the group is not this organisation's or anyone
   * named on the register is not a member this user may see.
   */
  async add(groupId: string, input: SessionInput): Promise<{ id: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const group = await new GroupRepository(tx, this.access).get(groupId, tx);
      if (!group) return undefined;
      if (!(await this.allVisible(input.attendees, tx))) {
        await recordAudit(tx, this.access, {
          action: 'group_session.add',
          outcome: 'denied',
          recordType: 'support_group',
          recordId: groupId,
        });
        return undefined;
      }
      const [created] = await tx
        .insert(groupSession)
        .values({
          groupId,
          heldOn: input.heldOn,
          startsAt: input.startsAt,
          topic: input.topic,
          notes: input.notes,
          anonymousCount: input.anonymousCount,
          overCapacity: input.overCapacity,
          recordedBy: this.access.userId ?? null,
        })
        .returning({ id: groupSession.id });
      if (!created) throw new Error('session not created');
      const rows = [
        ...input.attendees.map((a) => ({
          sessionId: created.id,
          personId: a.personId,
          familyId: a.familyId,
        })),
        ...input.firstNames.map((firstName) => ({ sessionId: created.id, firstName })),
      ];
      if (rows.length) await tx.insert(groupAttendance).values(rows);
      await recordAudit(tx, this.access, {
        action: 'group_session.add',
        recordType: 'group_session',
        recordId: created.id,
        detail: {
          groupId,
          named: input.attendees.length,
          firstNames: input.firstNames.length,
          anonymous: input.anonymousCount,
          total: input.total,
          overCapacity: input.overCapacity,
        },
      });
      const families = [...new Set(input.attendees.map((a) => a.familyId))];
      for (const familyId of families)
        await recordAudit(tx, this.access, {
          action: 'group_attendance.add',
          recordType: 'group_session',
          recordId: created.id,
          familyId,
          detail: { members: input.attendees.filter((a) => a.familyId === familyId).length },
        });
      return created;
    });
  }

  /**
   * The groups each member of a family has attended, for the members this
   * user may see: the group, who runs it, how many sessions and when last.
   * Undefined when the family is not visible. Audited as one read.
   */
  async forFamily(
    familyId: string,
  ): Promise<
    { family: { id: string; reference: string; name: string }; rows: FamilyAttendanceRow[] } | undefined
  > {
    const [visible] = await queryRows<{ id: string; reference: string; name: string }>(
      this.db,
      sql`select f.id, f.reference, f.name from family f where f.id = ${familyId} and ${familyVisible(this.access, sql`f.id`)}`,
    );
    if (!visible) {
      await recordAudit(this.db, this.access, {
        action: 'group_attendance.read',
        outcome: 'denied',
        recordType: 'family',
        recordId: familyId,
      });
      return undefined;
    }
    const rows = await queryRows<FamilyAttendanceRow>(
      this.db,
      sql`select a.person_id as "personId", p.given_name as "givenName", p.preferred_name as "preferredName",
          p.family_name as "familyName", g.name as "groupName", o.name as "organisationName",
          count(*)::int as sessions, max(s.held_on)::text as "lastHeldOn"
        from group_attendance a join group_session s on s.id = a.session_id
        join support_group g on g.id = s.group_id join organisation o on o.id = g.organisation_id
        join person p on p.id = a.person_id
        where a.family_id = ${familyId} and a.person_id is not null and s.in_error_at is null
          and ${memberVisible(this.access, sql`a.family_id`, sql`a.person_id`)}
        group by a.person_id, p.given_name, p.preferred_name, p.family_name, g.id, g.name, o.name
        order by p.given_name, max(s.held_on) desc, g.name`,
    );
    await recordAudit(this.db, this.access, {
      action: 'group_attendance.read',
      recordType: 'family',
      recordId: familyId,
      familyId,
      detail: { members: new Set(rows.map((r) => r.personId)).size, groups: rows.length },
    });
    return { family: visible, rows };
  }
}
