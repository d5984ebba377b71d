-- Support delivery: contacts and sessions with family members, groups with
-- registers, structured programmes with enrolments, and caseload limits.

-- A contact: one-to-one, whole-family, joint with another agency, or
-- information and guidance, with one or several members of one family.
create table contact (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  organisation_id uuid not null references organisation (id),
  -- The worker who held the contact (usually the one recording it).
  worker_id uuid not null references app_user (id),
  occurred_at timestamptz not null,
  kind text not null check (kind in ('one_to_one', 'whole_family', 'joint_agency', 'information_guidance')),
  -- For a joint contact: the other agency.
  joint_organisation_id uuid references organisation (id),
  channel text not null check (channel in ('in_person', 'home_visit', 'phone', 'video', 'text_chat')),
  duration_minutes integer check (duration_minutes between 1 and 600),
  outcome text not null
    check (outcome in ('attended', 'did_not_attend', 'cancelled_by_family', 'cancelled_by_service')),
  -- Topics from Hearth's list (contactTopics.ts), plus free text.
  topics text[] not null default '{}',
  notes text check (length(notes) <= 8000),
  follow_up text check (length(follow_up) <= 2000),
  -- Notes confidential to the member's own worker: others see that a contact happened, not what was said.
  confidential boolean not null default false,
  -- Significant contacts also write a chronology entry.
  significant boolean not null default false,
  chronology_entry_id uuid references chronology_entry (id),
  -- A session that counts toward a member's structured programme.
  enrolment_id uuid,
  recorded_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (kind <> 'joint_agency' or joint_organisation_id is not null)
);
-- The family's contacts, newest first, and its last contact.
create index contact_family_idx on contact (family_id, occurred_at desc);
-- A worker's own contacts (home page, caseload).
create index contact_worker_idx on contact (worker_id, occurred_at desc);
create index contact_enrolment_idx on contact (enrolment_id) where enrolment_id is not null;

-- Which members took part in a contact.
create table contact_member (
  contact_id uuid not null references contact (id),
  person_id uuid not null references person (id),
  family_id uuid not null references family (id),
  primary key (contact_id, person_id)
);
create index contact_member_person_idx on contact_member (family_id, person_id);

-- A group an organisation runs: a family support group, a young people's
-- group, a programme group, or mutual aid.
create table support_group (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('family_support', 'young_people', 'programme', 'mutual_aid')),
  -- Who the group is for, in plain words.
  for_whom text not null check (length(for_whom) between 1 and 500),
  location text not null check (length(location) between 1 and 300),
  -- When it meets, in plain words ("Tuesdays, 7pm to 8.30pm").
  meets text not null check (length(meets) between 1 and 200),
  weekday smallint check (weekday between 1 and 7),
  capacity integer check (capacity between 1 and 500),
  -- How attendees are recorded: linked to family records, or first names only, or anonymous counts allowed too.
  attendance text not null default 'named' check (attendance in ('named', 'first_name', 'anonymous')),
  programme_id uuid,
  active boolean not null default true,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index support_group_organisation_idx on support_group (organisation_id, active, name);

-- Who facilitates a group: a Hearth user, or someone named who is not.
create table group_facilitator (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references support_group (id),
  user_id uuid references app_user (id),
  name text check (length(name) <= 200),
  kind text not null check (kind in ('paid', 'volunteer', 'peer')),
  check (user_id is not null or name is not null)
);
create index group_facilitator_group_idx on group_facilitator (group_id);
create index group_facilitator_user_idx on group_facilitator (user_id) where user_id is not null;

