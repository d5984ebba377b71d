import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';

/** Shared goals, as a family might put them. */
export const benchFamilyGoals = [
  'Eat together as a family three nights a week',
  'Talk about what is happening without shouting',
  'Have a day out together once a month',
  'Get the house feeling like ours again',
  'Know who to phone when things get bad',
];

/** One member's own goals, in their words. */
export const benchMemberGoals = [
  'Sleep better and feel less on edge',
  'Get back to the swimming club',
  'Go to the family support group every fortnight',
  'Cut down to drinking only at the weekend',
  'Tell my friends what is going on',
  'Keep my job and get back on top of the bills',
  'Get through a week without using',
];

const actionWords = [
  'Book a place at the family support group',
  'Phone the GP about sleep',
  'Write down three things that went well each week',
  'Meet the school guidance teacher',
  'Go to the money advice drop-in',
];

/** Weeks between reviews: the default the teams keep. */
const reviewDays = 84;

/**
 * Gives every bench family of the area that has no plan yet an agreed plan:
 * a shared goal and the first two members' own goals, an action for each,
 * and up to two reviews twelve weeks apart with progress on every goal, so
 * the plan page reads what a plan in use holds. One set-based statement
 * (the ids and words are derived from each family's id), so adding plans
 * to 100,000 families takes seconds; families that have a plan are left alone.
 */
export async function addBenchPlans(db: Db, areaId: string, today: Date): Promise<number> {
  const day = today.toISOString().slice(0, 10);
  const words = (list: string[]) =>
    sql.raw(`array[${list.map((w) => `'${w.replace(/'/g, "''")}'`).join(', ')}]`);
  const [row] = await queryRows<{ plans: number }>(
    db,
    sql`with fams as (
        select f.id as family_id, least(f.created_at::date + 21, ${day}::date - 1) as agreed_on,
          abs(hashtext(f.id::text)) % 3 as reviews,
          (select t.organisation_id from family_team_member t where t.family_id = f.id
            order by t.joined_on, t.organisation_id limit 1) as organisation_id
        from family f
        where f.partnership_area_id = ${areaId}
          and not exists (select 1 from family_plan p where p.family_id = f.id)),
      plans as (
        insert into family_plan (family_id, agreed_on, agreed_with, next_review_on, organisation_id)
        select fa.family_id, fa.agreed_on,
          array(select m.person_id from family_membership m where m.family_id = fa.family_id
            order by m.started_on, m.person_id limit 2),
          fa.agreed_on + ${reviewDays} * (fa.reviews + 1), fa.organisation_id
        from fams fa
        returning id, family_id, agreed_on, next_review_on, organisation_id),
      goals as (
        insert into plan_goal (plan_id, family_id, person_id, family_words, position)
        select p.id, p.family_id, g.person_id, g.words, g.position
        from plans p
        cross join lateral (
          select null::uuid as person_id, 0 as position,
            (${words(benchFamilyGoals)})[1 + abs(hashtext(p.family_id::text)) % ${benchFamilyGoals.length}] as words
          union all
          select m.person_id, 1 + row_number() over (order by m.person_id)::int,
            (${words(benchMemberGoals)})[1 + abs(hashtext(m.person_id::text)) % ${benchMemberGoals.length}]
          from (select person_id from family_membership where family_id = p.family_id
            order by started_on, person_id limit 2) m) g
        returning id, plan_id, family_id, person_id),
      actions as (
        insert into plan_action (plan_id, family_id, goal_id, what, owner_kind, owner_person_id,
          owner_organisation_id, due_on, status)
        select g.plan_id, g.family_id, g.id,
          (${words(actionWords)})[1 + abs(hashtext(g.id::text)) % ${actionWords.length}],
          case when g.person_id is null then 'organisation' else 'member' end, g.person_id,
          case when g.person_id is null then p.organisation_id end,
          p.agreed_on + 42,
          case when abs(hashtext(g.id::text)) % 3 = 0 then 'done' else 'in_progress' end
        from goals g join plans p on p.id = g.plan_id
        where g.person_id is not null or p.organisation_id is not null
        returning id),
      reviews as (
        insert into plan_review (plan_id, family_id, held_on, next_review_on, decisions, organisation_id)
        select p.id, p.family_id, p.agreed_on + ${reviewDays} * n, p.agreed_on + ${reviewDays} * (n + 1),
          'Keep going with the plan; look again at what gets in the way.', p.organisation_id
        from plans p cross join lateral generate_series(1, (p.next_review_on - p.agreed_on) / ${reviewDays} - 1) n
        where p.agreed_on + ${reviewDays} * n <= ${day}::date
        returning id, plan_id, held_on),
      progress as (
        insert into plan_progress (review_id, goal_id, family_id, score, comment)
        select r.id, g.id, g.family_id,
          least(10, 2 + 3 * ((r.held_on - p.agreed_on) / ${reviewDays}) + abs(hashtext(g.id::text)) % 3),
          'Getting there, with some hard weeks.'
        from reviews r join goals g on g.plan_id = r.plan_id join plans p on p.id = r.plan_id
        returning id)
      select (select count(*)::int from plans) as plans,
        (select count(*) from actions) + (select count(*) from progress) as rows`,
  );
  return row?.plans ?? 0;
}
