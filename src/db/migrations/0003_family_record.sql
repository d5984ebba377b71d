-- The whole-family record: members in their own right, relationships,
-- consent, support, the team around the family, chronology and history.

create extension if not exists pg_trgm;

-- People ------------------------------------------------------------------

alter table person
  add column pronouns text,
  -- When only an age is known: the age given and the day it was given.
  add column approximate_age integer check (approximate_age between 0 and 120),
  add column approximate_age_on date,
  add column gender text,
  add column ethnicity text,
  add column first_language text,
  add column interpreter_needed boolean not null default false,
  add column phone text,
  add column email text,
  add column address text,
  -- Withheld: only named workers on the member's team see the address.
  add column address_withheld boolean not null default false,
  -- Contact safety: null means not asked yet.
  add column safe_to_phone boolean,
  add column safe_to_text boolean,
  add column safe_to_write boolean,
  add column safe_to_visit boolean,
  add column safe_times text,
  add column contact_safety_note text,
  -- Set when a team lead merged this record into another; it then stays only for history.
  add column merged_into_id uuid references person (id),
  add column merged_at timestamptz,
  add column updated_at timestamptz not null default now(),
  add column version integer not null default 1,
  add constraint person_birth_or_age check (date_of_birth is null or approximate_age is null);

-- Name search tolerant of spelling, and postcode search without spaces.
create index person_name_trgm_idx on person using gin (
  (lower(coalesce(given_name, '') || ' ' || coalesce(preferred_name, '') || ' ' || coalesce(family_name, ''))) gin_trgm_ops
);
create index person_postcode_idx on person (upper(replace(postcode, ' ', '')));
create index person_birth_idx on person (date_of_birth);

-- Memberships -------------------------------------------------------------

alter table family_membership
  add column lives_in_household boolean,
  -- 'yes', 'no' or 'unknown': whether they are in contact with any service themselves.
  add column in_contact_with_services text not null default 'unknown'
    check (in_contact_with_services in ('yes', 'no', 'unknown')),
  add column end_reason text,
  add column created_at timestamptz not null default now(),
  add column version integer not null default 1,
  add constraint family_membership_roles_check check (
    roles <@ array['using_substances', 'affected_family_member', 'child_or_young_person', 'young_carer',
                   'adult_carer', 'bereaved']
  ),
  add constraint family_membership_dates_check check (ended_on is null or ended_on >= started_on);
create unique index family_membership_current_key on family_membership (family_id, person_id) where ended_on is null;

-- Relationships -------------------------------------------------------------

-- Directed: from_person is <kind> to_person ("Agnes is grandparent of Liam").
-- Asymmetric kinds are stored one way only; their inverse is shown from the other side.
create table relationship (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  from_person_id uuid not null references person (id),
  to_person_id uuid not null references person (id),
  kind text not null check (kind in ('parent_of', 'partner_of', 'ex_partner_of', 'grandparent_of',
    'sibling_of', 'kinship_carer_for', 'friend_of', 'neighbour_of')),
  quality text check (quality in ('supportive', 'mixed', 'strained', 'harmful')),
  current boolean not null default true,
  note text,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (from_person_id <> to_person_id)
);
create index relationship_family_idx on relationship (family_id);
-- One relationship of a kind between two people in a family, whichever way round it was entered.
create unique index relationship_pair_key on relationship (
  family_id, kind, least(from_person_id, to_person_id), greatest(from_person_id, to_person_id)
);

-- Support: each member's own support with an organisation -----------------

create table member_support (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  person_id uuid not null references person (id),
  organisation_id uuid not null references organisation (id),
  status text not null default 'not_started' check (status in ('not_started', 'being_supported', 'closed')),
  closed_reason text,
  worker_id uuid references app_user (id),
  -- Confidential: other organisations' workers see the person is a member, not their support.
  confidential boolean not null default false,
  started_on date,
  closed_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (status <> 'closed' or closed_reason is not null)
);
create unique index member_support_key on member_support (family_id, person_id, organisation_id);
create index member_support_organisation_idx on member_support (organisation_id, family_id);
create index member_support_worker_idx on member_support (worker_id) where status <> 'closed';

-- Consent: a member's agreement to share their information with an organisation.

