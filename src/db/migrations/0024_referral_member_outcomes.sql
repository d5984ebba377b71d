-- A referral decided member by member: some of its members passed on to
-- another service (a new referral for them, redirected from this one) or
-- declined, each with why, while the receiving service keeps the rest. The
-- members decided are taken out of referral_member: what stays there is who
-- the referral is still for.
create table referral_member_outcome (
  id uuid primary key default gen_random_uuid(),
  referral_id uuid not null references referral (id) on delete cascade,
  person_id uuid not null references person (id),
  outcome text not null check (outcome in ('passed_on', 'declined')),
  -- The new referral they were passed on in.
  passed_to_id uuid references referral (id),
  reason text not null check (length(reason) between 1 and 2000),
  -- Where they could go instead, in plain words.
  suggestion text check (length(suggestion) <= 1000),
  decided_at timestamptz not null default now(),
  decided_by uuid references app_user (id),
  unique (referral_id, person_id),
  check ((outcome = 'passed_on') = (passed_to_id is not null))
);
create index referral_member_outcome_passed_idx on referral_member_outcome (passed_to_id)
  where passed_to_id is not null;
