import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appUser, teamMeeting } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { type EditToken, requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { markRecordInError } from '../families/recordInError.ts';
import { type PlanRecord, PlanRepository } from '../plan/planRepository.ts';
import { type MeetingInput, meetingValues } from './meetingForm.ts';

export type MeetingFields = Omit<MeetingInput, 'actions'>;

type StoredMeeting = typeof teamMeeting.$inferSelect;

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/**
 * What this user may see and choose of a stored meeting: members they may see,
 * organisations and workers on the team now. The rest is kept as it is by a
 * correction, so a worker who cannot see a confidential member cannot drop them.
 */
export function choosableFields(meeting: MeetingFields, record: PlanRecord): MeetingFields {
  const members = new Set(record.members.map((m) => m.personId));
  const organisations = new Set(record.choices.organisations.map((o) => o.id));
  const workers = new Set(record.choices.workers.map((w) => w.id));
  return {
    ...meeting,
    membersPresent: meeting.membersPresent.filter((id) => members.has(id)),
    organisationsPresent: meeting.organisationsPresent.filter((id) => organisations.has(id)),
    workersPresent: meeting.workersPresent.filter((id) => workers.has(id)),
  };
}

function fieldsOf(row: StoredMeeting): MeetingFields {
  return {
    heldOn: row.heldOn,
    familyPresent: row.familyPresent,
    membersPresent: row.membersPresent,
    organisationsPresent: row.organisationsPresent,
    workersPresent: row.workersPresent,
    othersPresent: row.othersPresent,
    discussed: row.discussed,
    decisions: row.decisions,
  };
}

/** What the typed correction saves: the typed lists, plus the ids this user could not see or choose. */
function withUnseen(input: MeetingFields, stored: MeetingFields, seen: MeetingFields): MeetingFields {
  const keep = (all: string[], visible: string[], typed: string[]) => [
    ...new Set([...typed, ...all.filter((id) => !visible.includes(id))]),
  ];
  const membersPresent = input.familyPresent
    ? keep(stored.membersPresent, seen.membersPresent, input.membersPresent)
    : [];
  return {
    ...input,
    membersPresent,
    organisationsPresent: keep(
      stored.organisationsPresent,
      seen.organisationsPresent,
      input.organisationsPresent,
    ),
    workersPresent: keep(stored.workersPresent, seen.workersPresent, input.workersPresent),
  };
}

/**
 * Correcting a recorded team meeting, and marking one as recorded in error.
 * Each runs in one transaction that re-reads the family through the access
 * rule, checks the version the form was opened at, keeps the old and new
 * values in the record's history, notes it in the chronology and audits it.
 * A meeting is never deleted.
 */
export class MeetingService {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  private async load(tx: Db, familyId: string, meetingId: string, action: string) {
    const record = await new PlanRepository(tx, this.access).read(familyId, {
      action,
      withChoices: true,
      audit: false,
    });
    if (!record) return undefined;
    const [row] = await tx
      .select()
      .from(teamMeeting)
      .where(
        and(eq(teamMeeting.id, meetingId), eq(teamMeeting.familyId, familyId), isNull(teamMeeting.inErrorAt)),
      );
    if (!row) {
      await recordAudit(tx, this.access, {
        action,
        outcome: 'denied',
        recordType: 'team_meeting',
        recordId: meetingId,
        familyId,
      });
      return undefined;
    }
    return { record, row };
  }

  private async current(tx: Db, meetingId: string, record: PlanRecord) {
    const [now] = await tx
      .select({ row: teamMeeting, savedBy: appUser.displayName })
      .from(teamMeeting)
      .leftJoin(appUser, eq(appUser.id, teamMeeting.updatedBy))
      .where(eq(teamMeeting.id, meetingId));
    return (
      now && {
        version: now.row.version,
        values: meetingValues(choosableFields(fieldsOf(now.row), record)),
        savedBy: now.savedBy,
        savedAt: now.row.updatedAt,
      }
    );
  }

  /**
   * Saves a correction made on a form opened at `token.version`. Undefined when
   * the family or meeting is not visible, or is already marked in error, or the
   * input names someone this user may not choose; throws StaleEditError when
   * someone else saved first.
   */
  async correct(
    familyId: string,
    meetingId: string,
    token: Pick<EditToken, 'version'>,
    input: MeetingFields,
  ): Promise<{ id: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const found = await this.load(tx, familyId, meetingId, 'meeting.edit');
      if (!found) return undefined;
      const { record, row } = found;
      const stored = fieldsOf(row);
      const seen = choosableFields(stored, record);
      const chosen = choosableFields(input, record);
      if (
        chosen.membersPresent.length !== input.membersPresent.length ||
        chosen.organisationsPresent.length !== input.organisationsPresent.length ||
        chosen.workersPresent.length !== input.workersPresent.length
      ) {
        await recordAudit(tx, this.access, {
          action: 'meeting.edit',
          outcome: 'denied',
          recordType: 'team_meeting',
          recordId: meetingId,
          familyId,
        });
        return undefined;
      }
      const saved = withUnseen(input, stored, seen);
      const updated = await tx
        .update(teamMeeting)
        .set({
          ...saved,
          updatedAt: new Date(),
          updatedBy: this.access.userId ?? null,
          version: sql`${teamMeeting.version} + 1`,
        })
        .where(
          and(
            eq(teamMeeting.id, meetingId),
            eq(teamMeeting.version, token.version),
            isNull(teamMeeting.inErrorAt),
          ),
        )
        .returning({ id: teamMeeting.id });
      await requireUpdated(updated, () => this.current(tx, meetingId, record));
      const changes = changedFields({ ...stored }, { ...saved });
      await recordHistory(tx, this.access, {
        familyId,
        recordType: 'team_meeting',
        recordId: meetingId,
        action: 'amended',
        changes,
      });
      if (changes.heldOn)
        await addAutomaticEntry(tx, this.access, {
          familyId,
          occurredOn: saved.heldOn,
          what: `The record of the team meeting on ${longDate(stored.heldOn)} was corrected: the meeting was on ${longDate(saved.heldOn)}.`,
        });
      await recordAudit(tx, this.access, {
        action: 'meeting.edit',
        recordType: 'team_meeting',
        recordId: meetingId,
        familyId,
        detail: { fields: Object.keys(changes).length },
      });
      return { id: meetingId };
    });
  }

  /**
   * Marks a meeting as recorded in error, with the reason. It stays in the
   * record (and its actions in the plan); the meetings list hides it unless
   * asked. Undefined when not visible or already marked; throws StaleEditError
   * when someone changed it since the page was opened.
   */
  async markInError(
    familyId: string,
    meetingId: string,
    version: number,
    reason: string,
  ): Promise<{ id: string } | undefined> {
    return this.db.transaction(async (tx) => {
      const found = await this.load(tx, familyId, meetingId, 'meeting.in_error');
      if (!found) return undefined;
      await markRecordInError(tx, this.access, {
        table: teamMeeting,
        recordType: 'team_meeting',
        recordId: meetingId,
        familyId,
        version,
        reason,
        current: () => this.current(tx, meetingId, found.record),
        alongside: async () => {
          await addAutomaticEntry(tx, this.access, {
            familyId,
            what: `The record of the team meeting on ${longDate(found.row.heldOn)} was marked as recorded in error. It is kept in the record.`,
          });
        },
        audit: { action: 'meeting.in_error', familyId },
      });
      return { id: meetingId };
    });
  }
}
