import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { memberVisible } from '../families/familyVisibility.ts';

/**
 * True in SQL when the asking user may see the goals (and the actions) of the
 * member `personId`, or of the whole family when it is null. A member's own
 * goals follow the member's visibility, and are hidden from every other
 * organisation while that member's support is confidential with one
 * organisation: other workers then see only that the person is a member.
 * Call it inside a condition that has already checked the family is visible.
 */
export function memberGoalsVisible(access: AccessContext, familyId: SQLWrapper, personId: SQLWrapper): SQL {
  const organisationId = access.organisationId ?? null;
  return sql`(${personId} is null or (${memberVisible(access, familyId, personId)}
    and not exists (select 1 from member_support gs where gs.family_id = ${familyId} and gs.person_id = ${personId}
      and gs.confidential and gs.organisation_id is distinct from ${organisationId})))`;
}
