import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';

/**
 * True in SQL when the member's own support is confidential with an
 * organisation other than the asking user's. Their assessment section, and
 * concerns about them, are then hidden from this user: they see only that
 * the person is a member (on the family overview), as with the support itself.
 */
export function confidentialElsewhere(
  access: AccessContext,
  familyId: SQLWrapper,
  personId: SQLWrapper,
): SQL {
  const organisationId = access.organisationId ?? null;
  return sql`exists (select 1 from member_support cs where cs.family_id = ${familyId} and cs.person_id = ${personId}
    and cs.confidential and cs.organisation_id is distinct from ${organisationId})`;
}

/**
 * True in SQL when the user may see an assessment section (or a concern)
 * about `personId` in `familyId`: the family record's rules, and for a member
 * also that member's visibility and that their support is not confidential
 * with another organisation. A null `personId` is the whole family.
 */
export function aboutVisible(access: AccessContext, familyId: SQLWrapper, personId: SQLWrapper): SQL {
  return sql`(${familyVisible(access, familyId)} and (${personId} is null or (
    ${memberVisible(access, familyId, personId)} and not ${confidentialElsewhere(access, familyId, personId)})))`;
}
