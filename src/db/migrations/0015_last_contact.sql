-- Each member's last attended contact with the organisation supporting them,
-- kept on their support (written with every contact recorded), so a worker's
-- list of members due a contact is one index range, not a search of every
-- contact each member has had.
alter table member_support add column last_contact_on date;

update member_support s set last_contact_on = x.last_on
from (
  select cm.family_id, cm.person_id, c.organisation_id,
    max((c.occurred_at at time zone 'Europe/London')::date) as last_on
  from contact c join contact_member cm on cm.contact_id = c.id
  where c.outcome = 'attended'
  group by cm.family_id, cm.person_id, c.organisation_id
) x
where x.family_id = s.family_id and x.person_id = s.person_id and x.organisation_id = s.organisation_id;

-- A worker's open members, those longest without a contact (or with none) first.
create index member_support_worker_contact_idx
  on member_support (worker_id, organisation_id, last_contact_on nulls first, family_id, person_id)
  where status <> 'closed';
