-- The service directory: what family support exists, where, for whom and how
-- to get in; postcode places the operator loads; and what the public sends
-- from the finder (self-referrals, problems with a listing). Shaped to map
-- onto Open Referral UK (HSDS 3.0): service, location, service_at_location,
-- service_area, phone, schedule; the coded lists are Hearth's taxonomies
-- (src/features/directory/vocabulary.ts).

-- A service an organisation lists: one kind of support it offers.
create table directory_service (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  name text not null check (length(name) between 1 and 200),
  -- One line for the results list, in plain words.
  summary text not null check (length(summary) between 1 and 300),
  -- What they offer, in plain words.
  description text not null check (length(description) between 1 and 4000),
  url text check (length(url) <= 500),
  email text check (length(email) <= 254),
  status text not null default 'active' check (status in ('active', 'inactive')),
  -- Who it is for, kind of support, named programmes, how it is delivered and by whom: vocabulary codes.
  audiences text[] not null default '{}',
  minimum_age smallint check (minimum_age between 0 and 120),
  maximum_age smallint check (maximum_age between 0 and 120),
  support_kinds text[] not null default '{}',
  programmes text[] not null default '{}',
  delivery text[] not null default '{}',
  delivered_by text[] not null default '{}',
  -- ISO 639-1 codes of the languages support is given in.
  languages text[] not null default '{en}',
  accessibility text check (length(accessibility) <= 1000),
  free boolean not null default true,
  cost_note text check (length(cost_note) <= 500),
  -- How to get in: 'self' and/or 'professional'.
  referral_routes text[] not null default '{}',
  how_to_get_in text check (length(how_to_get_in) <= 1000),
  -- Self-referral from the public finder, and what the person is told happens next.
  self_referral boolean not null default false,
  what_happens_next text check (length(what_happens_next) <= 1000),
  capacity_note text check (length(capacity_note) <= 500),
  wait_weeks smallint check (wait_weeks between 0 and 104),
  wait_updated_on date,
  -- When someone last checked the whole listing was right (out of date after six months).
  last_checked_on date not null default current_date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (minimum_age is null or maximum_age is null or minimum_age <= maximum_age),
  check (wait_weeks is null or wait_updated_on is not null)
);
create index directory_service_organisation_idx on directory_service (organisation_id, name);
create index directory_service_checked_idx on directory_service (last_checked_on) where status = 'active';

-- A place where services are given.
create table directory_location (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  name text not null check (length(name) between 1 and 200),
  address_1 text not null check (length(address_1) between 1 and 200),
  address_2 text check (length(address_2) <= 200),
  city text not null check (length(city) between 1 and 100),
  postcode text not null check (length(postcode) between 5 and 8),
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  locality_id uuid references locality (id),
  accessibility text check (length(accessibility) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index directory_location_organisation_idx on directory_location (organisation_id, name);
-- Nearby places: a latitude band first, then distance.
create index directory_location_latitude_idx on directory_location (latitude, longitude);

create table directory_service_at_location (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references directory_service (id),
  location_id uuid not null references directory_location (id),
  unique (service_id, location_id)
);
create index directory_service_at_location_location_idx on directory_service_at_location (location_id);

-- The areas a service covers (home visits across a council area, say), or
-- 'scotland' / 'uk' for phone and online services available anywhere.
create table directory_service_area (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references directory_service (id),
  scope text not null check (scope in ('partnership_area', 'council_area', 'locality', 'scotland', 'uk')),
  partnership_area_id uuid references partnership_area (id),
  locality_id uuid references locality (id),
  council_area text check (length(council_area) <= 200),
  check (scope <> 'partnership_area' or partnership_area_id is not null),
  check (scope <> 'locality' or locality_id is not null),
  check (scope <> 'council_area' or council_area is not null)
);
create index directory_service_area_service_idx on directory_service_area (service_id);
create index directory_service_area_scope_idx on directory_service_area (scope, partnership_area_id, council_area);

create table directory_phone (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references directory_service (id),
  number text not null check (length(number) between 3 and 30),
  description text check (length(description) <= 200),
  position smallint not null default 0
);
create index directory_phone_service_idx on directory_phone (service_id, position);

-- Opening times: a weekday (1 Monday … 7 Sunday) with hours, at one of the
-- service's locations or for the service as a whole (a phone line).
create table directory_schedule (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references directory_service (id),
  location_id uuid references directory_location (id),
  weekday smallint not null check (weekday between 1 and 7),
  opens_at time not null,
  closes_at time not null,
  description text check (length(description) <= 200),
  check (opens_at < closes_at)
);
create index directory_schedule_service_idx on directory_schedule (service_id, weekday, opens_at);

-- Postcode places the operator loads (`npx hearth import-postcodes`): a full
-- postcode ('GM4 2LT') or an outcode ('GM4'), stored upper case with one space.
create table postcode_place (
  postcode text primary key check (length(postcode) between 2 and 8),
  kind text not null check (kind in ('postcode', 'outcode')),
  latitude double precision not null check (latitude between -90 and 90),
  longitude double precision not null check (longitude between -180 and 180),
  council_area text check (length(council_area) <= 200)
);

-- A self-referral from the public finder: personal data, read only by the
-- service's organisation until the referrals inbox takes it in.
create table self_referral (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references directory_service (id),
  organisation_id uuid not null references organisation (id),
  -- A name or first name only: what the person is happy to be called.
  name text not null check (length(name) between 1 and 100),
  -- Who they are (an audience code), when they say.
  audience text,
  -- How it is safe to get in touch: 'phone', 'text', 'email', or 'none' (they will get in touch themselves).
  contact_method text not null check (contact_method in ('phone', 'text', 'email', 'none')),
  phone text check (length(phone) <= 30),
  email text check (length(email) <= 254),
  safe_times text check (length(safe_times) <= 300),
  leave_message boolean not null default false,
  help_with text not null check (length(help_with) between 1 and 2000),
  status text not null default 'new' check (status in ('new', 'taken_in')),
  received_at timestamptz not null default now(),
  check (contact_method not in ('phone', 'text') or phone is not null),
  check (contact_method <> 'email' or email is not null)
);
create index self_referral_organisation_idx on self_referral (organisation_id, received_at desc);

-- "Report a problem with this listing": goes to the listing's organisation
-- and the partnership lead. Holds no personal data.
create table listing_problem (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references directory_service (id),
  organisation_id uuid not null references organisation (id),
  kind text not null
    check (kind in ('wrong_phone', 'wrong_address', 'wrong_times', 'closed', 'wrong_details', 'other')),
  details text check (length(details) <= 1000),
  reported_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references app_user (id)
);
create index listing_problem_organisation_idx on listing_problem (organisation_id, reported_at desc)
  where resolved_at is null;
create index listing_problem_service_idx on listing_problem (service_id, reported_at desc);
