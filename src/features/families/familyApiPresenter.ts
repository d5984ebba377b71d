import type { FamilyDetail, FamilySummary } from './familyRepository.ts';
import type { FamilyDetailBody, FamilyListBody } from './familySchemas.ts';

type FamilySummaryBody = FamilyListBody['families'][number];

function summary(family: FamilySummary): FamilySummaryBody {
  return {
    id: family.id,
    reference: family.reference,
    name: family.name,
    locality: family.locality,
    memberCount: family.memberCount,
    updatedAt: new Date(family.updatedAt).toISOString(),
  };
}

/** One page of the family list as the API sends it. */
export function presentFamilyListBody(
  result: { families: FamilySummary[]; total: number },
  page: { limit: number; offset: number },
): FamilyListBody {
  return {
    total: result.total,
    limit: page.limit,
    offset: page.offset,
    families: result.families.map(summary),
  };
}

/** A family record as the API sends it: the members and the team around the family. */
export function presentFamilyDetailBody(detail: FamilyDetail): FamilyDetailBody {
  return {
    ...summary(detail),
    status: detail.status,
    members: detail.members.map((member) => ({
      givenName: member.givenName,
      familyName: member.familyName,
      preferredName: member.preferredName,
      dateOfBirth: member.dateOfBirth,
      relationship: member.relationshipLabel,
      roles: member.roles,
    })),
    team: detail.team,
  };
}
