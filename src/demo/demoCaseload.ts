import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * Caseloads in the demo: complexity weights, limits the team leads have set,
 * and work waiting to be allocated.
 *
 * - Support in a family with an open protection concern counts as complex
 *   (2); a member who is also a young carer there, very complex (3).
 * - At the family support service, Euan Cairns takes the children and young
 *   people of every fourth family; the rest wait for a worker, so Shona
 *   Baird (team lead) has a list to allocate.
 * - Limits: Morven Blair's is set just under the load she carries, so her
 *   team lead sees her over it; Euan's and Shona's leave room.
 */
export async function addDemoCaseload(tx: Db): Promise<void> {
  // Support began when the family came to the organisation, so waiting work shows how long it has waited.
  await tx.execute(sql`update member_support s set created_at = t.joined_on::timestamptz + interval '10 hours'
    from family_team_member t
    where t.family_id = s.family_id and t.organisation_id = s.organisation_id and t.joined_on < s.created_at::date`);
  await tx.execute(sql`update member_support s set weight = case
      when m.roles @> array['young_carer'] then 3 else 2 end
    from family_membership m
    where m.family_id = s.family_id and m.person_id = s.person_id
      and exists (select 1 from assessment_concern c where c.family_id = s.family_id and c.status = 'open')`);
  await tx.execute(sql`update member_support s set worker_id = u.id, status = 'being_supported',
      started_on = (s.created_at::date + 14)
    from app_user u, family f
    where u.email = 'euan.cairns@carse-family-support.example' and f.id = s.family_id
      and s.worker_id is null and s.status = 'not_started' and u.organisation_id = s.organisation_id
      and right(f.reference, 4)::int % 4 = 0`);
  await tx.execute(sql`insert into caseload_limit (user_id, organisation_id, max_weight, set_by)
    select u.id, u.organisation_id, greatest(5, case u.email
        when 'morven.blair@carse-family-support.example' then load.weighted - 3
        when 'euan.cairns@carse-family-support.example' then load.weighted + 8
        else 12 end),
      lead.id
    from app_user u
    join app_user lead on lead.email = 'shona.baird@carse-family-support.example'
    cross join lateral (select coalesce(sum(s.weight), 0)::int as weighted from member_support s
      where s.worker_id = u.id and s.status <> 'closed') load
    where u.email in ('morven.blair@carse-family-support.example', 'euan.cairns@carse-family-support.example',
      'shona.baird@carse-family-support.example')`);
}
