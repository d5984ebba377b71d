-- Team meetings can be corrected: an edit is checked against the version the
-- form was opened at (optimistic locking), and a meeting recorded by mistake
-- is marked "recorded in error" with a reason. It is never deleted: it stays
-- in the record, hidden from the meetings list unless asked for.
alter table team_meeting
  add column version integer not null default 1,
  add column updated_at timestamptz not null default now(),
  add column updated_by uuid references app_user (id),
  add column in_error_at timestamptz,
  add column in_error_by uuid references app_user (id),
  add column in_error_reason text check (length(in_error_reason) between 1 and 500),
  add constraint team_meeting_in_error_check check ((in_error_at is null) = (in_error_reason is null));
create index team_meeting_updated_by_idx on team_meeting (updated_by);
create index team_meeting_in_error_by_idx on team_meeting (in_error_by);
