import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { assessment, assessmentSection, familyMembership, person } from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { recordHistory } from '../families/recordHistory.ts';
import { sectionKindFor } from './assessmentService.ts';

/**
 * Gives a member who has just joined the family their own section in the
 * family's draft assessment, if there is one (a completed version stays as
 * it was; the next version has a section for everyone then current).
 * Call it inside the transaction that adds the membership, so the member and
 * their section are saved together; nothing is read when the assessment or
 * the family overview is opened. Returns the new section's id, if one was made.
 */
export async function addDraftSection(
  tx: Db,
  access: AccessContext,
  familyId: string,
  personId: string,
  today: Date,
): Promise<string | undefined> {
  const [draft] = await tx
    .select({ id: assessment.id })
    .from(assessment)
    .where(and(eq(assessment.familyId, familyId), eq(assessment.status, 'draft')));
  if (!draft) return undefined;
  const [member] = await tx
    .select({
      roles: familyMembership.roles,
      dateOfBirth: person.dateOfBirth,
      approximateAge: person.approximateAge,
      approximateAgeOn: person.approximateAgeOn,
    })
    .from(familyMembership)
    .innerJoin(person, eq(person.id, familyMembership.personId))
    .where(
      and(
        eq(familyMembership.familyId, familyId),
        eq(familyMembership.personId, personId),
        isNull(familyMembership.endedOn),
      ),
    );
  if (!member) return undefined;
  const kind = sectionKindFor(member, today);
  const [section] = await tx
    .insert(assessmentSection)
    .values({ assessmentId: draft.id, familyId, personId, kind })
    .onConflictDoNothing()
    .returning({ id: assessmentSection.id });
  if (!section) return undefined;
  await recordHistory(tx, access, {
    familyId,
    recordType: 'assessment_section',
    recordId: section.id,
    personId,
    action: 'created',
    changes: { kind: { from: null, to: kind } },
  });
  await recordAudit(tx, access, {
    action: 'assessment.section.add',
    recordType: 'assessment_section',
    recordId: section.id,
    familyId,
    detail: { kind },
  });
  return section.id;
}
