import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { planAction, teamMeeting } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { PlanRepository } from '../plan/planRepository.ts';
import { ensurePlan, ownerColumns } from '../plan/planService.ts';
import type { MeetingInput } from './meetingForm.ts';

export interface MeetingRow {
  id: string;
  heldOn: string;
  familyPresent: boolean;
  membersPresent: string[];
  organisations: string[];
  workers: string[];
  othersPresent: string | null;
  discussed: string;
  decisions: string | null;
  recordedBy: string | null;
  version: number;
  /** When it was marked as recorded in error, by whom and why; null while it stands. */
  inErrorAt: Date | null;
  inErrorBy: string | null;
  inErrorReason: string | null;
  /** The raw attendance, for the correction form. */
  organisationsPresent: string[];
  workersPresent: string[];
}

/** Meetings of the team around a family, read through the family access rule. */
export class MeetingRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /**
   * The family's meetings, newest first (or one of them), with the names of who
   * attended. Meetings marked as recorded in error are left out of the list
   * unless `inError` is true; one meeting asked for by id is always returned.
   * Not audited: callers audit the page.
   */
  async list(
    familyId: string,
    meetingId?: string,
    options: { inError?: boolean } = {},
  ): Promise<MeetingRow[]> {
    const rows = await queryRows<MeetingRow & { inErrorAt: Date | string | null }>(
      this.db,
      sql`select m.id, m.held_on::text as "heldOn", m.family_present as "familyPresent",
          array_to_json(m.members_present) as "membersPresent",
          coalesce((select json_agg(o.name order by o.name) from organisation o where o.id = any(m.organisations_present)), '[]'::json) as organisations,
          coalesce((select json_agg(u.display_name || ', ' || uo.name order by u.display_name) from app_user u
            join organisation uo on uo.id = u.organisation_id where u.id = any(m.workers_present)), '[]'::json) as workers,
          m.others_present as "othersPresent", m.discussed, m.decisions,
          ru.display_name || ', ' || ro.name as "recordedBy",
          m.version, m.in_error_at as "inErrorAt", eu.display_name as "inErrorBy", m.in_error_reason as "inErrorReason",
          array_to_json(m.organisations_present) as "organisationsPresent",
          array_to_json(m.workers_present) as "workersPresent"
        from team_meeting m left join app_user ru on ru.id = m.recorded_by
        left join organisation ro on ro.id = m.organisation_id
        left join app_user eu on eu.id = m.in_error_by
        where m.family_id = ${familyId} and ${familyVisible(this.access, sql`m.family_id`)}
          ${meetingId ? sql`and m.id = ${meetingId}` : options.inError ? sql`` : sql`and m.in_error_at is null`}
        order by m.held_on desc, m.created_at desc`,
    );
    return rows.map((r) => ({ ...r, inErrorAt: r.inErrorAt ? new Date(r.inErrorAt) : null }));
  }

  /** How many of the family's meetings are marked as recorded in error (the list offers to show them). */
  async countInError(familyId: string): Promise<number> {
    const [row] = await queryRows<{ count: number }>(
      this.db,
      sql`select count(*)::int as count from team_meeting m
        where m.family_id = ${familyId} and m.in_error_at is not null
          and ${familyVisible(this.access, sql`m.family_id`)}`,
    );
    return row?.count ?? 0;
  }

  /**
   * Records a meeting in one transaction: the meeting, its actions as plan
   * actions (starting the plan if there is none), an automatic chronology
   * entry, history and audit. Undefined when the family, or anyone the
   * meeting names, is not visible to this user.
   */
  async add(familyId: string, input: MeetingInput): Promise<{ id: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const record = await new PlanRepository(tx, this.access).read(familyId, {
        action: 'meeting.add',
        withChoices: true,
        audit: false,
      });
      if (!record) return undefined;
      const known = (ids: string[], allowed: { id: string }[]) =>
        ids.every((id) => allowed.some((a) => a.id === id));
      const owners = input.actions.every((a) =>
        a.ownerKind === 'member'
          ? record.members.some((m) => m.personId === a.ownerId)
          : known(
              [a.ownerId],
              a.ownerKind === 'worker' ? record.choices.workers : record.choices.organisations,
            ),
      );
      if (
        !owners ||
        !input.membersPresent.every((id) => record.members.some((m) => m.personId === id)) ||
        !known(input.organisationsPresent, record.choices.organisations) ||
        !known(input.workersPresent, record.choices.workers)
      ) {
        await recordAudit(tx, this.access, {
          action: 'meeting.add',
          outcome: 'denied',
          recordType: 'family',
          recordId: familyId,
          familyId,
        });
        return undefined;
      }
      const { actions, ...meeting } = input;
      const [created] = await tx
        .insert(teamMeeting)
        .values({
          familyId,
          ...meeting,
          recordedBy: this.access.userId ?? null,
          organisationId: this.access.organisationId ?? null,
        })
        .returning({ id: teamMeeting.id });
      if (!created) throw new Error('meeting not created');
      if (actions.length) {
        const planId = await ensurePlan(tx, this.access, familyId, record);
        await tx.insert(planAction).values(
          actions.map((a) => ({
            planId,
            familyId,
            what: a.what,
            ...ownerColumns(a),
            dueOn: a.dueOn,
            meetingId: created.id,
            createdBy: this.access.userId ?? null,
          })),
        );
      }
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'team_meeting',
        recordId: created.id,
        action: 'created',
        changes: changedFields(
          {},
          { heldOn: input.heldOn, familyPresent: input.familyPresent, actions: actions.length },
        ),
      });
      const people = input.membersPresent.length;
      await addAutomaticEntry(tx, this.access, {
        familyId,
        occurredOn: input.heldOn,
        what: input.familyPresent
          ? `Meeting of the team around the family, with the family there (${people} ${people === 1 ? 'member' : 'members'}).${actions.length ? ` ${actions.length} ${actions.length === 1 ? 'action was' : 'actions were'} added to the family plan.` : ''}`
          : `Meeting of the team around the family, without the family.${actions.length ? ` ${actions.length} ${actions.length === 1 ? 'action was' : 'actions were'} added to the family plan.` : ''}`,
      });
      await recordAudit(tx, this.access, {
        action: 'meeting.add',
        recordType: 'team_meeting',
        recordId: created.id,
        familyId,
        detail: { actions: actions.length, membersPresent: people },
      });
      return created;
    });
  }
}
