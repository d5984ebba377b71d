-- The whole-family assessment: one per family at a time, kept in numbered
-- versions (draft, completed, superseded), a section for each member who
-- takes part and one for the whole family, and each organisation's
-- contribution to a section side by side. Risks and protection concerns and
-- carers' support offers belong to the family and outlive any one version.

create table assessment (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  -- The assessment's own numbering, shown as "version 1, 2, …" (not the edit lock below).
  edition integer not null check (edition >= 1),
  status text not null default 'draft' check (status in ('draft', 'completed', 'superseded')),
  copied_from_id uuid references assessment (id),
  started_by uuid references app_user (id),
  started_by_organisation_id uuid references organisation (id),
  started_at timestamptz not null default now(),
  completed_by uuid references app_user (id),
  completed_at timestamptz,
  superseded_at timestamptz,
  updated_at timestamptz not null default now(),
  -- Optimistic lock for edits (src/platform/concurrency).
  version integer not null default 1,
  unique (family_id, edition),
  check ((status = 'draft') = (completed_at is null))
);
-- At most one draft and one completed version per family at any time.
create unique index assessment_one_draft_idx on assessment (family_id) where status = 'draft';
create unique index assessment_one_completed_idx on assessment (family_id) where status = 'completed';
create index assessment_copied_from_idx on assessment (copied_from_id);
create index assessment_started_by_idx on assessment (started_by);
create index assessment_completed_by_idx on assessment (completed_by);
create index assessment_started_by_organisation_idx on assessment (started_by_organisation_id);

create table assessment_section (
  id uuid primary key default gen_random_uuid(),
  assessment_id uuid not null references assessment (id),
  family_id uuid not null references family (id),
  -- Null for the whole-family section.
  person_id uuid references person (id),
  kind text not null check (kind in ('family', 'child', 'adult')),
  check ((kind = 'family') = (person_id is null))
);
create unique index assessment_section_member_idx on assessment_section (assessment_id, person_id)
  where person_id is not null;
create unique index assessment_section_family_idx on assessment_section (assessment_id) where person_id is null;
create index assessment_section_assessment_idx on assessment_section (assessment_id);
create index assessment_section_family_person_idx on assessment_section (family_id, person_id);
create index assessment_section_person_idx on assessment_section (person_id);

-- One organisation's part of one section. The answers are a flat object of
-- question name to text, defined and checked by assessmentQuestions.ts, so a
-- version comparison and an edit conflict compare the same field names.
create table assessment_contribution (
  id uuid primary key default gen_random_uuid(),
  section_id uuid not null references assessment_section (id),
  assessment_id uuid not null references assessment (id),
  family_id uuid not null references family (id),
  organisation_id uuid not null references organisation (id),
  answers jsonb not null default '{}' check (jsonb_typeof(answers) = 'object'),
  written_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  unique (section_id, organisation_id)
);
create index assessment_contribution_assessment_idx on assessment_contribution (assessment_id);
create index assessment_contribution_family_idx on assessment_contribution (family_id);
create index assessment_contribution_organisation_idx on assessment_contribution (organisation_id);
create index assessment_contribution_written_by_idx on assessment_contribution (written_by);

create table assessment_concern (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  -- The assessment version it was recorded in, when it was recorded in one.
  assessment_id uuid references assessment (id),
  -- Who it is about; null for the whole family.
  person_id uuid references person (id),
  kind text not null check (kind in ('child_protection', 'domestic_abuse', 'adult_support_protection', 'mental_health_crisis')),
  description text not null check (length(description) between 1 and 2000),
  action_taken text not null check (length(action_taken) between 1 and 500),
  action_on date not null,
  status text not null default 'open' check (status in ('open', 'closed')),
  closed_on date,
  organisation_id uuid not null references organisation (id),
  recorded_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check ((status = 'closed') = (closed_on is not null))
);
-- The overview reads a family's open concerns.
create index assessment_concern_family_idx on assessment_concern (family_id, status, action_on desc);
create index assessment_concern_person_idx on assessment_concern (person_id);
create index assessment_concern_assessment_idx on assessment_concern (assessment_id);
create index assessment_concern_organisation_idx on assessment_concern (organisation_id);
create index assessment_concern_recorded_by_idx on assessment_concern (recorded_by);

-- Carers (Scotland) Act 2016: an Adult Carer Support Plan or Young Carer
-- Statement offered to a carer, and what they decided. Append-only: a later
-- row (accepted, declined) follows the offer.
create table carer_support_offer (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  person_id uuid not null references person (id),
  kind text not null check (kind in ('adult_carer_support_plan', 'young_carer_statement')),
  outcome text not null check (outcome in ('offered', 'accepted', 'declined')),
  decided_on date not null,
  note text check (length(note) <= 500),
  organisation_id uuid not null references organisation (id),
  recorded_by uuid references app_user (id),
  created_at timestamptz not null default now()
);
create index carer_support_offer_family_idx on carer_support_offer (family_id, person_id, decided_on desc);
create index carer_support_offer_person_idx on carer_support_offer (person_id);
create index carer_support_offer_organisation_idx on carer_support_offer (organisation_id);
create index carer_support_offer_recorded_by_idx on carer_support_offer (recorded_by);
