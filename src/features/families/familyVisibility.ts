import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type AccessContext, canSeePersonalData } from '../../platform/access/accessContext.ts';

/**
 * The access rule for the whole-family record, as SQL conditions that every
 * repository of personal data puts in its WHERE clause (never a filter after
 * the fetch).
 *
 * An organisation sees a family while it is on the family's team and at
 * least one member's information may be shared with it: the organisation
 * supports that member itself (it recorded them or works with them), or the
 * member has given consent to share with it. A member is visible on the same
 * terms, one member at a time, so withdrawing consent hides that member at
 * once. A user who has broken the glass for the family, for protection, sees
 * every member until that access expires, even when their organisation is
 * not on the team (that is what emergency access is for).
 *
 * Open referrals will widen this rule when referrals exist (a later issue).
 */

function onTeam(organisationId: string, familyId: SQLWrapper): SQL {
  return sql`exists (select 1 from family_team_member vt where vt.family_id = ${familyId}
    and vt.organisation_id = ${organisationId} and vt.left_on is null)`;
}

function glassBroken(userId: string | undefined, familyId: SQLWrapper): SQL {
  if (!userId) return sql`false`;
  return sql`exists (select 1 from break_glass vb where vb.family_id = ${familyId}
    and vb.user_id = ${userId} and vb.expires_at > now())`;
}

/** True in SQL when the asking user may see the family whose id is `familyId` (a column or value). */
export function familyVisible(access: AccessContext, familyId: SQLWrapper): SQL {
  const organisationId = access.organisationId;
  if (!canSeePersonalData(access) || !organisationId) return sql`false`;
  return sql`((${onTeam(organisationId, familyId)} and (
    exists (select 1 from member_support vs where vs.family_id = ${familyId} and vs.organisation_id = ${organisationId})
    or exists (select 1 from consent vc where vc.family_id = ${familyId} and vc.organisation_id = ${organisationId}
      and vc.status = 'given')))
    or ${glassBroken(access.userId, familyId)})`;
}

/** True in SQL when the asking user may see this member of this family. */
export function memberVisible(access: AccessContext, familyId: SQLWrapper, personId: SQLWrapper): SQL {
  const organisationId = access.organisationId;
  if (!canSeePersonalData(access) || !organisationId) return sql`false`;
  return sql`((${onTeam(organisationId, familyId)} and (
    exists (select 1 from member_support vs where vs.family_id = ${familyId} and vs.person_id = ${personId}
      and vs.organisation_id = ${organisationId})
    or exists (select 1 from consent vc where vc.family_id = ${familyId} and vc.person_id = ${personId}
      and vc.organisation_id = ${organisationId} and vc.status = 'given')))
    or ${glassBroken(access.userId, familyId)})`;
}

/**
 * `familyVisible` and `memberVisible` together, for a row of the asking
 * organisation's own member support (the caller's SQL must hold
 * `support.organisation_id = access.organisationId`). That row is itself the
 * support both rules ask for, so they come down to: the organisation is on
 * the family's team, or the user has broken the glass. One probe a row
 * instead of six, for lists of a worker's own caseload.
 */
export function ownSupportVisible(access: AccessContext, familyId: SQLWrapper): SQL {
  const organisationId = access.organisationId;
  if (!canSeePersonalData(access) || !organisationId) return sql`false`;
  return sql`(${onTeam(organisationId, familyId)} or ${glassBroken(access.userId, familyId)})`;
}

/**
 * True in SQL when the asking user may see a member's own support (status,
 * worker, notes, plan): always for the organisation giving it; for others
 * only when that support is not marked confidential.
 */
export function supportVisible(
  access: AccessContext,
  supportOrganisationId: SQLWrapper,
  confidential: SQLWrapper,
): SQL {
  const organisationId = access.organisationId;
  if (!canSeePersonalData(access) || !organisationId) return sql`false`;
  return sql`(${supportOrganisationId} = ${organisationId} or not ${confidential})`;
}

/**
 * True in SQL when the asking user may see a withheld address: only named
 * workers, that is the member's own worker or a worker named on the team for
 * the family or that member.
 */
export function addressVisible(access: AccessContext, familyId: SQLWrapper, personId: SQLWrapper): SQL {
  const userId = access.userId;
  if (!userId) return sql`false`;
  return sql`(exists (select 1 from team_worker vw where vw.family_id = ${familyId} and vw.user_id = ${userId}
      and vw.left_on is null and (vw.person_id is null or vw.person_id = ${personId}))
    or exists (select 1 from member_support vs where vs.family_id = ${familyId} and vs.person_id = ${personId}
      and vs.worker_id = ${userId}))`;
}
