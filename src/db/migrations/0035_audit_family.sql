-- The provision audit's recovery link, from pre-aggregates: whether each
-- support row's person is a current member of its family, and for each
-- family whether a current member uses alcohol or drugs and whether one who
-- does is recorded as in contact with services. Both are worked out with the
-- family's other rows (`refreshAuditFacts`), so the recovery link no longer
-- joins every membership of the area to its support.
alter table audit_support add column member boolean not null default false;

create table audit_family (
  family_id uuid primary key,
  partnership_area_id uuid not null,
  locality_id uuid,
  has_using boolean not null,
  using_in_contact boolean not null
);
create index audit_family_area_idx on audit_family (partnership_area_id);

-- Whether a member is in contact with services is read now too.
create function audit_mark_contact_stale() returns trigger language plpgsql as $$
begin
  insert into audit_stale_family (family_id)
    select n.family_id from new_rows n join old_rows o on o.id = n.id
    where n.in_contact_with_services is distinct from o.in_contact_with_services
    on conflict do nothing;
  return null;
end
$$;
create trigger audit_stale_contact_update after update on family_membership
  referencing old table as old_rows new table as new_rows for each statement execute function audit_mark_contact_stale();

-- Every family is worked out again on the next view (or the next minute's housekeeping).
insert into audit_stale_family (family_id) select id from family on conflict do nothing;
