import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import {
  type AssessmentAnswers,
  type AssessmentSectionKind,
  type AssessmentStatus,
  appUser,
  assessment,
  assessmentContribution,
  assessmentSection,
  family,
  familyMembership,
  organisation,
  person,
} from '../../db/schema.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { aboutVisible } from './assessmentAccess.ts';

export interface AssessmentFamily {
  id: string;
  reference: string;
  name: string;
}

export interface AssessmentVersion {
  id: string;
  familyId: string;
  edition: number;
  status: AssessmentStatus;
  startedAt: Date;
  startedByName: string | null;
  completedAt: Date | null;
  completedByName: string | null;
  supersededAt: Date | null;
  version: number;
}

export interface SectionRow {
  id: string;
  assessmentId: string;
  kind: AssessmentSectionKind;
  personId: string | null;
  givenName: string | null;
  preferredName: string | null;
  familyName: string | null;
  relationshipLabel: string | null;
}

export interface ContributionRow {
  id: string;
  sectionId: string;
  assessmentId: string;
  organisationId: string;
  organisationName: string;
  writtenByName: string | null;
  updatedAt: Date;
  answers: AssessmentAnswers;
  version: number;
}

export interface AssessmentMember {
  personId: string;
  givenName: string;
  preferredName: string | null;
  familyName: string | null;
  roles: string[];
}

const starter = alias(appUser, 'starter');
const completer = alias(appUser, 'completer');

/**
 * Reads of the whole-family assessment, filtered in SQL by the family
 * record's rules (assessmentAccess.ts): a section about a member only while
 * that member is visible and their support is not confidential elsewhere.
 * Reads are not audited here; the page or API call audits its one read.
 */
export class AssessmentRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /** The family's header when this user may see it; a refusal is audited as denied under `action`. */
  async visibleFamily(familyId: string, action: string): Promise<AssessmentFamily | undefined> {
    const [row] = await this.db
      .select({ id: family.id, reference: family.reference, name: family.name })
      .from(family)
      .where(and(eq(family.id, familyId), familyVisible(this.access, family.id)));
    if (!row)
      await recordAudit(this.db, this.access, {
        action,
        outcome: 'denied',
        recordType: 'family',
        recordId: familyId,
        familyId,
      });
    return row;
  }

  /** Every version of the family's assessment, newest first. */
  async versions(familyId: string): Promise<AssessmentVersion[]> {
    return this.db
      .select({
        id: assessment.id,
        familyId: assessment.familyId,
        edition: assessment.edition,
        status: assessment.status,
        startedAt: assessment.startedAt,
        startedByName: starter.displayName,
        completedAt: assessment.completedAt,
        completedByName: completer.displayName,
        supersededAt: assessment.supersededAt,
        version: assessment.version,
      })
      .from(assessment)
      .leftJoin(starter, eq(starter.id, assessment.startedBy))
      .leftJoin(completer, eq(completer.id, assessment.completedBy))
      .where(and(eq(assessment.familyId, familyId), familyVisible(this.access, assessment.familyId)))
      .orderBy(desc(assessment.edition));
  }

  /** The sections of one or more versions this user may see: the whole family first, then members by name. */
  async sections(familyId: string, assessmentIds: string[]): Promise<SectionRow[]> {
    if (assessmentIds.length === 0) return [];
    return this.db
      .select({
        id: assessmentSection.id,
        assessmentId: assessmentSection.assessmentId,
        kind: assessmentSection.kind,
        personId: assessmentSection.personId,
        givenName: person.givenName,
        preferredName: person.preferredName,
        familyName: person.familyName,
        relationshipLabel: familyMembership.relationshipLabel,
      })
      .from(assessmentSection)
      .leftJoin(person, eq(person.id, assessmentSection.personId))
      .leftJoin(
        familyMembership,
        and(
          eq(familyMembership.familyId, assessmentSection.familyId),
          eq(familyMembership.personId, assessmentSection.personId),
          isNull(familyMembership.endedOn),
        ),
      )
      .where(
        and(
          eq(assessmentSection.familyId, familyId),
          inArray(assessmentSection.assessmentId, assessmentIds),
          aboutVisible(this.access, assessmentSection.familyId, assessmentSection.personId),
        ),
      )
      .orderBy(
        sql`${assessmentSection.personId} is not null`,
        asc(person.givenName),
        asc(person.familyName),
        asc(assessmentSection.id),
      );
  }

  /** Every organisation's contribution to the visible sections of these versions, oldest organisation first. */
  async contributions(familyId: string, assessmentIds: string[]): Promise<ContributionRow[]> {
    if (assessmentIds.length === 0) return [];
    return this.db
      .select({
        id: assessmentContribution.id,
        sectionId: assessmentContribution.sectionId,
        assessmentId: assessmentContribution.assessmentId,
        organisationId: assessmentContribution.organisationId,
        organisationName: organisation.name,
        writtenByName: appUser.displayName,
        updatedAt: assessmentContribution.updatedAt,
        answers: assessmentContribution.answers,
        version: assessmentContribution.version,
      })
      .from(assessmentContribution)
      .innerJoin(assessmentSection, eq(assessmentSection.id, assessmentContribution.sectionId))
      .innerJoin(organisation, eq(organisation.id, assessmentContribution.organisationId))
      .leftJoin(appUser, eq(appUser.id, assessmentContribution.writtenBy))
      .where(
        and(
          eq(assessmentContribution.familyId, familyId),
          inArray(assessmentContribution.assessmentId, assessmentIds),
          aboutVisible(this.access, assessmentSection.familyId, assessmentSection.personId),
        ),
      )
      .orderBy(asc(assessmentContribution.createdAt), asc(organisation.name));
  }

  /** One section this user may see, with its version's status and lock version. */
  async section(
    familyId: string,
    sectionId: string,
  ): Promise<(SectionRow & { status: AssessmentStatus; edition: number }) | undefined> {
    const [row] = await this.db
      .select({
        id: assessmentSection.id,
        assessmentId: assessmentSection.assessmentId,
        kind: assessmentSection.kind,
        personId: assessmentSection.personId,
        givenName: person.givenName,
        preferredName: person.preferredName,
        familyName: person.familyName,
        relationshipLabel: sql<string | null>`null`,
        status: assessment.status,
        edition: assessment.edition,
      })
      .from(assessmentSection)
      .innerJoin(assessment, eq(assessment.id, assessmentSection.assessmentId))
      .leftJoin(person, eq(person.id, assessmentSection.personId))
      .where(
        and(
          eq(assessmentSection.id, sectionId),
          eq(assessmentSection.familyId, familyId),
          aboutVisible(this.access, assessmentSection.familyId, assessmentSection.personId),
        ),
      );
    return row;
  }

  /** Current members this user may record a concern or carer offer about (same rule as their section). */
  async members(familyId: string): Promise<AssessmentMember[]> {
    return this.db
      .select({
        personId: person.id,
        givenName: person.givenName,
        preferredName: person.preferredName,
        familyName: person.familyName,
        roles: familyMembership.roles,
      })
      .from(familyMembership)
      .innerJoin(person, eq(person.id, familyMembership.personId))
      .where(
        and(
          eq(familyMembership.familyId, familyId),
          isNull(familyMembership.endedOn),
          aboutVisible(this.access, familyMembership.familyId, familyMembership.personId) as SQL,
        ),
      )
      .orderBy(asc(person.givenName), asc(person.familyName));
  }
}
