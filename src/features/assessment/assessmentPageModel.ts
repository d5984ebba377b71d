import type { AccessContext } from '../../platform/access/accessContext.ts';
import { editToken } from '../../platform/concurrency/optimisticLock.ts';
import {
  presentCarerOffer,
  presentConcern,
  presentSectionSummary,
  presentVersion,
} from './assessmentPresenter.ts';
import type { AssessmentRead } from './assessmentView.ts';

const savedMessages: Record<string, string> = {
  started: 'Assessment started. Each organisation on the team can now add its part.',
  contribution: 'Your organisation’s contribution has been saved.',
  completed: 'Assessment completed. It has been added to the family’s chronology.',
  concern: 'Concern recorded. It shows on the family overview while it is open.',
  closed: 'Concern closed.',
  carer: 'Carer support offer recorded.',
};

/** What the assessment page shows, for the version read (or none yet). */
export function assessmentPage(
  read: AssessmentRead,
  access: AccessContext,
  options: { saved?: string | undefined },
) {
  const familyHref = `/practice/families/${read.family.id}`;
  const shown = read.shown;
  const draft = shown?.status === 'draft';
  const hasDraft = read.versions.some((v) => v.status === 'draft');
  const current = read.versions.find((v) => v.status === 'completed');
  return {
    family: read.family,
    familyHref,
    assessmentHref: `${familyHref}/assessment`,
    saved: options.saved ? savedMessages[options.saved] : undefined,
    shown: shown ? presentVersion(shown, familyHref) : undefined,
    isCurrent: shown !== undefined && shown.status !== 'superseded',
    draft,
    canStart: !hasDraft,
    startText: current
      ? `Start version ${Math.max(...read.versions.map((v) => v.edition)) + 1}`
      : 'Start the assessment',
    currentCompleted:
      current && shown && current.id !== shown.id ? presentVersion(current, familyHref) : undefined,
    completeEdit: shown ? editToken(shown.version, { status: shown.status }) : undefined,
    versionCount: read.versions.length,
    sections: read.sections.map((section) =>
      presentSectionSummary(
        section,
        read.contributions.filter((c) => c.sectionId === section.id),
        { familyHref, draft, ownOrganisationId: access.organisationId },
      ),
    ),
    contributionCount: read.contributions.length,
    organisationCount: new Set(read.contributions.map((c) => c.organisationId)).size,
    openConcerns: read.concerns.filter((c) => c.status === 'open').map((c) => presentConcern(c, familyHref)),
    closedConcerns: read.concerns
      .filter((c) => c.status === 'closed')
      .map((c) => presentConcern(c, familyHref)),
    carerOffers: read.carerOffers.map(presentCarerOffer),
  };
}
