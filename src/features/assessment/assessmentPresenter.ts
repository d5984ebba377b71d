import type { AssessmentStatus } from '../../db/schema.ts';
import { displayName } from '../members/memberAge.ts';
import { answerText, concernKindNames, questionGroups, sectionKindNames } from './assessmentQuestions.ts';
import type { AssessmentVersion, ContributionRow, SectionRow } from './assessmentRepository.ts';
import type { CarerOfferRow, ConcernRow } from './concernRepository.ts';

export const statusNames: Record<AssessmentStatus, string> = {
  draft: 'Draft',
  completed: 'Completed',
  superseded: 'Superseded',
};

export const statusTags: Record<AssessmentStatus, string> = {
  draft: 'govuk-tag--yellow',
  completed: 'govuk-tag--green',
  superseded: 'govuk-tag--grey',
};

export const carerKindNames = {
  adult_carer_support_plan: 'Adult Carer Support Plan',
  young_carer_statement: 'Young Carer Statement',
} as const;

export const carerOutcomeNames = { offered: 'Offered', accepted: 'Accepted', declined: 'Declined' } as const;

/** The name a section goes by: the member's name, or "The whole family". */
export function sectionName(
  section: Pick<SectionRow, 'personId' | 'givenName' | 'preferredName' | 'familyName'>,
) {
  if (!section.personId || !section.givenName) return 'The whole family';
  return displayName({
    givenName: section.givenName,
    preferredName: section.preferredName,
    familyName: section.familyName,
  });
}

export function presentVersion(version: AssessmentVersion, familyHref: string) {
  return {
    id: version.id,
    edition: version.edition,
    title: `Version ${version.edition}`,
    status: version.status,
    statusName: statusNames[version.status],
    statusTag: statusTags[version.status],
    startedAt: version.startedAt,
    startedByName: version.startedByName,
    completedAt: version.completedAt,
    completedByName: version.completedByName,
    supersededAt: version.supersededAt,
    href: `${familyHref}/assessment/versions/${version.id}`,
  };
}

/** A section on the assessment page: who it is about and each organisation's strengths, first. */
export function presentSectionSummary(
  section: SectionRow,
  contributions: ContributionRow[],
  options: { familyHref: string; draft: boolean; ownOrganisationId: string | undefined },
) {
  const own = contributions.find((c) => c.organisationId === options.ownOrganisationId);
  const base = `${options.familyHref}/assessment/sections/${section.id}`;
  return {
    id: section.id,
    name: sectionName(section),
    kindName: sectionKindNames[section.kind],
    relationship: section.relationshipLabel,
    href: base,
    contributeHref: options.draft ? `${base}/contribute` : null,
    contributeText: own ? 'Change your organisation’s contribution' : 'Add your organisation’s contribution',
    contributions: contributions.map((c) => ({
      organisationName: c.organisationName,
      writtenByName: c.writtenByName,
      updatedAt: c.updatedAt,
      strengths: c.answers.strengths ?? null,
    })),
  };
}

/** Every question of a section with each organisation's answer in its own column, grouped under headings. */
export function presentSideBySide(section: SectionRow, contributions: ContributionRow[]) {
  return {
    organisations: contributions.map((c) => ({
      name: c.organisationName,
      writtenByName: c.writtenByName,
      updatedAt: c.updatedAt,
    })),
    groups: questionGroups(section.kind).map((group) => ({
      heading: group.heading,
      rows: group.questions.map((question) => ({
        label: question.label,
        cells: contributions.map((c) => answerText(question, c.answers[question.name]) ?? 'Not answered'),
      })),
    })),
  };
}

export function presentConcern(concern: ConcernRow, familyHref: string) {
  const about = concern.personId && concern.givenName ? sectionName(concern) : 'The whole family';
  return {
    id: concern.id,
    kindName: concernKindNames[concern.kind],
    about,
    description: concern.description,
    actionTaken: concern.actionTaken,
    actionOn: concern.actionOn,
    open: concern.status === 'open',
    closedOn: concern.closedOn,
    recordedBy: [concern.recordedByName, concern.organisationName].filter(Boolean).join(', '),
    version: concern.version,
    closeHref: `${familyHref}/assessment/concerns/${concern.id}/close`,
  };
}

export function presentCarerOffer(offer: CarerOfferRow) {
  return {
    name: sectionName(offer),
    kindName: carerKindNames[offer.kind],
    outcomeName: carerOutcomeNames[offer.outcome],
    decidedOn: offer.decidedOn,
    note: offer.note,
    recordedBy: [offer.recordedByName, offer.organisationName].filter(Boolean).join(', '),
  };
}
