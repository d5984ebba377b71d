import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { AccessContext } from '../../platform/access/accessContext.ts';
import { familyVisible } from '../families/familyVisibility.ts';
import { memberGoalsVisible } from './planVisibility.ts';

/** What the family plan has coming up, for the family overview's "What is due next". */
export interface PlanDue {
  /** False when the family has no plan yet. */
  hasPlan: boolean;
  /** The next review, once the plan is agreed. */
  nextReviewOn: string | null;
  /** Open actions due within `soonDays` or overdue, soonest first, that this user may see. */
  actions: { what: string; dueOn: string }[];
}

/** How far ahead the overview looks for plan actions and reviews. */
export const soonDays = 28;
const actionsShown = 5;

/**
 * The plan's next review and its open actions due soon or overdue, in one
 * statement, filtered by the family access rule and the confidential-goal
 * rule. Not audited here: it is part of the overview, which audits its read.
 */
export async function planDueForOverview(
  db: Db,
  access: AccessContext,
  familyId: string,
  today: string,
): Promise<PlanDue> {
  const [row] = await queryRows<PlanDueRow>(db, planDueSql(access, familyId, today));
  return planDue(row);
}

/** The row `planDueSql` returns. */
export interface PlanDueRow {
  plan_id: string | null;
  next_review_on: string | null;
  actions: PlanDue['actions'];
}

/** The statement behind `planDueForOverview`: one row while the family is visible. */
export function planDueSql(access: AccessContext, familyId: string, today: string) {
  return sql`select p.id as plan_id, p.next_review_on::text as next_review_on,
      coalesce((select json_agg(json_build_object('what', a.what, 'dueOn', a.due_on::text) order by a.due_on, a.id)
        from (select a.what, a.due_on, a.id from plan_action a
          left join plan_goal g on g.id = a.goal_id
          where a.plan_id = p.id and a.status in ('not_started', 'in_progress')
            and a.due_on <= ${today}::date + ${soonDays}::int
            and (a.goal_id is null or ${memberGoalsVisible(access, sql`g.family_id`, sql`g.person_id`)})
            and ${memberGoalsVisible(access, sql`a.family_id`, sql`a.owner_person_id`)}
          order by a.due_on, a.id limit ${actionsShown}) a), '[]'::json) as actions
    from family f left join family_plan p on p.family_id = f.id
    where f.id = ${familyId} and ${familyVisible(access, sql`f.id`)}`;
}

/** What is due next, from the row of `planDueSql` (none when the family has no plan or is not visible). */
export function planDue(row: PlanDueRow | undefined): PlanDue {
  return {
    hasPlan: Boolean(row?.plan_id),
    nextReviewOn: row?.next_review_on ?? null,
    actions: row?.actions ?? [],
  };
}
