import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accessValues, placeholderAccess, preparedQuery } from '../../db/preparedQuery.ts';
import { type AccessContext, canSeePersonalData } from '../../platform/access/accessContext.ts';
import { familyVisible, memberVisible } from '../families/familyVisibility.ts';
import { addDays } from '../plan/planSchedule.ts';

/** A member the signed-in worker supports, with their last attended contact. */
export interface MyMember {
  familyId: string;
  personId: string;
  reference: string;
  familyName: string;
  givenName: string;
  preferredName: string | null;
  memberFamilyName: string | null;
  status: 'not_started' | 'being_supported';
  weight: number;
  /** The last attended contact of the worker's organisation with this member (ISO date), if any. */
  lastContactOn: string | null;
}

export interface MyWork {
  /** The members listed: on the home page those due a contact, longest waiting first. */
  members: MyMember[];
  /** All the worker's open members and their families, and how many are due a contact. */
  totals: { members: number; families: number; due: number };
}

/** A member being supported is due a contact when the last attended one is this many days old, or there is none. */
export const contactDueDays = 28;

type MyWorkValues = ReturnType<typeof accessValues> & { dueBefore: string };

/**
 * The worker's own members and families, in one statement that also writes the read's audit event
 * (naming the families shown) when it lists anyone. Every member is filtered
 * by the family access rule in SQL. `dueOnly` lists only members due a
 * contact (the home page); otherwise every member is listed (the caseload page).
 */
function myWorkStatement(dueOnly: boolean, shown: number) {
  return preparedQuery<MyWorkValues, MyWork>(({ userId, organisationId, ip, requestId, dueBefore }) => {
    const access = placeholderAccess(['practitioner']);
    const due = sql`("lastContactOn" is null or "lastContactOn" <= ${dueBefore}::date::text)`;
    return sql`with mine as (
        select s.family_id as "familyId", s.person_id as "personId", f.reference, f.name as "familyName",
          p.given_name as "givenName", p.preferred_name as "preferredName", p.family_name as "memberFamilyName",
          s.status, s.weight,
          (select max(c.occurred_at)::date::text from contact_member cm join contact c on c.id = cm.contact_id
            where cm.family_id = s.family_id and cm.person_id = s.person_id and c.outcome = 'attended'
              and c.organisation_id = s.organisation_id) as "lastContactOn"
        from member_support s
        join family f on f.id = s.family_id
        join person p on p.id = s.person_id
        join family_membership m on m.family_id = s.family_id and m.person_id = s.person_id and m.ended_on is null
        where s.worker_id = ${userId} and s.organisation_id = ${organisationId} and s.status <> 'closed'
          and ${familyVisible(access, sql`s.family_id`)}
          and ${memberVisible(access, sql`s.family_id`, sql`s.person_id`)}
      ),
      shown as (
        select * from mine ${dueOnly ? sql`where ${due}` : sql``}
        order by "lastContactOn" nulls first, reference, "givenName"
        limit ${shown}
      ),
      audited as (
        insert into audit_event (actor_user_id, actor_token_id, organisation_id, action, outcome, ip, request_id, detail)
        select ${userId}::uuid, null, ${organisationId}::uuid, 'caseload.mine.read', 'success', ${ip}, ${requestId},
          jsonb_build_object('shown', count(*), 'families', jsonb_agg(distinct "familyId"))
        from shown having count(*) > 0
      )
      select coalesce((select json_agg(shown order by "lastContactOn" nulls first, reference, "givenName") from shown),
          '[]'::json) as members,
        (select json_build_object('members', count(*), 'families', count(distinct "familyId"),
          'due', count(*) filter (where ${due})) from mine) as totals`;
  });
}

/** How many members due a contact the home page lists, and how many the caseload page lists. */
export const dueShown = 10;
export const allShown = 300;

const dueStatement = myWorkStatement(true, dueShown);
const allStatement = myWorkStatement(false, allShown);

/** The signed-in worker's members (those due a contact, or all of them); empty for anyone who sees no personal data. */
export async function findMyWork(
  db: Db,
  access: AccessContext,
  today: string,
  list: 'due' | 'all' = 'due',
): Promise<MyWork> {
  const empty = { members: [], totals: { members: 0, families: 0, due: 0 } };
  if (!access.userId || !access.organisationId || !canSeePersonalData(access)) return empty;
  const statement = list === 'due' ? dueStatement : allStatement;
  const [row] = await statement(db, {
    ...accessValues(access),
    dueBefore: addDays(today, -contactDueDays),
  });
  return row ?? empty;
}
