import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { confidentialElsewhere } from '../assessment/assessmentAccess.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';

/**
 * The access rule for contacts, as SQL on a `contact` row aliased `c`.
 *
 * A contact is seen while its family is visible and either the user's own
 * organisation held it, or the user can see at least one member it was with
 * and it is not part of a member's confidential support (a contact the
 * supporting organisation held with a member whose support with it is
 * confidential stays with that organisation). Pass `familyChecked` when the
 * caller's statement has already checked the family.
 */
export function contactVisible(access: AccessContext, options: { familyChecked?: boolean } = {}): SQL {
  const organisationId = access.organisationId ?? null;
  const family = options.familyChecked ? sql`true` : familyVisible(access, sql`c.family_id`);
  return sql`(${family} and (c.organisation_id = ${organisationId} or (
    exists (select 1 from contact_member vm where vm.contact_id = c.id
      and ${memberVisible(access, sql`vm.family_id`, sql`vm.person_id`)})
    and not exists (select 1 from contact_member vm join member_support vs on vs.family_id = vm.family_id
      and vs.person_id = vm.person_id where vm.contact_id = c.id and vs.confidential
      and vs.organisation_id = c.organisation_id))))`;
}

/**
 * True in SQL when the user may read what a visible contact covered (topics,
 * notes, follow-up). Notes marked confidential are read only by the worker
 * who held or recorded the contact and the members' own workers; every
 * member it was with must be visible to the user (withdrawn consent hides
 * what was said at once); and another organisation's contact is read only
 * when none of its members has support confidential with another
 * organisation (as with the assessment and plan).
 */
export function contactDetailsVisible(access: AccessContext): SQL {
  const organisationId = access.organisationId ?? null;
  const userId = access.userId ?? null;
  return sql`((not c.confidential or c.worker_id = ${userId} or c.recorded_by = ${userId}
      or exists (select 1 from contact_member dm join member_support ds on ds.family_id = dm.family_id
        and ds.person_id = dm.person_id where dm.contact_id = c.id and ds.worker_id = ${userId}))
    and not exists (select 1 from contact_member dm where dm.contact_id = c.id
      and not ${memberVisible(access, sql`dm.family_id`, sql`dm.person_id`)})
    and (c.organisation_id = ${organisationId} or not exists (select 1 from contact_member dm
      where dm.contact_id = c.id and ${confidentialElsewhere(access, sql`dm.family_id`, sql`dm.person_id`)})))`;
}

/**
 * The family's last attended contact this user may see, as a column of a
 * statement that has already checked the family (the overview's header):
 * one indexed look-up, no statement of its own. A contact recorded in
 * error is left out.
 */
export function lastAttendedContact(access: AccessContext, familyId: SQLWrapper): SQL<Date | null> {
  return sql<Date | null>`(select c.occurred_at from contact c where c.family_id = ${familyId}
    and c.outcome = 'attended' and c.in_error_at is null and ${contactVisible(access, { familyChecked: true })}
    order by c.occurred_at desc limit 1)`;
}
