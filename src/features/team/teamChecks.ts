import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { appUser, familyTeamMember, organisation } from '../../db/schema.ts';

/**
 * The user, when they may be named on a family's team or made its lead
 * professional: active, in a practice role, and of an organisation on the
 * team now. Call it after checking the family is visible.
 */
export async function eligibleWorker(
  tx: Db,
  familyId: string,
  userId: string,
): Promise<{ userId: string; name: string; organisationId: string; organisationName: string } | undefined> {
  const [row] = await tx
    .select({
      userId: appUser.id,
      name: appUser.displayName,
      organisationId: organisation.id,
      organisationName: organisation.name,
    })
    .from(appUser)
    .innerJoin(organisation, eq(organisation.id, appUser.organisationId))
    .innerJoin(
      familyTeamMember,
      and(
        eq(familyTeamMember.organisationId, appUser.organisationId),
        eq(familyTeamMember.familyId, familyId),
        isNull(familyTeamMember.leftOn),
      ),
    )
    .where(
      and(
        eq(appUser.id, userId),
        eq(appUser.status, 'active'),
        sql`${appUser.roles} && array['practitioner', 'volunteer', 'team_lead']::text[]`,
      ),
    );
  return row;
}
