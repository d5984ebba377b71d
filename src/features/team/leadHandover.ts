import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { family, familyTeamMember, leadProfessional, notice } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { eligibleWorker } from './teamChecks.ts';
import type { TeamWriteResult } from './teamWrites.ts';

export interface HandoverInput {
  userId: string;
  handoverNote: string | null;
  startedOn: string;
}

/**
 * Makes a worker the family's lead professional, ending the current lead's
 * spell on the same day. The hand-over is kept with its note and who made
 * it; the new lead's organisation is told by a notice. One transaction.
 * A user may hand over only while their organisation is on the team.
 */
export async function handOverLead(
  db: Db,
  access: AccessContext,
  familyId: string,
  input: HandoverInput,
): Promise<TeamWriteResult> {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: family.id, reference: family.reference })
      .from(family)
      .innerJoin(
        familyTeamMember,
        and(
          eq(familyTeamMember.familyId, family.id),
          eq(familyTeamMember.organisationId, access.organisationId ?? ''),
          isNull(familyTeamMember.leftOn),
        ),
      )
      .where(and(eq(family.id, familyId), familyVisible(access, family.id)));
    if (!target) {
      await recordAudit(tx, access, {
        action: 'team.lead_handover',
        outcome: 'denied',
        recordType: 'family',
        familyId,
      });
      return { ok: false, reason: 'not_found' } as const;
    }
    const worker = await eligibleWorker(tx, familyId, input.userId);
    if (!worker) {
      return {
        ok: false,
        reason: 'invalid',
        field: 'user',
        message: 'Choose a worker from an organisation on the team',
      };
    }
    const [current] = await tx
      .select({
        id: leadProfessional.id,
        userId: leadProfessional.userId,
        startedOn: leadProfessional.startedOn,
      })
      .from(leadProfessional)
      .where(and(eq(leadProfessional.familyId, familyId), isNull(leadProfessional.endedOn)))
      .for('update');
    if (current?.userId === worker.userId) {
      return {
        ok: false,
        reason: 'invalid',
        field: 'user',
        message: `${worker.name} is already the lead professional`,
      };
    }
    if (current && input.startedOn < current.startedOn) {
      return {
        ok: false,
        reason: 'invalid',
        field: 'startedOn',
        message: 'The hand-over date must be on or after the current lead professional started',
      };
    }
    if (current) {
      await tx
        .update(leadProfessional)
        .set({ endedOn: input.startedOn })
        .where(eq(leadProfessional.id, current.id));
      await recordHistory(tx, access, {
        familyId,
        recordType: 'lead_professional',
        recordId: current.id,
        action: 'ended',
        changes: { endedOn: { from: null, to: input.startedOn } },
      });
    }
    const [created] = await tx
      .insert(leadProfessional)
      .values({
        familyId,
        userId: worker.userId,
        organisationId: worker.organisationId,
        startedOn: input.startedOn,
        handoverNote: input.handoverNote,
        handedOverBy: access.userId ?? null,
      })
      .returning({ id: leadProfessional.id });
    const id = (created as { id: string }).id;
    await recordHistory(tx, access, {
      familyId,
      recordType: 'lead_professional',
      recordId: id,
      action: 'created',
      changes: changedFields(
        {},
        { userId: worker.userId, organisationId: worker.organisationId, startedOn: input.startedOn },
      ),
    });
    await tx.insert(notice).values({
      organisationId: worker.organisationId,
      kind: 'lead_handover',
      familyId,
      aboutUserId: worker.userId,
      message: `${worker.name} is now lead professional for family ${target.reference}.`,
    });
    await addAutomaticEntry(tx, access, {
      familyId,
      what: `${worker.name} of ${worker.organisationName} became the lead professional.`,
      occurredOn: input.startedOn,
    });
    await tx.update(family).set({ updatedAt: new Date() }).where(eq(family.id, familyId));
    await recordAudit(tx, access, {
      action: 'team.lead_handover',
      recordType: 'lead_professional',
      recordId: id,
      familyId,
      detail: { userId: worker.userId, previousLeadId: current?.id ?? null },
    });
    return { ok: true, id };
  });
}
