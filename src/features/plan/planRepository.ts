import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type ActorValues, actorValues, placeholderAccess, preparedQuery } from '../../db/preparedQuery.ts';
import type { ActionStatus, GoalStatus, OwnerKind } from '../../db/schema.ts';
import { type AccessContext, canSeePersonalData } from '../../platform/access/accessContext.ts';
import { auditEventInsert, recordAudit } from '../../platform/audit/auditLog.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import { memberGoalsVisible } from './planVisibility.ts';

export interface PlanFamily {
  id: string;
  reference: string;
  name: string;
}

export interface PlanHeader {
  id: string;
  reviewEveryWeeks: number;
  agreedOn: string | null;
  agreedWith: string[];
  nextReviewOn: string | null;
  version: number;
}

export interface PlanGoalRow {
  id: string;
  personId: string | null;
  familyWords: string;
  workerWords: string | null;
  status: GoalStatus;
  version: number;
}

export interface PlanActionRow {
  id: string;
  goalId: string | null;
  what: string;
  ownerKind: OwnerKind;
  ownerPersonId: string | null;
  ownerUserId: string | null;
  ownerOrganisationId: string | null;
  /** The worker's or organisation's name; a member's name comes from the members list. */
  ownerName: string | null;
  dueOn: string;
  status: ActionStatus;
  fromMeeting: boolean;
  /** The team meeting that agreed it, if one did. */
  meetingId: string | null;
  version: number;
}

export interface PlanReviewRow {
  id: string;
  heldOn: string;
  decisions: string | null;
  nextReviewOn: string;
  recordedBy: string | null;
  progress: { goalId: string; score: number; comment: string | null }[];
}

export interface PlanMember {
  personId: string;
  givenName: string;
  preferredName: string | null;
  familyName: string | null;
  /** Their support is confidential with an organisation: their goals stay out of copies for the rest of the family. */
  privateGoals: boolean;
}

export interface PlanChoices {
  organisations: { id: string; name: string }[];
  workers: { id: string; name: string; organisationName: string }[];
}

/** Everything the plan pages show, as one user may see it. */
export interface PlanRecord {
  family: PlanFamily;
  plan: PlanHeader | null;
  goals: PlanGoalRow[];
  actions: PlanActionRow[];
  reviews: PlanReviewRow[];
  members: PlanMember[];
  choices: PlanChoices;
}

/**
 * Reads a family's plan in one statement, filtered by the access rule in SQL:
 * the family must be visible, a member only while they are visible, and a
 * member's own goals, their progress and their actions only under
 * `memberGoalsVisible` (confidential support).
 */
export class PlanRepository {
  constructor(
    private readonly db: Db,
    private readonly access: AccessContext,
  ) {}

  /**
   * The plan of a family with its audit event (action `plan.read`, or the
   * given one); undefined, audited as denied, when the family is not
   * visible. `withChoices` adds the team's organisations and workers, for forms.
   */
  async read(
    familyId: string,
    options: { action?: string; withChoices?: boolean; audit?: boolean } = {},
  ): Promise<PlanRecord | undefined> {
    const access = this.access;
    const action = options.action ?? 'plan.read';
    if (!canSeePersonalData(access)) {
      await recordAudit(this.db, access, {
        action,
        outcome: 'denied',
        recordType: 'family',
        recordId: familyId,
      });
      return undefined;
    }
    const statement =
      planStatements[options.withChoices ? 'withChoices' : 'plain'][
        options.audit === false ? 'unaudited' : 'audited'
      ];
    const [row] = await statement(this.db, {
      ...actorValues(access),
      familyId,
      action,
    });
    return row?.record;
  }
}

type PlanValues = ActorValues & {
  familyId: string;
  action: string;
};

/**
 * The plan page's read, built once for each of the four ways it is asked
 * for, as one statement that also writes its audit event: `plan.read` (or
 * the given action) with the counts shown, or a refusal (the family is not
 * visible), audited as denied, in the shape `recordAudit` writes.
 */
