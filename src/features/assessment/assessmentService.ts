import { and, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  type AssessmentAnswers,
  type AssessmentSectionKind,
  appUser,
  assessment,
  assessmentContribution,
  assessmentSection,
  family,
  familyMembership,
  person,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { type EditToken, requireUpdated } from '../../platform/concurrency/optimisticLock.ts';
import { addAutomaticEntry } from '../chronology/automaticEntries.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { changedFields, recordHistory } from '../families/recordHistory.ts';
import { memberAge } from '../members/memberAge.ts';
import { aboutVisible } from './assessmentAccess.ts';

/** A member's section: a child's when under 18 or recorded as a child or young person, otherwise an adult's. */
export function sectionKindFor(
  member: {
    dateOfBirth: string | null;
    approximateAge: number | null;
    approximateAgeOn: string | null;
    roles: string[];
  },
  today: Date,
): AssessmentSectionKind {
  const age = memberAge(member, today);
  if (age !== undefined) return age.years < 18 ? 'child' : 'adult';
  return member.roles.includes('child_or_young_person') ? 'child' : 'adult';
}

export type StartOutcome = { kind: 'not-found' } | { kind: 'started' | 'existing'; assessmentId: string };
export type CompleteOutcome = 'not-found' | 'not-draft' | 'empty' | 'completed';

/** The writes of the whole-family assessment: each in one transaction with its audit, history and chronology. */
export class AssessmentService {
  constructor(private readonly db: Db) {}

  /**
   * Starts the family's assessment: version 1 with a section for each
   * current member and one for the family, or, when a version is completed,
   * a new draft copying it (sections and contributions, with who wrote them
   * and when). A draft already open is returned as it is.
   */
  async start(access: AccessContext, familyId: string, now = new Date()): Promise<StartOutcome> {
    return this.db.transaction(async (tx) => {
      // Locks the family row so that two starts at once make one draft, not two.
      const [visible] = await tx
        .select({ id: family.id })
        .from(family)
        .where(and(eq(family.id, familyId), familyVisible(access, family.id)))
        .for('update');
      if (!visible) {
        await recordAudit(tx, access, { action: 'assessment.start', outcome: 'denied', familyId });
        return { kind: 'not-found' } as const;
      }
      const versions = await tx
        .select()
        .from(assessment)
        .where(and(eq(assessment.familyId, familyId), inArray(assessment.status, ['draft', 'completed'])));
      const draft = versions.find((v) => v.status === 'draft');
      if (draft) return { kind: 'existing', assessmentId: draft.id } as const;
      const completed = versions.find((v) => v.status === 'completed');
      const [{ next } = { next: 1 }] = await tx
        .select({ next: sql<number>`coalesce(max(${assessment.edition}), 0)::int + 1` })
        .from(assessment)
        .where(eq(assessment.familyId, familyId));
      const [created] = await tx
        .insert(assessment)
        .values({
          familyId,
          edition: next,
          copiedFromId: completed?.id ?? null,
          startedBy: access.userId ?? null,
          startedByOrganisationId: access.organisationId ?? null,
        })
        .returning({ id: assessment.id });
      if (!created) throw new Error('assessment not created');
      const members = await tx
        .select({
          personId: familyMembership.personId,
          roles: familyMembership.roles,
          dateOfBirth: person.dateOfBirth,
          approximateAge: person.approximateAge,
          approximateAgeOn: person.approximateAgeOn,
        })
        .from(familyMembership)
        .innerJoin(person, eq(person.id, familyMembership.personId))
        .where(and(eq(familyMembership.familyId, familyId), isNull(familyMembership.endedOn)));
      const sections = await tx
        .insert(assessmentSection)
        .values([
          { assessmentId: created.id, familyId, personId: null, kind: 'family' as const },
          ...members.map((m) => ({
            assessmentId: created.id,
            familyId,
            personId: m.personId,
            kind: sectionKindFor(m, now),
          })),
        ])
        .returning({ id: assessmentSection.id, personId: assessmentSection.personId });
      let copied = 0;
      if (completed) copied = await copyContributions(tx, completed.id, created.id, familyId, sections);
      await recordHistory(tx, access, {
        familyId,
        recordType: 'assessment',
        recordId: created.id,
        action: 'created',
        changes: {
          edition: { from: null, to: next },
          copiedFrom: { from: null, to: completed?.edition ?? null },
        },
      });
      await recordAudit(tx, access, {
        action: 'assessment.start',
        recordType: 'assessment',
        recordId: created.id,
        familyId,
        detail: { edition: next, sections: sections.length, contributionsCopied: copied },
      });
      return { kind: 'started', assessmentId: created.id } as const;
    });
  }

  /**
   * Saves the user's organisation's contribution to a section of a draft,
   * against the version the form was opened at (0: there was none). Throws
   * StaleEditError when someone else saved first; answers 'not-found' when
   * the section is not visible or not in a draft.
   */
  async saveContribution(
    access: AccessContext,
    familyId: string,
    sectionId: string,
    answers: AssessmentAnswers,
    token: EditToken,
  ): Promise<'not-found' | 'saved'> {
    const organisationId = access.organisationId;
    if (!organisationId) return 'not-found';
    return this.db.transaction(async (tx) => {
      const [section] = await tx
        .select({
          id: assessmentSection.id,
          assessmentId: assessmentSection.assessmentId,
          personId: assessmentSection.personId,
        })
        .from(assessmentSection)
        .innerJoin(assessment, eq(assessment.id, assessmentSection.assessmentId))
        .where(
          and(
            eq(assessmentSection.id, sectionId),
            eq(assessmentSection.familyId, familyId),
            eq(assessment.status, 'draft'),
            aboutVisible(access, assessmentSection.familyId, assessmentSection.personId),
          ),
        );
      if (!section) {
        await recordAudit(tx, access, {
          action: 'assessment.contribute',
          outcome: 'denied',
          recordType: 'assessment_section',
          recordId: sectionId,
          familyId,
        });
        return 'not-found';
      }
      const mine = and(
        eq(assessmentContribution.sectionId, sectionId),
        eq(assessmentContribution.organisationId, organisationId),
      ) as SQL;
      const loadCurrent = async () => {
        const [row] = await tx
          .select({
            version: assessmentContribution.version,
            answers: assessmentContribution.answers,
            savedBy: appUser.displayName,
            savedAt: assessmentContribution.updatedAt,
          })
          .from(assessmentContribution)
          .leftJoin(appUser, eq(appUser.id, assessmentContribution.writtenBy))
          .where(mine);
        return (
          row && { version: row.version, values: row.answers, savedBy: row.savedBy, savedAt: row.savedAt }
        );
      };
      const [existing] = await tx.select().from(assessmentContribution).where(mine);
      let contributionId: string;
      if (token.version === 0) {
        const inserted = await tx
          .insert(assessmentContribution)
          .values({
            sectionId,
            assessmentId: section.assessmentId,
            familyId,
            organisationId,
            answers,
            writtenBy: access.userId ?? null,
          })
          .onConflictDoNothing()
          .returning({ id: assessmentContribution.id });
        await requireUpdated(inserted, loadCurrent);
        contributionId = inserted[0]?.id as string;
      } else {
        const updated = await tx
          .update(assessmentContribution)
          .set({
            answers,
            writtenBy: access.userId ?? null,
            updatedAt: new Date(),
            version: sql`${assessmentContribution.version} + 1`,
          })
          .where(and(mine, eq(assessmentContribution.version, token.version)))
          .returning({ id: assessmentContribution.id });
        await requireUpdated(updated, loadCurrent);
        contributionId = updated[0]?.id as string;
      }
      await recordHistory(tx, access, {
        familyId,
        recordType: 'assessment_contribution',
        recordId: contributionId,
        personId: section.personId,
        action: existing ? 'amended' : 'created',
        changes: changedFields(existing?.answers ?? {}, answers),
      });
      await tx
        .update(assessment)
        .set({ updatedAt: new Date() })
        .where(eq(assessment.id, section.assessmentId));
      await recordAudit(tx, access, {
        action: 'assessment.contribute',
        recordType: 'assessment_contribution',
        recordId: contributionId,
        familyId,
        detail: { sectionId, answered: Object.values(answers).filter(Boolean).length },
      });
      return 'saved';
    });
  }

  /**
   * Completes a draft (checked against the version its page was opened at):
   * the version completed before it is superseded, and the chronology
   * records the completion.
   */
  async complete(
    access: AccessContext,
    familyId: string,
    assessmentId: string,
    lockVersion: number,
    today: string,
  ): Promise<CompleteOutcome> {
    return this.db.transaction(async (tx) => {
      const [draft] = await tx
        .select({ id: assessment.id, status: assessment.status, edition: assessment.edition })
        .from(assessment)
        .where(
          and(
            eq(assessment.id, assessmentId),
            eq(assessment.familyId, familyId),
            familyVisible(access, assessment.familyId),
          ),
        );
      if (!draft) {
        await recordAudit(tx, access, {
          action: 'assessment.complete',
          outcome: 'denied',
          recordType: 'assessment',
          recordId: assessmentId,
          familyId,
        });
        return 'not-found';
      }
      if (draft.status !== 'draft') return 'not-draft';
      const [counted] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(assessmentContribution)
        .where(eq(assessmentContribution.assessmentId, assessmentId));
      if (!counted?.n) return 'empty';
      const now = new Date();
      const superseded = await tx
        .update(assessment)
        .set({
          status: 'superseded',
          supersededAt: now,
          updatedAt: now,
          version: sql`${assessment.version} + 1`,
        })
        .where(and(eq(assessment.familyId, familyId), eq(assessment.status, 'completed')))
        .returning({ id: assessment.id, edition: assessment.edition });
      const completed = await tx
        .update(assessment)
        .set({
          status: 'completed',
          completedAt: now,
          completedBy: access.userId ?? null,
          updatedAt: now,
          version: sql`${assessment.version} + 1`,
        })
        .where(
          and(
            eq(assessment.id, assessmentId),
            eq(assessment.version, lockVersion),
            eq(assessment.status, 'draft'),
          ),
        )
        .returning({ id: assessment.id });
      await requireUpdated(completed, async () => {
        const [row] = await tx
          .select({ version: assessment.version, status: assessment.status })
          .from(assessment)
          .where(eq(assessment.id, assessmentId));
        return row && { version: row.version, values: { status: row.status } };
      });
      for (const old of superseded)
        await recordHistory(tx, access, {
          familyId,
          recordType: 'assessment',
          recordId: old.id,
          action: 'amended',
          changes: { status: { from: 'completed', to: 'superseded' } },
        });
      await recordHistory(tx, access, {
        familyId,
        recordType: 'assessment',
        recordId: assessmentId,
        action: 'amended',
        changes: { status: { from: 'draft', to: 'completed' } },
      });
      await addAutomaticEntry(tx, access, {
        familyId,
        what: `Whole-family assessment version ${draft.edition} completed`,
        occurredOn: today,
      });
      await recordAudit(tx, access, {
        action: 'assessment.complete',
        recordType: 'assessment',
        recordId: assessmentId,
        familyId,
        detail: { edition: draft.edition, contributions: counted.n, superseded: superseded.length },
      });
      return 'completed';
    });
  }
}

/** Copies every contribution of one version into the matching sections (same member) of another. */
async function copyContributions(
  tx: Db,
  fromId: string,
  toId: string,
  familyId: string,
  sections: { id: string; personId: string | null }[],
): Promise<number> {
  const old = await tx
    .select({ contribution: assessmentContribution, personId: assessmentSection.personId })
    .from(assessmentContribution)
    .innerJoin(assessmentSection, eq(assessmentSection.id, assessmentContribution.sectionId))
    .where(eq(assessmentContribution.assessmentId, fromId));
  const sectionFor = new Map(sections.map((s) => [s.personId ?? 'family', s.id]));
  const rows = old.flatMap(({ contribution, personId }) => {
    const sectionId = sectionFor.get(personId ?? 'family');
    if (!sectionId) return [];
    return [
      {
        sectionId,
        assessmentId: toId,
        familyId,
        organisationId: contribution.organisationId,
        answers: contribution.answers,
        writtenBy: contribution.writtenBy,
        createdAt: contribution.createdAt,
        updatedAt: contribution.updatedAt,
      },
    ];
  });
  if (rows.length) await tx.insert(assessmentContribution).values(rows);
  return rows.length;
}
