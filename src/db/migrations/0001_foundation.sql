-- Foundation: partnership areas, organisations, users, sessions, API tokens,
-- the append-only audit trail, and the core of the family record that the
-- access pattern protects.

create table partnership_area (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  council_area text not null,
  created_at timestamptz not null default now()
);

create table locality (
  id uuid primary key default gen_random_uuid(),
  partnership_area_id uuid not null references partnership_area (id),
  name text not null,
  unique (partnership_area_id, name)
);

create table organisation (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  kind text not null check (kind in ('nhs', 'local_authority', 'third_sector', 'community')),
  partnership_area_id uuid not null references partnership_area (id),
  created_at timestamptz not null default now()
);
create index organisation_area_idx on organisation (partnership_area_id);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  email text not null,
  display_name text not null,
  roles text[] not null check (
    cardinality(roles) > 0
    and roles <@ array['practitioner', 'volunteer', 'team_lead', 'org_admin', 'partnership_lead', 'system_admin']
  ),
  password_hash text,
  status text not null default 'invited' check (status in ('invited', 'active', 'deactivated')),
  created_at timestamptz not null default now(),
  password_changed_at timestamptz,
  deactivated_at timestamptz
);
create unique index app_user_email_key on app_user (lower(email));
create index app_user_organisation_idx on app_user (organisation_id);

create table user_invitation (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user (id),
  token_hash text not null unique,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index user_invitation_user_idx on user_invitation (user_id);

create table user_session (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz,
  end_reason text
);
create index user_session_open_idx on user_session (user_id) where ended_at is null;

-- Failed sign-ins, for throttling by account and by address. The email is
-- stored only as a keyed hash.
create table sign_in_failure (
  id bigint generated always as identity primary key,
  email_hash text not null,
  ip text not null,
  at timestamptz not null default now()
);
create index sign_in_failure_email_idx on sign_in_failure (email_hash, at);
create index sign_in_failure_ip_idx on sign_in_failure (ip, at);

create table api_token (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  name text not null,
  token_hash text not null unique,
  token_prefix text not null,
  roles text[] not null default array['practitioner'],
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references app_user (id)
);
create index api_token_organisation_idx on api_token (organisation_id);

-- Every read and write of personal data, and every sign-in. Append-only:
-- the triggers below refuse updates, deletes and truncation.
create table audit_event (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id uuid,
  actor_token_id uuid,
  organisation_id uuid,
  action text not null,
  outcome text not null default 'success' check (outcome in ('success', 'denied', 'failure')),
  record_type text,
  record_id text,
  family_id uuid,
  ip text,
  request_id text,
  reason text,
  detail jsonb
);
create index audit_event_organisation_idx on audit_event (organisation_id, at desc);
create index audit_event_actor_idx on audit_event (actor_user_id, at desc);
create index audit_event_family_idx on audit_event (family_id, at desc);

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only';
end
$$;
create trigger audit_event_no_update_or_delete before update or delete on audit_event
  for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_append_only();

-- The family record's core. A family is whoever is affected; a person is
-- one record and may belong to more than one family.
create table family (
  id uuid primary key default gen_random_uuid(),
  reference text not null unique,
  name text not null,
  partnership_area_id uuid not null references partnership_area (id),
  locality_id uuid references locality (id),
  status text not null default 'open' check (status in ('open', 'closed')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index family_area_idx on family (partnership_area_id);

create table person (
  id uuid primary key default gen_random_uuid(),
  given_name text not null,
  family_name text,
  preferred_name text,
  date_of_birth date,
  postcode text,
  created_at timestamptz not null default now()
);

create table family_membership (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null references family (id),
  person_id uuid not null references person (id),
  relationship_label text,
  roles text[] not null default array[]::text[],
  started_on date not null default current_date,
  ended_on date
);
create index family_membership_family_idx on family_membership (family_id);
create index family_membership_person_idx on family_membership (person_id);

-- The team around the family: which organisations work with it. Access to
-- a family's personal data follows this table.
create table family_team_member (
  family_id uuid not null references family (id),
  organisation_id uuid not null references organisation (id),
  lead_worker_id uuid references app_user (id),
  joined_on date not null default current_date,
  left_on date,
  primary key (family_id, organisation_id)
);
create index family_team_member_organisation_idx on family_team_member (organisation_id, family_id) where left_on is null;
