-- The family plan: shared family goals and each member's own goals in the
-- family's words, actions with an owner and a date, the family's agreement,
-- reviews with progress on each goal, and meetings of the team around the family.

-- One current plan per family. Its version moves on with every change to the
-- plan itself; goals and actions keep their own versions for editing at once.
create table family_plan (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  -- How often the team reviews the plan, in weeks (12 unless the team sets another).
  review_every_weeks integer not null default 12 check (review_every_weeks between 1 and 52),
  agreed_on date,
  -- The members who took part in agreeing the plan.
  agreed_with uuid[] not null default '{}',
  next_review_on date,
  created_by uuid references app_user (id),
  organisation_id uuid references organisation (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (agreed_on is not null or cardinality(agreed_with) = 0)
);
create unique index family_plan_family_key on family_plan (family_id);
-- Overdue reviews on the home page: plans whose next review has passed.
create index family_plan_next_review_idx on family_plan (next_review_on, family_id) where next_review_on is not null;

-- A goal of the whole family (person_id null) or of one member, in the family's words.
create table plan_goal (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references family_plan (id),
  family_id uuid not null references family (id),
  person_id uuid references person (id),
  family_words text not null check (length(family_words) between 1 and 500),
  worker_words text check (length(worker_words) <= 500),
  status text not null default 'open' check (status in ('open', 'achieved', 'no_longer_needed')),
  position integer not null default 0,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index plan_goal_plan_idx on plan_goal (plan_id, position, created_at);
create index plan_goal_family_person_idx on plan_goal (family_id, person_id);

create table team_meeting (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  held_on date not null,
  family_present boolean not null,
  -- Family members who were there, and the organisations and workers who attended.
  members_present uuid[] not null default '{}',
  organisations_present uuid[] not null default '{}',
  workers_present uuid[] not null default '{}',
  others_present text check (length(others_present) <= 500),
  discussed text not null check (length(discussed) between 1 and 4000),
  decisions text check (length(decisions) <= 4000),
  recorded_by uuid references app_user (id),
  organisation_id uuid references organisation (id),
  created_at timestamptz not null default now(),
  check (family_present or cardinality(members_present) = 0)
);
create index team_meeting_family_idx on team_meeting (family_id, held_on desc, created_at desc);

-- Who does what by when. The owner is a family member, a worker or an organisation.
create table plan_action (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references family_plan (id),
  family_id uuid not null references family (id),
  goal_id uuid references plan_goal (id),
  what text not null check (length(what) between 1 and 500),
  owner_kind text not null check (owner_kind in ('member', 'worker', 'organisation')),
  owner_person_id uuid references person (id),
  owner_user_id uuid references app_user (id),
  owner_organisation_id uuid references organisation (id),
  due_on date not null,
  status text not null default 'not_started'
    check (status in ('not_started', 'in_progress', 'done', 'no_longer_needed')),
  -- Set when the action was agreed at a meeting of the team around the family.
  meeting_id uuid references team_meeting (id),
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check ((owner_kind = 'member') = (owner_person_id is not null)),
  check ((owner_kind = 'worker') = (owner_user_id is not null)),
  check (owner_kind <> 'organisation' or owner_organisation_id is not null)
);
create index plan_action_plan_idx on plan_action (plan_id, due_on, created_at);
create index plan_action_goal_idx on plan_action (goal_id);
create index plan_action_meeting_idx on plan_action (meeting_id);
create index plan_action_person_idx on plan_action (owner_person_id);
-- Overdue actions on the home page: a worker's own, and an organisation's for its team lead.
create index plan_action_open_user_idx on plan_action (owner_user_id, due_on)
  where status in ('not_started', 'in_progress');
create index plan_action_family_idx on plan_action (family_id, due_on);

create table plan_review (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references family_plan (id),
  family_id uuid not null references family (id),
  held_on date not null,
  decisions text check (length(decisions) <= 4000),
  next_review_on date not null check (next_review_on > held_on),
  recorded_by uuid references app_user (id),
  organisation_id uuid references organisation (id),
  created_at timestamptz not null default now()
);
create index plan_review_plan_idx on plan_review (plan_id, held_on, created_at);
create index plan_review_family_idx on plan_review (family_id);

-- Progress on one goal at one review, on a scale of 0 (not started) to 10 (achieved).
create table plan_progress (
  id uuid primary key default gen_random_uuid(),
  review_id uuid not null references plan_review (id),
  goal_id uuid not null references plan_goal (id),
  family_id uuid not null references family (id),
  score integer not null check (score between 0 and 10),
  comment text check (length(comment) <= 1000)
);
create unique index plan_progress_key on plan_progress (review_id, goal_id);
create index plan_progress_goal_idx on plan_progress (goal_id);
create index plan_progress_family_idx on plan_progress (family_id);

-- The home page's overdue list finds a lead professional's families by user
-- (only the current lead of each family was indexed), and a team lead's
-- overdue actions from the actions past their date.
create index lead_professional_user_idx on lead_professional (user_id) where ended_on is null;
create index plan_action_open_due_idx on plan_action (due_on, family_id)
  where status in ('not_started', 'in_progress');
