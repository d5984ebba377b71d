import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accessValues, type Placeholders, placeholderAccess, preparedQuery } from '../../db/preparedQuery.ts';
import { type AccessContext, canSeePersonalData, hasRole } from '../../platform/access/accessContext.ts';
import { shownListAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { memberGoalsVisible } from './planVisibility.ts';

export interface OverdueItem {
  kind: 'action' | 'review';
  id: string;
  familyId: string;
  reference: string;
  familyName: string;
  /** The action; null for a review. */
  what: string | null;
  /** Who the action is for, when it is not the user's own (a team lead's list). */
  owner: string | null;
  dueOn: string;
}

/** How many overdue items the home page lists; one more is read to know there are more. */
export const overdueShown = 25;

/**
 * Overdue plan actions and reviews for the signed-in user's list, in one
 * statement that also writes its audit event when it finds any (so the home
 * page stays at one statement for this list):
 *
 * - a worker sees the actions they own, and the reviews of families where
 *   they are a named worker or the lead professional;
 * - a team lead also sees every overdue action and review of the families
 *   their organisation is on the team of.
 *
 * Every row is filtered by the family access rule, and an action by the
 * confidential-goal rule, in SQL.
 */
export async function findOverdue(db: Db, access: AccessContext, today: string): Promise<OverdueItem[]> {
  if (!access.userId || !access.organisationId || !canSeePersonalData(access)) return [];
  const statement = hasRole(access, 'team_lead') ? teamLeadsOverdue : workersOverdue;
  return statement(db, { ...accessValues(access), today });
}

export type OverdueValues = ReturnType<typeof accessValues> & { today: string };

/**
 * The overdue list as common table expressions, for a statement that reads
 * other lists too (the home page): `overdue_shown` holds the rows, in order
 * (`"dueOn"`, `reference`, `id`); `overdue_audited` writes the read's audit
 * event naming the families shown, when there are any. The values are
 * placeholders, as `preparedQuery` passes them.
 */
export function overdueCtes(lead: boolean, values: Placeholders<OverdueValues>): SQL {
  const { userId, organisationId, ip, requestId, today } = values;
  // The access rule's own fragments, with the user and organisation as placeholders.
  const access = placeholderAccess(lead ? ['team_lead'] : ['practitioner']);
  const open = sql`a.status in ('not_started', 'in_progress') and a.due_on < ${today}::date`;
  const onOrgTeam = (
    familyId: SQL,
  ) => sql`exists (select 1 from family_team_member ot where ot.family_id = ${familyId}
    and ot.organisation_id = ${organisationId} and ot.left_on is null)`;
  const leadActions = lead
    ? sql`union
      select 'action', a.id, a.family_id, a.what, a.due_on, a.goal_id, a.owner_kind, a.owner_person_id,
        a.owner_user_id, a.owner_organisation_id
      from plan_action a where ${open} and ${onOrgTeam(sql`a.family_id`)}`
    : sql``;
  const leadReviews = lead
    ? sql`union
      select 'review', p.id, p.family_id, null, p.next_review_on, null::uuid, null, null::uuid, null::uuid, null::uuid
      from family_plan p where p.next_review_on < ${today}::date and ${onOrgTeam(sql`p.family_id`)}`
    : sql``;
  return sql`overdue_candidate (kind, id, family_id, what, due_on, goal_id, owner_kind, owner_person_id,
      owner_user_id, owner_organisation_id) as (
    select 'action', a.id, a.family_id, a.what, a.due_on, a.goal_id, a.owner_kind, a.owner_person_id,
      a.owner_user_id, a.owner_organisation_id
    from plan_action a where a.owner_user_id = ${userId} and ${open}
    union
    select 'review', p.id, p.family_id, null, p.next_review_on, null::uuid, null, null::uuid, null::uuid, null::uuid
    from family_plan p where p.next_review_on < ${today}::date and p.family_id in (
      select w.family_id from team_worker w where w.user_id = ${userId} and w.left_on is null
      union select l.family_id from lead_professional l where l.user_id = ${userId} and l.ended_on is null)
    ${leadActions}
    ${leadReviews}
  ),
  overdue_shown as (
    select c.kind, c.id, c.family_id as "familyId", f.reference, f.name as "familyName", c.what,
      case when c.kind = 'review' or c.owner_user_id = ${userId} then null
        when c.owner_kind = 'worker' then ou.display_name
        when c.owner_kind = 'organisation' then oo.name
        else 'A family member' end as owner,
      c.due_on::text as "dueOn"
    from overdue_candidate c
    join family f on f.id = c.family_id
    left join plan_goal g on g.id = c.goal_id
    left join app_user ou on ou.id = c.owner_user_id
    left join organisation oo on oo.id = c.owner_organisation_id
    where ${familyVisible(access, sql`c.family_id`)}
      and (c.goal_id is null or ${memberGoalsVisible(access, sql`g.family_id`, sql`g.person_id`)})
      and ${memberGoalsVisible(access, sql`c.family_id`, sql`c.owner_person_id`)}
    order by c.due_on, f.reference, c.id
    limit ${overdueShown + 1}
  ),
  -- The read's audit event, in the same statement (the shape recordAudit writes), naming the families shown.
  overdue_audited as (
    ${shownListAudit({ userId, organisationId, ip, requestId }, 'plan.overdue.read', 'overdue_shown')}
  )`;
}

/** The statement, for a team lead (who also sees their organisation's families) or not. */
function overdueStatement(lead: boolean) {
  return preparedQuery<OverdueValues, OverdueItem>(
    (values) => sql`with ${overdueCtes(lead, values)}
      select * from overdue_shown order by "dueOn", reference, id`,
  );
}

const workersOverdue = overdueStatement(false);
const teamLeadsOverdue = overdueStatement(true);
