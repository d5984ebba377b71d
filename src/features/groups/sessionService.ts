import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { appUser } from '../../db/schema.ts';
import { groupAttendance, groupSession } from '../../db/schemaSupport.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { type EditToken, requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import { memberVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { markRecordInError } from '../families/recordInError.ts';
import { GroupRepository, type GroupRow } from './groupRepository.ts';
import { type AttendeeInput, type SessionFields, type SessionInput, sessionValues } from './sessionForm.ts';
import { SessionRepository } from './sessionRepository.ts';

interface StoredAttendee extends AttendeeInput {
  visible: boolean;
}

/** A stored session's correctable fields, with every named attendee and whether this user may see them. */
async function storedSession(tx: Db, access: AccessContext, groupId: string, sessionId: string) {
  const [row] = await tx
    .select()
    .from(groupSession)
    .where(
      and(eq(groupSession.id, sessionId), eq(groupSession.groupId, groupId), isNull(groupSession.inErrorAt)),
    );
  if (!row) return undefined;
  const named = await queryRows<StoredAttendee>(
    tx,
    sql`select a.family_id as "familyId", a.person_id as "personId",
        ${memberVisible(access, sql`a.family_id`, sql`a.person_id`)} as visible
      from group_attendance a where a.session_id = ${sessionId} and a.person_id is not null`,
  );
  const firstNames = await queryRows<{ firstName: string }>(
    tx,
    sql`select first_name as "firstName" from group_attendance
      where session_id = ${sessionId} and person_id is null order by first_name, id`,
  );
  const fields: SessionFields = {
    heldOn: row.heldOn,
    startsAt: row.startsAt ? row.startsAt.slice(0, 5) : null,
    topic: row.topic,
    notes: row.notes,
    attendees: named.filter((a) => a.visible).map(({ familyId, personId }) => ({ familyId, personId })),
    firstNames: firstNames.map((f) => f.firstName),
    anonymousCount: row.anonymousCount,
  };
  return { row, fields, hidden: named.filter((a) => !a.visible) };
}

/** The history's view of a session's fields: the register as person ids, so names are shown only to those who may see them. */
function historyFields(s: SessionFields, overCapacity: boolean) {
  return {
    heldOn: s.heldOn,
    startsAt: s.startsAt,
    topic: s.topic,
    notes: s.notes,
    members: s.attendees.map((a) => a.personId),
    firstNames: s.firstNames,
    anonymousCount: s.anonymousCount,
    overCapacity,
  };
}

/**
 * Correcting a group session and its register, and marking one as recorded
 * in error. Each runs in one transaction that re-reads the group through the
 * organisation rule, checks the version the form was opened at, keeps the old
 * and new values in the session's history (and, for each member added to or
 * taken off the register, in that member's history) and audits it. A session
 * is never deleted.
 */
