-- Whether a person has one support row in `audit_support` and no other, in
-- any family. Such a row can be counted as one person straight away; only
-- people with more than one row need their rows made one first, which is what
-- made counting people slow. False is always safe (those rows are made one as
-- before); `refreshAuditFacts` sets it for every person whose rows it touched.
alter table audit_support add column single boolean not null default false;
create index audit_support_person_idx on audit_support (person_id);
update audit_support s set single = true
where not exists (select 1 from audit_support o where o.person_id = s.person_id and o.support_id <> s.support_id);

-- The birth date and the date an approximate age was given as whole numbers
-- (yyyymmdd): a person's age in years on a day is then (that day's number -
-- this one) / 10000, far cheaper for every row of a count than age().
alter table audit_support
  add column birth_day integer generated always as (
    (extract(year from date_of_birth) * 10000 + extract(month from date_of_birth) * 100
      + extract(day from date_of_birth))::integer) stored,
  add column approximate_day integer generated always as (
    (extract(year from approximate_age_on) * 10000 + extract(month from approximate_age_on) * 100
      + extract(day from approximate_age_on))::integer) stored;
