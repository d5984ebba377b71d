import type { Db } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { recordAudit } from '../../platform/audit/auditLog.ts';
import {
  type AssessmentFamily,
  AssessmentRepository,
  type AssessmentVersion,
  type ContributionRow,
  type SectionRow,
} from './assessmentRepository.ts';
import { type CarerOfferRow, ConcernRepository, type ConcernRow } from './concernRepository.ts';

export interface AssessmentRead {
  family: AssessmentFamily;
  versions: AssessmentVersion[];
  /** The version shown: the one asked for, else the draft, else the completed one; undefined when none. */
  shown: AssessmentVersion | undefined;
  sections: SectionRow[];
  contributions: ContributionRow[];
  concerns: ConcernRow[];
  carerOffers: CarerOfferRow[];
}

/**
 * Everything the assessment page (and the API's read) shows, through the
 * access rule, with one audit event for the read. Undefined when the family
 * is not visible (audited as denied) or the version asked for is not its own.
 */
export async function readAssessment(
  db: Db,
  access: AccessContext,
  familyId: string,
  options: { assessmentId?: string; action?: string } = {},
): Promise<AssessmentRead | undefined> {
  const action = options.action ?? 'assessment.read';
  const repository = new AssessmentRepository(db, access);
  const family = await repository.visibleFamily(familyId, action);
  if (!family) return undefined;
  const versions = await repository.versions(familyId);
  const shown = options.assessmentId
    ? versions.find((v) => v.id === options.assessmentId)
    : (versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'completed'));
  if (options.assessmentId && !shown) return undefined;
  const ids = shown ? [shown.id] : [];
  const concernRepository = new ConcernRepository(db, access);
  const [sections, contributions, concerns, carerOffers] = await Promise.all([
    repository.sections(familyId, ids),
    repository.contributions(familyId, ids),
    concernRepository.concerns(familyId),
    concernRepository.carerOffers(familyId),
  ]);
  await recordAudit(db, access, {
    action,
    recordType: 'assessment',
    recordId: shown?.id ?? familyId,
    familyId,
    detail: {
      sections: sections.length,
      contributions: contributions.length,
      concerns: concerns.length,
      carerOffers: carerOffers.length,
    },
  });
  return { family, versions, shown, sections, contributions, concerns, carerOffers };
}
