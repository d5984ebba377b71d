import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { assessment, assessmentConcern, carerSupportOffer, family } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { recordHistory } from '../families/recordHistory.ts';
import { aboutVisible } from './assessmentAccess.ts';
import type { NewCarerOffer, NewConcern } from './assessmentForms.ts';
import { concernKindNames } from './assessmentQuestions.ts';
import { concernVisible } from './concernRepository.ts';

/** True when the family, and the member when one is named, are visible to the user (checked inside the write). */
async function canRecordAbout(tx: Db, access: AccessContext, familyId: string, personId: string | null) {
  const [row] = await tx
    .select({ id: family.id })
    .from(family)
    .where(
      and(
        eq(family.id, familyId),
        familyVisible(access, family.id),
        personId ? aboutVisible(access, family.id, sql`${personId}::uuid`) : undefined,
      ),
    );
  return row !== undefined;
}

/**
 * Risks and protection concerns, and carers' support offers: each write in
 * one transaction with its access check, audit and history.
 */
export class ConcernService {
  constructor(private readonly db: Db) {}

  /** Records a concern (open) and adds it to the chronology; undefined when the family or member is not visible. */
  async addConcern(
    access: AccessContext,
    familyId: string,
    concern: NewConcern,
  ): Promise<string | undefined> {
    const organisationId = access.organisationId;
    if (!organisationId) return undefined;
    return this.db.transaction(async (tx) => {
      if (!(await canRecordAbout(tx, access, familyId, concern.personId))) {
        await recordAudit(tx, access, { action: 'assessment.concern.add', outcome: 'denied', familyId });
        return undefined;
      }
      const [current] = await tx
        .select({ id: assessment.id })
        .from(assessment)
        .where(and(eq(assessment.familyId, familyId), inArray(assessment.status, ['draft', 'completed'])))
        .orderBy(sql`${assessment.status} = 'draft' desc`)
        .limit(1);
      const [created] = await tx
        .insert(assessmentConcern)
        .values({
          familyId,
          assessmentId: current?.id ?? null,
          ...concern,
          organisationId,
          recordedBy: access.userId ?? null,
        })
        .returning({ id: assessmentConcern.id });
      if (!created) throw new Error('concern not recorded');
      await recordHistory(tx, access, {
        familyId,
        recordType: 'assessment_concern',
        recordId: created.id,
        personId: concern.personId,
        action: 'created',
        changes: {
          kind: { from: null, to: concern.kind },
          description: { from: null, to: concern.description },
          actionTaken: { from: null, to: concern.actionTaken },
          actionOn: { from: null, to: concern.actionOn },
        },
      });
      await addAutomaticEntry(tx, access, {
        familyId,
        personId: concern.personId,
        what: `${concernKindNames[concern.kind]} concern recorded. What was done: ${concern.actionTaken}`,
        impact: 'negative',
        occurredOn: concern.actionOn,
      });
      await recordAudit(tx, access, {
        action: 'assessment.concern.add',
        recordType: 'assessment_concern',
        recordId: created.id,
        familyId,
        detail: { kind: concern.kind },
      });
      return created.id;
    });
  }

  /** Closes an open concern, checked against the version it was shown at; false when not visible. */
  async closeConcern(
    access: AccessContext,
    familyId: string,
    concernId: string,
    lockVersion: number,
    closedOn: string,
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const visible = and(
        eq(assessmentConcern.id, concernId),
        eq(assessmentConcern.familyId, familyId),
        concernVisible(access),
      ) as SQL;
      const updated = await tx
        .update(assessmentConcern)
        .set({
          status: 'closed',
          closedOn,
          updatedAt: new Date(),
          version: sql`${assessmentConcern.version} + 1`,
        })
        .where(and(visible, eq(assessmentConcern.version, lockVersion), eq(assessmentConcern.status, 'open')))
        .returning({ id: assessmentConcern.id, personId: assessmentConcern.personId });
      if (updated.length === 0) {
        const [seen] = await tx.select({ id: assessmentConcern.id }).from(assessmentConcern).where(visible);
        if (!seen) {
          await recordAudit(tx, access, {
            action: 'assessment.concern.close',
            outcome: 'denied',
            recordType: 'assessment_concern',
            recordId: concernId,
            familyId,
          });
          return false;
        }
      }
      await requireUpdated(updated, async () => {
        const [row] = await tx
          .select({ version: assessmentConcern.version, status: assessmentConcern.status })
          .from(assessmentConcern)
          .where(visible);
        return row && { version: row.version, values: { status: row.status } };
      });
      await recordHistory(tx, access, {
        familyId,
        recordType: 'assessment_concern',
        recordId: concernId,
        personId: updated[0]?.personId ?? null,
        action: 'amended',
        changes: { status: { from: 'open', to: 'closed' }, closedOn: { from: null, to: closedOn } },
      });
      await recordAudit(tx, access, {
        action: 'assessment.concern.close',
        recordType: 'assessment_concern',
        recordId: concernId,
        familyId,
      });
      return true;
    });
  }

  /** Records that a carer was offered, accepted or declined their plan or statement; its id, or undefined when not visible. */
  async recordCarerOffer(
    access: AccessContext,
    familyId: string,
    offer: NewCarerOffer,
  ): Promise<string | undefined> {
    const organisationId = access.organisationId;
    if (!organisationId) return undefined;
    return this.db.transaction(async (tx) => {
      if (!(await canRecordAbout(tx, access, familyId, offer.personId))) {
        await recordAudit(tx, access, { action: 'assessment.carer.record', outcome: 'denied', familyId });
        return undefined;
      }
      const [created] = await tx
        .insert(carerSupportOffer)
        .values({ familyId, ...offer, organisationId, recordedBy: access.userId ?? null })
        .returning({ id: carerSupportOffer.id });
      if (!created) throw new Error('offer not recorded');
      await recordHistory(tx, access, {
        familyId,
        recordType: 'carer_support_offer',
        recordId: created.id,
        personId: offer.personId,
        action: 'created',
        changes: { kind: { from: null, to: offer.kind }, outcome: { from: null, to: offer.outcome } },
      });
      await recordAudit(tx, access, {
        action: 'assessment.carer.record',
        recordType: 'carer_support_offer',
        recordId: created.id,
        familyId,
        detail: { kind: offer.kind, outcome: offer.outcome },
      });
      return created.id;
    });
  }
}