function planStatement(withChoices: boolean, audit: boolean) {
  return preparedQuery<PlanValues, { record: PlanRecord }>(
    ({ userId, tokenId, linkId, organisationId, ip, requestId, familyId, action }) => {
      const access = placeholderAccess(['practitioner']);
      const goalVisible = memberGoalsVisible(access, sql`g.family_id`, sql`g.person_id`);
      const choices = withChoices
        ? sql`json_build_object(
          'organisations', coalesce((select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.name)
            from family_team_member t join organisation o on o.id = t.organisation_id
            where t.family_id = f.id and (t.left_on is null or exists (select 1 from plan_action oa
              where oa.family_id = f.id and oa.owner_organisation_id = o.id))), '[]'::json),
          'workers', coalesce((select json_agg(json_build_object('id', u.id, 'name', u.display_name,
              'organisationName', o.name) order by u.display_name)
            from app_user u join organisation o on o.id = u.organisation_id
            where u.status = 'active' and (u.id = ${userId}::uuid
              or exists (select 1 from team_worker w where w.family_id = f.id and w.user_id = u.id and w.left_on is null)
              or exists (select 1 from lead_professional l where l.family_id = f.id and l.user_id = u.id and l.ended_on is null)
              or exists (select 1 from plan_action wa where wa.family_id = f.id and wa.owner_user_id = u.id))),
            '[]'::json))`
        : sql`json_build_object('organisations', '[]'::json, 'workers', '[]'::json)`;
      return sql`with shown as (
      select json_build_object(
        'family', json_build_object('id', f.id, 'reference', f.reference, 'name', f.name),
        'plan', (select json_build_object('id', p.id, 'reviewEveryWeeks', p.review_every_weeks,
            'agreedOn', p.agreed_on::text, 'agreedWith', p.agreed_with, 'nextReviewOn', p.next_review_on::text,
            'version', p.version)
          from family_plan p where p.family_id = f.id),
        'goals', coalesce((select json_agg(json_build_object('id', g.id, 'personId', g.person_id,
            'familyWords', g.family_words, 'workerWords', g.worker_words, 'status', g.status, 'version', g.version)
            order by g.person_id nulls first, g.position, g.created_at)
          from plan_goal g where g.family_id = f.id and ${goalVisible}), '[]'::json),
        'actions', coalesce((select json_agg(json_build_object('id', a.id, 'goalId', a.goal_id, 'what', a.what,
            'ownerKind', a.owner_kind, 'ownerPersonId', a.owner_person_id, 'ownerUserId', a.owner_user_id,
            'ownerOrganisationId', a.owner_organisation_id,
            'ownerName', case a.owner_kind when 'worker' then u.display_name || ', ' || uo.name
              when 'organisation' then ao.name end,
            'dueOn', a.due_on::text, 'status', a.status, 'fromMeeting', a.meeting_id is not null, 'meetingId', a.meeting_id, 'version', a.version)
            order by a.due_on, a.created_at)
          from plan_action a
          left join plan_goal g on g.id = a.goal_id
          left join app_user u on u.id = a.owner_user_id
          left join organisation uo on uo.id = u.organisation_id
          left join organisation ao on ao.id = a.owner_organisation_id
          where a.family_id = f.id and (a.goal_id is null or ${goalVisible})
            and ${memberGoalsVisible(access, sql`a.family_id`, sql`a.owner_person_id`)}), '[]'::json),
        'reviews', coalesce((select json_agg(json_build_object('id', r.id, 'heldOn', r.held_on::text,
            'decisions', r.decisions, 'nextReviewOn', r.next_review_on::text,
            'recordedBy', ru.display_name || ', ' || ro.name,
            'progress', coalesce((select json_agg(json_build_object('goalId', pr.goal_id, 'score', pr.score,
                'comment', pr.comment))
              from plan_progress pr join plan_goal g on g.id = pr.goal_id
              where pr.review_id = r.id and ${goalVisible}), '[]'::json))
            order by r.held_on, r.created_at)
          from plan_review r left join app_user ru on ru.id = r.recorded_by
          left join organisation ro on ro.id = r.organisation_id
          where r.family_id = f.id), '[]'::json),
        'members', coalesce((select json_agg(json_build_object('personId', pe.id, 'givenName', pe.given_name,
            'preferredName', pe.preferred_name, 'familyName', pe.family_name,
            'privateGoals', exists (select 1 from member_support ps where ps.family_id = m.family_id
              and ps.person_id = m.person_id and ps.confidential))
            order by pe.date_of_birth nulls last, pe.given_name)
          from family_membership m join person pe on pe.id = m.person_id
          where m.family_id = f.id and m.ended_on is null
            and ${memberVisible(access, sql`m.family_id`, sql`m.person_id`)}), '[]'::json),
'choices', ${choices}) as record
      from family f where f.id = ${familyId}::uuid and ${familyVisible(access, sql`f.id`)}
    ),
    audited as (${auditEventInsert(
      { userId, tokenId, linkId, organisationId, ip, requestId },
      {
        action: sql`${action}::text`,
        outcome: sql`case when s.record is null then 'denied' else 'success' end`,
        recordType: sql`case when s.record is null then 'family' else 'family_plan' end`,
        recordId: sql`coalesce(s.record -> 'plan' ->> 'id', ${familyId}::text)`,
        familyId: sql`case when s.record is not null then ${familyId}::uuid end`,
        detail: sql`case when s.record is not null then jsonb_build_object('goals', json_array_length(s.record -> 'goals'),
          'actions', json_array_length(s.record -> 'actions'), 'reviews', json_array_length(s.record -> 'reviews')) end`,
      },
      sql`from (select 1) one left join shown s on true ${audit ? sql`` : sql`where s.record is null`}`,
    )})
    select record from shown`;
    },
  );
}

const planStatements = {
  plain: { audited: planStatement(false, true), unaudited: planStatement(false, false) },
  withChoices: { audited: planStatement(true, true), unaudited: planStatement(true, false) },
};
