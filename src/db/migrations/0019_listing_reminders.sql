-- Reminders the partnership lead sends an organisation to check one of its
-- directory listings. Holds no personal data: who sent it, when, and when it
-- was answered.
create table listing_reminder (
  id uuid primary key default gen_random_uuid(),
  organisation_id uuid not null references organisation (id),
  service_id uuid not null references directory_service (id),
  sent_by uuid not null references app_user (id),
  sent_at timestamptz not null default now(),
  -- When the organisation marked the listing as checked after the reminder: the reminder is then answered.
  answered_at timestamptz
);
create index listing_reminder_organisation_idx on listing_reminder (organisation_id, sent_at desc);
create index listing_reminder_service_idx on listing_reminder (service_id, sent_at desc);
