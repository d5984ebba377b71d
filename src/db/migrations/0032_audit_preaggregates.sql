-- The provision audit's pre-aggregates (issue #8): what its whole-area views
-- would otherwise work out from hundreds of thousands of rows on every view.
--
-- audit_support: each member's support with what the audit knows of them
-- (standing in the family story, circumstances, birth date or age given,
-- gender, postcode) and their family's area and locality, in one narrow row.
-- Worked out per family by the application (src/features/audit/auditFacts.ts):
-- triggers only mark a family stale when anything it is built from changes,
-- and every audit view brings stale families up to date before it counts, so
-- the views count from rows that are never behind the records.
--
-- audit_contact_count: attended contacts and their minutes by organisation,
-- paid staff or volunteers, the family's area and locality, and UK day.
-- Triggers append each statement's change as a pending row (no row is shared
-- between writers, so recording a contact never waits for another); the
-- application folds pending rows into the day's row now and then, and the
-- views read both.

create table audit_stale_family (
  family_id uuid primary key
);

create table audit_support (
  -- member_support.id
  support_id uuid primary key,
  family_id uuid not null,
  person_id uuid not null,
  organisation_id uuid not null,
  partnership_area_id uuid not null,
  locality_id uuid,
  started_on date not null,
  closed_on date,
  -- Standing towards the person using alcohol or drugs (auditGroups.ts's ranks).
  rank smallint not null,
  bereaved boolean not null,
  young_carer boolean not null,
  date_of_birth date,
  approximate_age integer,
  approximate_age_on date,
  -- auditGroups.ts's gender codes.
  gender text not null,
  -- The postcode as the SIMD lookup spells it ("AB1 2CD"), when it is long enough to be one.
  postcode text
);
create index audit_support_area_idx on audit_support (partnership_area_id, started_on);
create index audit_support_family_idx on audit_support (family_id);

-- Marks the families a statement touched as stale: for an update, only where
-- something the audit reads changed (recording a contact updates a support
-- row's last contact date, which changes nothing here).
create function audit_mark_stale() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into audit_stale_family (family_id) select distinct family_id from new_rows on conflict do nothing;
  elsif tg_op = 'DELETE' then
    insert into audit_stale_family (family_id) select distinct family_id from old_rows on conflict do nothing;
  elsif tg_table_name = 'person' then
    insert into audit_stale_family (family_id)
      select distinct ms.family_id from member_support ms
      where ms.person_id in (
        select n.id from new_rows n join old_rows o on o.id = n.id
        where (n.date_of_birth, n.approximate_age, n.approximate_age_on, n.gender, n.postcode)
          is distinct from (o.date_of_birth, o.approximate_age, o.approximate_age_on, o.gender, o.postcode))
      on conflict do nothing;
  elsif tg_table_name = 'family' then
    insert into audit_stale_family (family_id)
      select n.id from new_rows n join old_rows o on o.id = n.id
      where (n.partnership_area_id, n.locality_id) is distinct from (o.partnership_area_id, o.locality_id)
      on conflict do nothing;
  elsif tg_table_name = 'member_support' then
    insert into audit_stale_family (family_id)
      select n.family_id from new_rows n join old_rows o on o.id = n.id
      where (n.family_id, n.person_id, n.organisation_id, n.started_on, n.closed_on)
        is distinct from (o.family_id, o.person_id, o.organisation_id, o.started_on, o.closed_on)
      union select o.family_id from new_rows n join old_rows o on o.id = n.id where n.family_id <> o.family_id
      on conflict do nothing;
  elsif tg_table_name = 'family_membership' then
    insert into audit_stale_family (family_id)
      select n.family_id from new_rows n join old_rows o on o.id = n.id
      where (n.family_id, n.person_id, n.roles, n.ended_on) is distinct from (o.family_id, o.person_id, o.roles, o.ended_on)
      union select o.family_id from new_rows n join old_rows o on o.id = n.id where n.family_id <> o.family_id
      on conflict do nothing;
  else
    insert into audit_stale_family (family_id)
      select n.family_id from new_rows n join old_rows o on o.id = n.id
      where (n.family_id, n.from_person_id, n.to_person_id, n.kind, n.current)
        is distinct from (o.family_id, o.from_person_id, o.to_person_id, o.kind, o.current)
      union select o.family_id from new_rows n join old_rows o on o.id = n.id where n.family_id <> o.family_id
      on conflict do nothing;
  end if;
  return null;
end
$$;

-- A person's support rows, for the trigger above.
create index member_support_person_idx on member_support (person_id);

create trigger audit_stale_insert after insert on member_support
  referencing new table as new_rows for each statement execute function audit_mark_stale();
create trigger audit_stale_update after update on member_support
  referencing old table as old_rows new table as new_rows for each statement execute function audit_mark_stale();
create trigger audit_stale_delete after delete on member_support
  referencing old table as old_rows for each statement execute function audit_mark_stale();
create trigger audit_stale_insert after insert on family_membership
  referencing new table as new_rows for each statement execute function audit_mark_stale();
create trigger audit_stale_update after update on family_membership
  referencing old table as old_rows new table as new_rows for each statement execute function audit_mark_stale();
create trigger audit_stale_delete after delete on family_membership
  referencing old table as old_rows for each statement execute function audit_mark_stale();
create trigger audit_stale_insert after insert on relationship
  referencing new table as new_rows for each statement execute function audit_mark_stale();
create trigger audit_stale_update after update on relationship
  referencing old table as old_rows new table as new_rows for each statement execute function audit_mark_stale();
create trigger audit_stale_delete after delete on relationship
  referencing old table as old_rows for each statement execute function audit_mark_stale();
create trigger audit_stale_update after update on person
  referencing old table as old_rows new table as new_rows for each statement execute function audit_mark_stale();
create trigger audit_stale_update after update on family
  referencing old table as old_rows new table as new_rows for each statement execute function audit_mark_stale();

-- Every family is stale until the application first works them out.
insert into audit_stale_family (family_id) select id from family;

create table audit_contact_count (
  organisation_id uuid not null,
  -- Held by a volunteer or peer worker (the worker's volunteer role), or by paid staff.
  volunteer boolean not null,
  partnership_area_id uuid not null,
  locality_id uuid,
  -- The UK day the contact was held.
  day date not null,
  contacts integer not null,
  minutes bigint not null,
  -- A change appended by a trigger, not yet folded into the day's row.
  pending boolean not null default true
);
create unique index audit_contact_count_key on audit_contact_count
  (partnership_area_id, day, organisation_id, volunteer, locality_id) nulls not distinct where not pending;
create index audit_contact_count_pending_idx on audit_contact_count (partnership_area_id) where pending;

-- A contact counts when it went ahead and was not recorded in error.
create function audit_contact_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into audit_contact_count (organisation_id, volunteer, partnership_area_id, locality_id, day, contacts, minutes)
      select c.organisation_id, 'volunteer' = any(w.roles), f.partnership_area_id, f.locality_id,
        (c.occurred_at at time zone 'Europe/London')::date, count(*)::int, coalesce(sum(c.duration_minutes), 0)
      from new_rows c join family f on f.id = c.family_id join app_user w on w.id = c.worker_id
      where c.outcome = 'attended' and c.in_error_at is null
      group by 1, 2, 3, 4, 5;
  elsif tg_op = 'DELETE' then
    insert into audit_contact_count (organisation_id, volunteer, partnership_area_id, locality_id, day, contacts, minutes)
      select c.organisation_id, 'volunteer' = any(w.roles), f.partnership_area_id, f.locality_id,
        (c.occurred_at at time zone 'Europe/London')::date, -count(*)::int, -coalesce(sum(c.duration_minutes), 0)
      from old_rows c join family f on f.id = c.family_id join app_user w on w.id = c.worker_id
      where c.outcome = 'attended' and c.in_error_at is null
      group by 1, 2, 3, 4, 5;
  else
    -- Old rows out, new rows in; an edit that changes nothing counted appends nothing.
    insert into audit_contact_count (organisation_id, volunteer, partnership_area_id, locality_id, day, contacts, minutes)
      select c.organisation_id, 'volunteer' = any(w.roles), f.partnership_area_id, f.locality_id,
        (c.occurred_at at time zone 'Europe/London')::date, sum(c.sign)::int, coalesce(sum(c.sign * c.duration_minutes), 0)
      from (
        select o.*, -1 as sign from old_rows o where o.outcome = 'attended' and o.in_error_at is null
        union all
        select n.*, 1 from new_rows n where n.outcome = 'attended' and n.in_error_at is null
      ) c join family f on f.id = c.family_id join app_user w on w.id = c.worker_id
      group by 1, 2, 3, 4, 5
      having sum(c.sign) <> 0 or coalesce(sum(c.sign * c.duration_minutes), 0) <> 0;
  end if;
  return null;
end
$$;

create trigger audit_contact_insert after insert on contact
  referencing new table as new_rows for each statement execute function audit_contact_change();
create trigger audit_contact_update after update on contact
  referencing old table as old_rows new table as new_rows for each statement execute function audit_contact_change();
create trigger audit_contact_delete after delete on contact
  referencing old table as old_rows for each statement execute function audit_contact_change();

-- A family moving area or locality takes its contacts with it.
create function audit_contact_family_moved() returns trigger language plpgsql as $$
begin
  insert into audit_contact_count (organisation_id, volunteer, partnership_area_id, locality_id, day, contacts, minutes)
    select c.organisation_id, 'volunteer' = any(w.roles), m.partnership_area_id, m.locality_id,
      (c.occurred_at at time zone 'Europe/London')::date, sum(m.sign)::int, coalesce(sum(m.sign * c.duration_minutes), 0)
    from (
      select o.id, o.partnership_area_id, o.locality_id, -1 as sign
      from old_rows o join new_rows n on n.id = o.id
      where (n.partnership_area_id, n.locality_id) is distinct from (o.partnership_area_id, o.locality_id)
      union all
      select n.id, n.partnership_area_id, n.locality_id, 1
      from old_rows o join new_rows n on n.id = o.id
      where (n.partnership_area_id, n.locality_id) is distinct from (o.partnership_area_id, o.locality_id)
    ) m join contact c on c.family_id = m.id join app_user w on w.id = c.worker_id
    where c.outcome = 'attended' and c.in_error_at is null
    group by 1, 2, 3, 4, 5;
  return null;
end
$$;

create trigger audit_contact_family_update after update on family
  referencing old table as old_rows new table as new_rows for each statement execute function audit_contact_family_moved();

-- A worker given or losing the volunteer role takes their contacts to the other side.
create function audit_contact_worker_changed() returns trigger language plpgsql as $$
begin
  insert into audit_contact_count (organisation_id, volunteer, partnership_area_id, locality_id, day, contacts, minutes)
    select c.organisation_id, m.volunteer, f.partnership_area_id, f.locality_id,
      (c.occurred_at at time zone 'Europe/London')::date, sum(m.sign)::int, coalesce(sum(m.sign * c.duration_minutes), 0)
    from (
      select o.id, 'volunteer' = any(o.roles) as volunteer, -1 as sign
      from old_rows o join new_rows n on n.id = o.id
      where ('volunteer' = any(n.roles)) <> ('volunteer' = any(o.roles))
      union all
      select n.id, 'volunteer' = any(n.roles), 1
      from old_rows o join new_rows n on n.id = o.id
      where ('volunteer' = any(n.roles)) <> ('volunteer' = any(o.roles))
    ) m join contact c on c.worker_id = m.id join family f on f.id = c.family_id
    where c.outcome = 'attended' and c.in_error_at is null
    group by 1, 2, 3, 4, 5;
  return null;
end
$$;

create trigger audit_contact_worker_update after update on app_user
  referencing old table as old_rows new table as new_rows for each statement execute function audit_contact_worker_changed();

-- Worked out again from the contacts themselves, with contacts readable but not changeable meanwhile.
create function audit_contact_count_rebuild() returns void language plpgsql as $$
begin
  lock table contact in share mode;
  lock table family in share mode;
  lock table app_user in share mode;
  delete from audit_contact_count;
  insert into audit_contact_count (organisation_id, volunteer, partnership_area_id, locality_id, day, contacts, minutes, pending)
    select c.organisation_id, 'volunteer' = any(w.roles), f.partnership_area_id, f.locality_id,
      (c.occurred_at at time zone 'Europe/London')::date, count(*)::int, coalesce(sum(c.duration_minutes), 0), false
    from contact c join family f on f.id = c.family_id join app_user w on w.id = c.worker_id
    where c.outcome = 'attended' and c.in_error_at is null
    group by 1, 2, 3, 4, 5;
end
$$;

select audit_contact_count_rebuild();
