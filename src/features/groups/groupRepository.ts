import { and, eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { type Placeholders, preparedQuery } from '../../db/preparedQuery.ts';
import type { FacilitatorKind } from '../../db/schemaSupport.ts';
import {
  type AttendanceMode,
  type GroupKind,
  groupFacilitator,
  supportGroup,
} from '../../db/schemaSupport.ts';
import { type AccessContext, canSeePersonalData } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { type EditToken, requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import type { GroupInput } from './groupForm.ts';

export interface FacilitatorRow {
  userId: string | null;
  name: string;
  kind: FacilitatorKind;
}

export interface GroupRow {
  id: string;
  name: string;
  kind: GroupKind;
  programmeId: string | null;
  programmeName: string | null;
  forWhom: string;
  location: string;
  meets: string;
  weekday: number | null;
  capacity: number | null;
  attendance: AttendanceMode;
  active: boolean;
  version: number;
  updatedAt: string;
  sessions: number;
  lastHeldOn: string | null;
  facilitators: FacilitatorRow[];
}

export interface TodaysGroup {
  id: string;
  name: string;
  meets: string;
  location: string;
  organisationName: string;
  /** The group's page, when the user's organisation runs it; null for a group they facilitate elsewhere. */
  href: string | null;
}

/** True in SQL when the asking user's organisation runs the group: only its users see its registers. */
export function groupVisible(access: AccessContext, organisationId: SQLWrapper): SQL {
  if (!canSeePersonalData(access) || !access.organisationId) return sql`false`;
  return sql`${organisationId} = ${access.organisationId}`;
}

/** The ISO weekday (1 Monday to 7 Sunday) of an ISO date. */
export function isoWeekday(iso: string): number {
  const day = new Date(`${iso}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The groups meeting today (by their weekday) that the user's organisation
 * runs or that the user facilitates, for the home page. Groups are the
 * organisation's, not personal data, so this read is not audited.
 */
export async function todaysGroups(db: Db, access: AccessContext, today: string): Promise<TodaysGroup[]> {
  if (!canSeePersonalData(access) || !access.organisationId) return [];
  const rows = await todaysGroupsStatement(db, {
    organisationId: access.organisationId,
    userId: access.userId ?? null,
    weekday: isoWeekday(today),
  });
  return withGroupLinks(rows);
}

/** A row of `todaysGroupsSql`. */
export type TodaysGroupRow = Omit<TodaysGroup, 'href'> & { own: boolean };

/** Today's groups with their pages' links, from the rows `todaysGroupsSql` reads. */
export function withGroupLinks(rows: TodaysGroupRow[]): TodaysGroup[] {
  return rows.map(({ own, ...g }) => ({ ...g, href: own ? `/practice/groups/${g.id}` : null }));
}

/** The groups meeting on a weekday that an organisation runs or a user facilitates, by name; placeholders in. */
export function todaysGroupsSql({ organisationId, userId, weekday }: Placeholders<TodaysGroupValues>): SQL {
  return sql`select g.id, g.name, g.meets, g.location, o.name as "organisationName",
      (g.organisation_id = ${organisationId}::uuid) as own
    from support_group g join organisation o on o.id = g.organisation_id
    where g.active and g.weekday = ${weekday}::int
      and (g.organisation_id = ${organisationId}::uuid
        or exists (select 1 from group_facilitator gf where gf.group_id = g.id and gf.user_id = ${userId}::uuid))
    order by g.name, g.id`;
}

type TodaysGroupValues = { organisationId: string | null; userId: string | null; weekday: number };

/** Prepared once: it runs on every home page view. */
const todaysGroupsStatement = preparedQuery<TodaysGroupValues, TodaysGroupRow>(todaysGroupsSql);

const groupColumns = sql`g.id, g.name, g.kind, g.programme_id as "programmeId", p.name as "programmeName",
  g.for_whom as "forWhom", g.location, g.meets, g.weekday, g.capacity, g.attendance, g.active, g.version,
  g.updated_at::text as "updatedAt",
  (select count(*)::int from group_session s where s.group_id = g.id and s.in_error_at is null) as sessions,
  (select max(s.held_on)::text from group_session s where s.group_id = g.id and s.in_error_at is null) as "lastHeldOn",
  coalesce((select json_agg(json_build_object('userId', f.user_id, 'name', coalesce(u.display_name, f.name), 'kind', f.kind)
    order by coalesce(u.display_name, f.name)) from group_facilitator f left join app_user u on u.id = f.user_id
    where f.group_id = g.id), '[]'::json) as facilitators`;

/** The groups an organisation runs, read and written only by its own users. */
export class GroupRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  async list(): Promise<GroupRow[]> {
    return queryRows<GroupRow>(
      this.db,
      sql`select ${groupColumns} from support_group g left join programme p on p.id = g.programme_id
        where ${groupVisible(this.access, sql`g.organisation_id`)}
        order by g.active desc, g.name, g.id`,
    );
  }

  /** One group, or undefined when it is not this organisation's (the refusal is audited). */
  async get(groupId: string, db: Db = this.db): Promise<GroupRow | undefined> {
    const [row] = await queryRows<GroupRow>(
      db,
      sql`select ${groupColumns} from support_group g left join programme p on p.id = g.programme_id
        where g.id = ${groupId} and ${groupVisible(this.access, sql`g.organisation_id`)}`,
    );
    if (!row)
      await recordAudit(db, this.access, {
        action: 'group.read',
        outcome: 'denied',
        recordType: 'support_group',
        recordId: groupId,
      });
    return row;
  }

  /** Who may be chosen on the group form: the organisation's practice users, and the programmes it may deliver. */
  async choices(): Promise<{
    users: { id: string; name: string }[];
    programmes: { id: string; name: string }[];
  }> {
    if (!canSeePersonalData(this.access)) return { users: [], programmes: [] };
    const organisationId = this.access.organisationId as string;
    const [users, programmes] = await Promise.all([
      queryRows<{ id: string; name: string }>(
        this.db,
        sql`select id, display_name as name from app_user
          where organisation_id = ${organisationId} and status = 'active'
            and roles && array['practitioner', 'volunteer', 'team_lead']::text[]
          order by display_name, id`,
      ),
      queryRows<{ id: string; name: string }>(
        this.db,
        sql`select id, name from programme where active
            and (organisation_id is null or organisation_id = ${organisationId})
          order by organisation_id nulls first, name`,
      ),
    ]);
    return { users, programmes };
  }

  async add(input: GroupInput): Promise<{ id: string }> {
    const organisationId = this.access.organisationId;
    if (!canSeePersonalData(this.access) || !organisationId) throw new Error('not a practice user');
    return this.db.transaction(async (tx) => {
      const { facilitators, ...group } = input;
      const [created] = await tx
        .insert(supportGroup)
        .values({ ...group, organisationId, createdBy: this.access.userId ?? null })
        .returning({ id: supportGroup.id });
      if (!created) throw new Error('group not created');
      if (facilitators.length)
        await tx.insert(groupFacilitator).values(facilitators.map((f) => ({ ...f, groupId: created.id })));
      await recordAudit(tx, this.access, {
        action: 'group.add',
        recordType: 'support_group',
        recordId: created.id,
        detail: { facilitators: facilitators.length },
      });
      return created;
    });
  }

  /**
   * Changes a group and replaces its facilitators, in one transaction, when
   * nobody has saved it since the form was opened (else StaleEditError).
   * Undefined when the group is not this organisation's.
   */
  async update(groupId: string, input: GroupInput, token: EditToken): Promise<{ id: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const current = await this.get(groupId, tx);
      if (!current) return undefined;
      const { facilitators, ...group } = input;
      const updated = await tx
        .update(supportGroup)
        .set({ ...group, updatedAt: new Date(), version: sql`${supportGroup.version} + 1` })
        .where(and(eq(supportGroup.id, groupId), eq(supportGroup.version, token.version)))
        .returning({ id: supportGroup.id });
      await requireUpdated(updated, async () => ({
        version: current.version,
        values: groupFieldValues(current),
        savedBy: 'Someone in your organisation',
        savedAt: new Date(current.updatedAt),
      }));
      await tx.delete(groupFacilitator).where(eq(groupFacilitator.groupId, groupId));
      if (facilitators.length)
        await tx.insert(groupFacilitator).values(facilitators.map((f) => ({ ...f, groupId })));
      const after = await this.get(groupId, tx);
      if (!after) throw new Error('group not found after saving');
      const changes = changedFields(historyValues(current), historyValues(after));
      await recordHistory(tx, this.access, {
        familyId: null,
        recordType: 'support_group',
        recordId: groupId,
        action: 'amended',
        changes,
      });
      await recordAudit(tx, this.access, {
        action: 'group.change',
        recordType: 'support_group',
        recordId: groupId,
        detail: { facilitators: facilitators.length, fields: Object.keys(changes).length },
      });
      return { id: groupId };
    });
  }
}

/** What a group's history keeps: its fields as the form holds them, and its facilitators by name. */
function historyValues(group: GroupRow): Record<string, unknown> {
  return { ...groupFieldValues(group), facilitators: group.facilitators.map((f) => f.name) };
}

/** A group's editable fields as the form and the conflict comparison hold them. */
export function groupFieldValues(group: GroupRow): Record<string, string | null> {
  return {
    name: group.name,
    kind: group.kind,
    programmeId: group.programmeId,
    forWhom: group.forWhom,
    location: group.location,
    meets: group.meets,
    weekday: group.weekday === null ? null : String(group.weekday),
    capacity: group.capacity === null ? null : String(group.capacity),
    attendance: group.attendance,
    active: group.active ? 'yes' : 'no',
  };
}