export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private async denied(tx: Db, action: string, sessionId: string) {
    await recordAudit(tx, this.access, {
      action,
      outcome: 'denied',
      recordType: 'group_session',
      recordId: sessionId,
    });
    return undefined;
  }

  private async current(tx: Db, group: GroupRow, sessionId: string) {
    const stored = await storedSession(tx, this.access, group.id, sessionId);
    const [row] = await tx
      .select({ version: groupSession.version, updatedAt: groupSession.updatedAt, by: appUser.displayName })
      .from(groupSession)
      .leftJoin(appUser, eq(appUser.id, groupSession.updatedBy))
      .where(eq(groupSession.id, sessionId));
    if (!row) return undefined;
    return {
      version: row.version,
      values: stored ? sessionValues(stored.fields) : {},
      savedBy: row.by,
      savedAt: row.updatedAt,
    };
  }

  /**
   * Saves a correction made on a form opened at `token.version`. Members this
   * user may not see stay on the register as they are, and count toward
   * capacity. Undefined when the group or session is not visible or already in
   * error, or the register names someone this user may not see; throws
   * StaleEditError when someone else saved first.
   */
  async correct(
    groupId: string,
    sessionId: string,
    token: Pick<EditToken, 'version'>,
    input: SessionInput,
  ): Promise<{ id: string; overCapacity: boolean } | undefined> {
    const action = 'group.session.edit';
    return this.db.transaction(async (tx) => {
      const group = await new GroupRepository(tx, this.access).get(groupId, tx);
      if (!group) return undefined;
      const stored = await storedSession(tx, this.access, groupId, sessionId);
      if (!stored) return this.denied(tx, action, sessionId);
      if (!(await new SessionRepository(tx, this.access).allVisible(input.attendees, tx)))
        return this.denied(tx, action, sessionId);
      const total = input.total + stored.hidden.length;
      const overCapacity = group.capacity !== null && total > group.capacity;
      const updated = await tx
        .update(groupSession)
        .set({
          heldOn: input.heldOn,
          startsAt: input.startsAt,
          topic: input.topic,
          notes: input.notes,
          anonymousCount: input.anonymousCount,
          overCapacity,
          updatedAt: new Date(),
          updatedBy: this.access.userId ?? null,
          version: sql`${groupSession.version} + 1`,
        })
        .where(
          and(
            eq(groupSession.id, sessionId),
            eq(groupSession.version, token.version),
            isNull(groupSession.inErrorAt),
          ),
        )
        .returning({ id: groupSession.id });
      await requireUpdated(updated, () => this.current(tx, group, sessionId));

      const before = new Set(stored.fields.attendees.map((a) => a.personId));
      const after = new Set(input.attendees.map((a) => a.personId));
      const removed = stored.fields.attendees.filter((a) => !after.has(a.personId));
      const added = input.attendees.filter((a) => !before.has(a.personId));
      if (removed.length)
        await tx.delete(groupAttendance).where(
          and(
            eq(groupAttendance.sessionId, sessionId),
            inArray(
              groupAttendance.personId,
              removed.map((a) => a.personId),
            ),
          ),
        );
      await tx
        .delete(groupAttendance)
        .where(and(eq(groupAttendance.sessionId, sessionId), isNull(groupAttendance.personId)));
      const rows = [
        ...added.map((a) => ({ sessionId, personId: a.personId, familyId: a.familyId })),
        ...input.firstNames.map((firstName) => ({ sessionId, firstName })),
      ];
      if (rows.length) await tx.insert(groupAttendance).values(rows);

      const changes = changedFields(
        historyFields(stored.fields, stored.row.overCapacity),
        historyFields(input, overCapacity),
      );
      await recordHistory(tx, this.access, {
        familyId: null,
        recordType: 'group_session',
        recordId: sessionId,
        action: 'amended',
        changes,
      });
      for (const [list, memberAction] of [
        [added, 'created'],
        [removed, 'ended'],
      ] as const)
        for (const a of list)
          await recordHistory(tx, this.access, {
            familyId: a.familyId,
            recordType: 'group_attendance',
            recordId: sessionId,
            personId: a.personId,
            action: memberAction,
            changes: {
              groupSession: { from: null, to: `${group.name}, ${input.heldOn}` },
            },
          });
      await recordAudit(tx, this.access, {
        action,
        recordType: 'group_session',
        recordId: sessionId,
        detail: {
          groupId,
          fields: Object.keys(changes).length,
          added: added.length,
          removed: removed.length,
          firstNames: input.firstNames.length,
          anonymous: input.anonymousCount,
          total,
          overCapacity,
        },
      });
      for (const familyId of new Set([...added, ...removed].map((a) => a.familyId)))
        await recordAudit(tx, this.access, {
          action: 'group_attendance.edit',
          recordType: 'group_session',
          recordId: sessionId,
          familyId,
          detail: {
            added: added.filter((a) => a.familyId === familyId).length,
            removed: removed.filter((a) => a.familyId === familyId).length,
          },
        });
      return { id: sessionId, overCapacity };
    });
  }

  /**
   * Marks a session as recorded in error, with the reason. It stays in the
   * record with its register, hidden from the group's sessions and left out
   * of attendance counts and programme progress. Undefined when not visible or
   * already marked; throws StaleEditError when someone changed it since.
   */
  async markInError(
    groupId: string,
    sessionId: string,
    version: number,
    reason: string,
  ): Promise<{ id: string } | undefined> {
    const action = 'group.session.in_error';
    return this.db.transaction(async (tx) => {
      const group = await new GroupRepository(tx, this.access).get(groupId, tx);
      if (!group) return undefined;
      const stored = await storedSession(tx, this.access, groupId, sessionId);
      if (!stored) return this.denied(tx, action, sessionId);
      const named = [...stored.fields.attendees, ...stored.hidden];
      await markRecordInError(tx, this.access, {
        table: groupSession,
        recordType: 'group_session',
        recordId: sessionId,
        familyId: null,
        version,
        reason,
        current: () => this.current(tx, group, sessionId),
        alongside: async () => {
          for (const a of named)
            await recordHistory(tx, this.access, {
              familyId: a.familyId,
              recordType: 'group_attendance',
              recordId: sessionId,
              personId: a.personId,
              action: 'ended',
              changes: {
                groupSession: { from: `${group.name}, ${stored.row.heldOn}`, to: 'recorded in error' },
              },
            });
        },
        audit: {
          action,
          detail: { groupId, named: named.length, families: new Set(named.map((a) => a.familyId)).size },
        },
      });
      return { id: sessionId };
    });
  }
}
