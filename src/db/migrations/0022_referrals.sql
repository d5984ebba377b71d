-- Referrals between services, "no wrong door": a referral to any service in
-- the directory, from a practitioner, the JSON API, a redirect, or a
-- self-referral from the public finder; its history; single-use links for
-- services outside Hearth; in-app notifications and an email outbox.

-- Each service publishes its referral route, in plain words.
alter table directory_service
  add column referral_takes text check (length(referral_takes) <= 1000),
  add column referral_needs text check (length(referral_needs) <= 1000),
  add column referral_excludes text check (length(referral_excludes) <= 1000),
  -- Where referral notices go (no personal data in them), for a service whose organisation has no Hearth users.
  add column referral_email text check (length(referral_email) <= 254);

create sequence referral_reference_seq;
-- "R-000123": at least six digits, more once there are a million referrals.
create function next_referral_reference() returns text language sql volatile as $$
  select 'R-' || lpad(n::text, greatest(6, length(n::text)), '0') from nextval('referral_reference_seq') as n
$$;

create table referral (
  id uuid primary key default gen_random_uuid(),
  -- Said on the phone: "R-000123".
  reference text not null unique default next_referral_reference(),
  -- The receiving service and its organisation.
  service_id uuid not null references directory_service (id),
  organisation_id uuid not null references organisation (id),
  origin text not null check (origin in ('practitioner', 'api', 'self_referral', 'redirect')),
  -- The referring side: none for a self-referral.
  referring_organisation_id uuid references organisation (id),
  referred_by uuid references app_user (id),
  referred_by_token uuid references api_token (id),
  -- The family record it was made from (none for a self-referral until it is accepted).
  family_id uuid references family (id),
  self_referral_id uuid unique references self_referral (id),
  status text not null default 'draft'
    check (status in ('draft', 'new', 'waiting', 'accepted', 'started', 'declined', 'redirected', 'withdrawn', 'closed')),
  -- Why, and what the family would like, in their words.
  reason text check (length(reason) <= 4000),
  wishes text check (length(wishes) <= 4000),
  urgency text not null default 'routine' check (urgency in ('routine', 'soon', 'urgent')),
  -- The basis for sharing: the family's consent (who agreed, how, when), or a recorded protection concern.
  sharing_basis text check (sharing_basis in ('consent', 'protection_concern')),
  consent_person_id uuid references person (id),
  consent_method text check (consent_method in ('verbal', 'written', 'digital')),
  consent_on date,
  concern_id uuid references assessment_concern (id),
  -- A retry of the same form (double click, network error) carries the same key: one referral.
  idempotency_key text check (length(idempotency_key) between 8 and 100),
  sent_at timestamptz,
  -- The receiving side's decisions.
  decided_at timestamptz,
  decided_by uuid references app_user (id),
  decline_reason text check (length(decline_reason) <= 2000),
  -- Where to go instead, in plain words, when declined.
  suggestion text check (length(suggestion) <= 1000),
  redirected_from_id uuid references referral (id),
  -- The family record the receiving organisation works with once accepted.
  receiving_family_id uuid references family (id),
  first_support_on date,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (status = 'draft' or sent_at is not null),
  check (status <> 'declined' or decline_reason is not null),
  check (sharing_basis is distinct from 'consent' or (consent_person_id is not null and consent_method is not null and consent_on is not null)),
  check (sharing_basis is distinct from 'protection_concern' or concern_id is not null),
  check (origin = 'self_referral' or status = 'draft' or sharing_basis is not null)
);
create unique index referral_idempotency_idx on referral (referring_organisation_id, idempotency_key)
  where idempotency_key is not null;
-- The inbox: a service organisation's referrals by status, oldest first.
create index referral_inbox_idx on referral (organisation_id, status, sent_at);
create index referral_service_idx on referral (service_id, sent_at);
-- The referrer's own referrals.
create index referral_referrer_idx on referral (referring_organisation_id, sent_at desc);
create index referral_family_idx on referral (family_id);
-- Drafts not sent within 30 days are deleted.
create index referral_draft_idx on referral (created_at) where status = 'draft';
-- Waiting times by quarter over the partnership.
create index referral_sent_idx on referral (sent_at) where sent_at is not null;

-- The members a referral is for.
create table referral_member (
  referral_id uuid not null references referral (id) on delete cascade,
  person_id uuid not null references person (id),
  primary key (referral_id, person_id)
);
create index referral_member_person_idx on referral_member (person_id);

-- Every change of status, with who made it (a user, an API token, or a secure link) and a note.
create table referral_event (
  id bigint primary key generated always as identity,
  referral_id uuid not null references referral (id) on delete cascade,
  at timestamptz not null default now(),
  actor_user_id uuid references app_user (id),
  actor_token_id uuid references api_token (id),
  actor_link_id uuid,
  from_status text,
  to_status text not null,
  note text check (length(note) <= 2000)
);
create index referral_event_referral_idx on referral_event (referral_id, at);

-- A single-use, time-limited link for a service outside Hearth to read and answer a referral.
create table referral_link (
  id uuid primary key default gen_random_uuid(),
  referral_id uuid not null references referral (id) on delete cascade,
  token_hash text not null unique,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz
);
create index referral_link_referral_idx on referral_link (referral_id);

-- In-app notifications: to one user, or to everyone in an organisation's practice roles. No personal data.
create table notification (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  user_id uuid references app_user (id),
  kind text not null check (length(kind) between 1 and 60),
  referral_id uuid references referral (id) on delete cascade,
  message text not null check (length(message) between 1 and 300),
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notification_user_idx on notification (user_id, created_at desc);
create index notification_organisation_idx on notification (organisation_id, created_at desc) where user_id is null;

-- Emails, sent through SMTP when it is configured, and otherwise kept here for an admin to read. No personal data.
create table email_outbox (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid references organisation (id),
  to_address text not null check (length(to_address) between 3 and 254),
  subject text not null check (length(subject) between 1 and 200),
  body text not null check (length(body) <= 10000),
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  failed_at timestamptz,
  failure text check (length(failure) <= 500)
);
create index email_outbox_created_idx on email_outbox (created_at desc);
create index email_outbox_unsent_idx on email_outbox (created_at) where sent_at is null;