create table consent (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  person_id uuid not null references person (id),
  organisation_id uuid not null references organisation (id),
  status text not null check (status in ('given', 'refused', 'withdrawn')),
  scope text not null,
  method text check (method in ('verbal', 'written')),
  -- A child's or young person's own view, in their words where possible.
  own_view text,
  recorded_by uuid references app_user (id),
  recorded_at timestamptz not null default now(),
  review_on date,
  withdrawn_at timestamptz,
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (status <> 'given' or method is not null)
);
create unique index consent_key on consent (family_id, person_id, organisation_id);
create index consent_organisation_idx on consent (organisation_id, family_id) where status = 'given';

-- Team around the family ---------------------------------------------------

-- An organisation may leave and join again: one row per spell, one open at a time.
alter table family_team_member drop constraint family_team_member_pkey;
alter table family_team_member
  add column id uuid not null default gen_random_uuid() primary key,
  add column role text,
  add column contact text,
  add column created_at timestamptz not null default now();
create unique index family_team_member_current_key on family_team_member (family_id, organisation_id) where left_on is null;

-- Named workers on the team, for the family or for one member.
create table team_worker (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  organisation_id uuid not null references organisation (id),
  user_id uuid not null references app_user (id),
  person_id uuid references person (id),
  role text not null,
  contact text,
  joined_on date not null default current_date,
  left_on date,
  created_at timestamptz not null default now(),
  check (left_on is null or left_on >= joined_on)
);
create index team_worker_family_idx on team_worker (family_id);
create index team_worker_user_idx on team_worker (user_id) where left_on is null;

-- The lead professional, a dated role handed from one worker to the next.
create table lead_professional (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  user_id uuid not null references app_user (id),
  organisation_id uuid not null references organisation (id),
  started_on date not null default current_date,
  ended_on date,
  handover_note text,
  handed_over_by uuid references app_user (id),
  created_at timestamptz not null default now()
);
create unique index lead_professional_current_key on lead_professional (family_id) where ended_on is null;

-- Break glass: time-limited access against consent, for protection, with a reason.
create table break_glass (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  user_id uuid not null references app_user (id),
  organisation_id uuid not null references organisation (id),
  reason text not null,
  started_at timestamptz not null default now(),
  expires_at timestamptz not null,
  check (expires_at > started_at)
);
create index break_glass_user_idx on break_glass (user_id, family_id, expires_at);

-- Notices to an organisation's leads (break glass used, lead handed over).
create table notice (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  kind text not null,
  family_id uuid references family (id),
  about_user_id uuid references app_user (id),
  message text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  read_by uuid references app_user (id)
);
create index notice_organisation_idx on notice (organisation_id, created_at desc) where read_at is null;

-- Chronology ---------------------------------------------------------------

create table chronology_entry (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  -- The member it is about, or null for the family as a whole.
  person_id uuid references person (id),
  occurred_on date not null,
  -- For a period: its last day.
  occurred_until date,
  kind text not null default 'event' check (kind in ('event', 'strength', 'turning_point', 'concern')),
  what text not null,
  source text,
  impact text not null default 'neutral' check (impact in ('positive', 'negative', 'neutral')),
  action_taken text,
  -- Written by Hearth itself (member added, consent changed, joined the team).
  automatic boolean not null default false,
  -- Entries about a member's confidential support are seen by that organisation only.
  organisation_only boolean not null default false,
  recorded_by uuid references app_user (id),
  organisation_id uuid references organisation (id),
  created_at timestamptz not null default now(),
  check (occurred_until is null or occurred_until >= occurred_on)
);
create index chronology_family_idx on chronology_entry (family_id, occurred_on desc, created_at desc);

-- History: the old and new values of every amendment, and who made it.
create table record_change (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  family_id uuid references family (id),
  record_type text not null,
  record_id uuid not null,
  -- The member the record is about, if any.
  person_id uuid references person (id),
  action text not null check (action in ('created', 'amended', 'ended', 'merged')),
  changes jsonb not null,
  changed_by uuid references app_user (id),
  changed_by_token uuid references api_token (id),
  organisation_id uuid references organisation (id)
);
create index record_change_record_idx on record_change (record_type, record_id, at desc);
create index record_change_family_idx on record_change (family_id, at desc);

create trigger record_change_no_update_or_delete before update or delete on record_change
  for each row execute function audit_event_append_only();

-- Family access follows the team; family lists sort by recent change.
create index family_updated_idx on family (partnership_area_id, updated_at desc);
create index family_reference_upper_idx on family (upper(reference));