-- One meeting of a group, with its register.
create table group_session (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references support_group (id),
  held_on date not null,
  starts_at time,
  topic text check (length(topic) <= 500),
  notes text check (length(notes) <= 4000),
  -- People who came but are recorded by number only, where the group works that way.
  anonymous_count integer not null default 0 check (anonymous_count between 0 and 500),
  over_capacity boolean not null default false,
  recorded_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index group_session_group_idx on group_session (group_id, held_on desc);
create index group_session_held_idx on group_session (held_on);

-- The register: a member linked to their family record, or a first name only.
create table group_attendance (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references group_session (id),
  person_id uuid references person (id),
  family_id uuid references family (id),
  first_name text check (length(first_name) between 1 and 100),
  created_at timestamptz not null default now(),
  check ((person_id is not null and family_id is not null) or first_name is not null)
);
create index group_attendance_session_idx on group_attendance (session_id);
create unique index group_attendance_person_key on group_attendance (session_id, person_id) where person_id is not null;
create index group_attendance_person_idx on group_attendance (person_id) where person_id is not null;

-- The catalogue of structured programmes and their shape. Rows with no
-- organisation are Hearth's own catalogue; an organisation can add its own.
create table programme (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid references organisation (id),
  code text not null unique check (code ~ '^[a-z0-9-]{2,60}$'),
  name text not null check (length(name) between 1 and 200),
  summary text not null check (length(summary) between 1 and 1000),
  format text not null check (format in ('one_to_one', 'group', 'mixed')),
  -- Sessions in the programme's shape; null when open-ended.
  sessions_planned integer check (sessions_planned between 1 and 100),
  session_length_minutes integer check (session_length_minutes between 5 and 600),
  delivered_by text not null check (length(delivered_by) between 1 and 300),
  age_from integer check (age_from between 0 and 120),
  age_to integer check (age_to between 0 and 120),
  active boolean not null default true,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  check (age_from is null or age_to is null or age_from <= age_to)
);
create index programme_organisation_idx on programme (organisation_id);
alter table support_group add foreign key (programme_id) references programme (id);

-- The workers trained to deliver a programme (the workforce view reads this too).
create table programme_trained_worker (
  programme_id uuid not null references programme (id),
  user_id uuid not null references app_user (id),
  trained_on date,
  recorded_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  primary key (programme_id, user_id)
);
create index programme_trained_worker_user_idx on programme_trained_worker (user_id);

-- A member's enrolment in a programme, and how it ended.
create table programme_enrolment (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  family_id uuid not null references family (id),
  person_id uuid not null references person (id),
  organisation_id uuid not null references organisation (id),
  worker_id uuid references app_user (id),
  -- For a group programme: the group the member attends.
  group_id uuid references support_group (id),
  enrolled_on date not null,
  status text not null default 'active' check (status in ('active', 'completed', 'ended_early')),
  ended_on date,
  end_reason text check (length(end_reason) <= 500),
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (status = 'active' or ended_on is not null),
  check (status <> 'ended_early' or end_reason is not null)
);
create index programme_enrolment_family_idx on programme_enrolment (family_id, person_id);
create index programme_enrolment_worker_idx on programme_enrolment (worker_id) where status = 'active';
alter table contact add foreign key (enrolment_id) references programme_enrolment (id);

-- A member's support weighted for complexity (1 standard, 2 complex, 3 very complex) in caseloads.
alter table member_support add column weight smallint not null default 1 check (weight between 1 and 3);

-- The caseload limit a team lead sets for each worker, in weighted members.
create table caseload_limit (
  user_id uuid primary key references app_user (id),
  organisation_id uuid not null references organisation (id),
  max_weight integer not null check (max_weight between 1 and 200),
  set_by uuid references app_user (id),
  updated_at timestamptz not null default now()
);
-- Unallocated work of an organisation (support with no worker yet).
create index member_support_unallocated_idx on member_support (organisation_id, created_at)
  where worker_id is null and status <> 'closed';

-- Hearth's own catalogue of structured programmes (DOMAIN.md, "Structured programmes").
insert into programme (code, name, summary, format, sessions_planned, session_length_minutes, delivered_by, age_from, age_to)
values
  ('5-step-method', '5-Step Method',
   'One-to-one support for an adult family member: hearing their story, information, ways of coping, social support and further help.',
   'one_to_one', 5, 60, 'Any trained practitioner', 18, null),
  ('craft', 'CRAFT (Community Reinforcement and Family Training)',
   'One-to-one sessions with a concerned family member, for their own wellbeing and to help their loved one towards treatment.',
   'one_to_one', 12, 60, 'Trained clinician', 18, null),
  ('smart-family-friends', 'SMART Recovery Family & Friends',
   'A weekly facilitated mutual-aid group, often online, for people affected by a loved one''s substance use.',
   'group', null, 90, 'Trained facilitators, often volunteers with family experience', 18, null),
  ('strengthening-families-10-14', 'Strengthening Families 10-14',
   'Seven weekly two-hour sessions where parents and young people meet apart, then together; up to four boosters.',
   'group', 7, 120, 'At least three trained group leaders', 10, 14),
  ('youth-support', 'Youth support',
   'One-to-one support, groups and activities for young people affected by a family member''s substance use.',
   'mixed', null, 60, 'Youth workers', 8, 25),
  ('mutual-aid', 'Mutual aid (peer groups)',
   'Peer groups such as Al-Anon where family members support one another.',
   'group', null, 90, 'Peers', 12, null);
