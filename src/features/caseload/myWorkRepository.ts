import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accessValues, type Placeholders, placeholderAccess, preparedQuery } from '../../db/preparedQuery.ts';
import { type AccessContext, canSeePersonalData } from '../../platform/access/accessContext.ts';
import { shownListAudit } from '../../platform/audit/auditLog.ts';
import { ownSupportVisible } from '../families/familyVisibility.ts';
import { FigureCache } from '../home/figureCache.ts';
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

export type MyWorkValues = ReturnType<typeof accessValues> & { dueBefore: string };

/**
 * The worker's own members as common table expressions, for a statement
 * that may read other lists too (the home page): `my_shown` holds the members
 * listed; `my_audited` writes the read's audit event (naming the families
 * shown) when it lists anyone. Every member is filtered by the family access
 * rule in SQL. `dueOnly` lists only members due a contact (the home page);
 * otherwise every member (the caseload page). Members come longest without a
 * contact first, read along `member_support_worker_contact_idx`, so a long
 * caseload costs no more than the rows shown.
 */
export function myMembersCtes(dueOnly: boolean, shown: number, values: Placeholders<MyWorkValues>): SQL {
  const { userId, organisationId, ip, requestId, dueBefore } = values;
  const access = placeholderAccess(['practitioner']);
  // One run along the index: the worker's open members in the index's order, where `extra` holds.
  const members = (extra: SQL, order: SQL) => sql`select s.family_id as "familyId", s.person_id as "personId",
    f.reference, f.name as "familyName", p.given_name as "givenName", p.preferred_name as "preferredName",
    p.family_name as "memberFamilyName", s.status, s.weight, s.last_contact_on::text as "lastContactOn"
  from (
    -- Read along the index alone (its own columns), twice as many as are shown: the
    -- worker's own organisation's support is almost always visible to them, and reading on
    -- would sort the whole caseload. Should more than that be hidden, fewer are listed; never
    -- anyone hidden.
    select s.family_id, s.person_id, s.organisation_id, s.last_contact_on from member_support s
    where s.worker_id = ${userId} and s.organisation_id = ${organisationId} and s.status <> 'closed' and ${extra}
    order by ${order}
    limit ${shown * 2}
  ) i
  join member_support s on s.family_id = i.family_id and s.person_id = i.person_id
    and s.organisation_id = i.organisation_id
  join family f on f.id = s.family_id
  join person p on p.id = s.person_id
  join family_membership m on m.family_id = s.family_id and m.person_id = s.person_id and m.ended_on is null
  where ${ownSupportVisible(access, sql`s.family_id`)}
  order by ${order}
  limit ${shown}`;
  // Exactly the index's order (nulls first too), so each run reads no more than it keeps.
  const indexOrder = sql`s.last_contact_on nulls first, s.family_id, s.person_id`;
  // Due a contact: those with none yet, then those whose last is old enough. Two runs along the
  // index rather than one with "or", which PostgreSQL would answer by sorting the whole caseload.
  // Those with none come first, so when the first run fills the list the second cannot add to
  // it and is not run at all (its one-time filter is false).
  const firstRun = dueOnly
    ? sql`my_never as (${members(sql`s.last_contact_on is null`, indexOrder)}),`
    : sql``;
  const candidates = dueOnly
    ? sql`(select * from my_never)
    union all
    (${members(sql`s.last_contact_on <= ${dueBefore}::date and (select count(*) from my_never) < ${shown}`, indexOrder)})`
    : members(sql`true`, indexOrder);
  return sql`${firstRun}
  my_shown as (
    select * from (${candidates}) c
    order by "lastContactOn" nulls first, "familyId", "personId"
    limit ${shown}
  ),
  my_audited as (
    ${shownListAudit({ userId, organisationId, ip, requestId }, 'caseload.mine.read', 'my_shown')}
  )`;
}

/** The members of `my_shown` as one JSON array, in its order. */
export const myShownJson = sql`(select coalesce(json_agg(m order by "lastContactOn" nulls first, "familyId", "personId"),
  '[]'::json) from my_shown m)`;

/** The worker's own members, in one statement that also writes the read's audit event. */
function myMembersStatement(dueOnly: boolean, shown: number) {
  return preparedQuery<MyWorkValues, { members: MyMember[] }>(
    (values) => sql`with ${myMembersCtes(dueOnly, shown, values)} select ${myShownJson} as members`,
  );
}

/**
 * How many open members and families the worker has, and how many are due a
 * contact: counts, never who. Every member is filtered by the access rule.
 */
const myTotalsStatement = preparedQuery<
  Omit<MyWorkValues, 'ip' | 'requestId'>,
  { members: number; families: number; due: number }
>(({ userId, organisationId, dueBefore }) => {
  const access = placeholderAccess(['practitioner']);
  return sql`select count(*)::int as members, count(distinct s.family_id)::int as families,
      count(*) filter (where s.last_contact_on is null or s.last_contact_on <= ${dueBefore}::date)::int as due
    from member_support s
    join family_membership m on m.family_id = s.family_id and m.person_id = s.person_id and m.ended_on is null
    where s.worker_id = ${userId} and s.organisation_id = ${organisationId} and s.status <> 'closed'
      and ${ownSupportVisible(access, sql`s.family_id`)}`;
});

/** How many members due a contact the home page lists, and how many the caseload page lists. */
export const dueShown = 10;
export const allShown = 300;

const dueStatement = myMembersStatement(true, dueShown);
const allStatement = myMembersStatement(false, allShown);

/** How long a worker's totals on the home page may be old: they count the whole caseload. */
export const myTotalsSeconds = 10;
const totalsByWorker = new FigureCache<MyWork['totals']>(myTotalsSeconds * 1000);

/**
 * The signed-in worker's members (those due a contact, or all of them) with
 * their totals; empty for anyone who sees no personal data. The totals are
 * kept for a few seconds per worker, like the home page's other figures.
 */
export async function findMyWork(
  db: Db,
  access: AccessContext,
  today: string,
  list: 'due' | 'all' = 'due',
): Promise<MyWork> {
  const { userId, organisationId } = access;
  if (!userId || !organisationId || !canSeePersonalData(access))
    return { members: [], totals: { members: 0, families: 0, due: 0 } };
  const values = myWorkValues(access, today);
  const [shown, totals] = await Promise.all([
    (list === 'due' ? dueStatement : allStatement)(db, values),
    myTotals(db, access, today),
  ]);
  return { members: shown[0]?.members ?? [], totals };
}

/** The statement's values: the access context's, and the day before which a contact is due. */
export function myWorkValues(access: AccessContext, today: string): MyWorkValues {
  return { ...accessValues(access), dueBefore: addDays(today, -contactDueDays) };
}

/**
 * The worker's totals: open members and families, and how many are due a
 * contact. Kept for a few seconds per worker, like the home page's other
 * figures; zero for anyone who sees no personal data.
 */
export async function myTotals(db: Db, access: AccessContext, today: string): Promise<MyWork['totals']> {
  const { userId, organisationId } = access;
  if (!userId || !organisationId || !canSeePersonalData(access)) return { members: 0, families: 0, due: 0 };
  return totalsByWorker.get(`${userId}:${organisationId}:${today}`, async () => {
    const [row] = await myTotalsStatement(db, myWorkValues(access, today));
    return row ?? { members: 0, families: 0, due: 0 };
  });
}
