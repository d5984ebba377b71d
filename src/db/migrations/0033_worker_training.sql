-- Training a practice worker has done for working with families: family-
-- inclusive practice, a whole family approach, trauma-informed practice at a
-- National Trauma Training Programme level, and other courses. A team lead
-- records it; the provision audit's workforce table counts it. A record made
-- in error is withdrawn, with the reason, rather than deleted.
create table worker_training (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  organisation_id uuid not null references organisation (id),
  topic text not null check (topic in ('family_inclusive_practice', 'whole_family_approach', 'trauma_practice', 'other')),
  -- The National Trauma Training Programme level, for trauma-informed practice only.
  trauma_level text check (trauma_level in ('informed', 'skilled', 'enhanced', 'specialist')),
  course text not null check (length(course) between 1 and 200),
  provider text check (length(provider) between 1 and 200),
  completed_on date not null,
  -- When the training should be refreshed, if it should.
  renew_by date,
  recorded_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  withdrawn_at timestamptz,
  withdrawn_by uuid references app_user (id),
  withdrawn_reason text check (length(withdrawn_reason) between 1 and 500),
  check ((topic = 'trauma_practice') = (trauma_level is not null)),
  check (renew_by is null or renew_by > completed_on),
  check ((withdrawn_at is null) = (withdrawn_reason is null))
);
create index worker_training_organisation_idx on worker_training (organisation_id, user_id)
  where withdrawn_at is null;
create index worker_training_user_idx on worker_training (user_id, completed_on desc);
