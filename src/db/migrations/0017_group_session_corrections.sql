-- A group session can be corrected (checked against the version the form was
-- opened at) and marked "recorded in error" with a reason. It is never
-- deleted: it stays in the record, hidden from the group's sessions and left
-- out of attendance counts and programme progress.
alter table group_session
  add column updated_by uuid references app_user (id),
  add column in_error_at timestamptz,
  add column in_error_by uuid references app_user (id),
  add column in_error_reason text check (length(in_error_reason) between 1 and 500),
  add constraint group_session_in_error_check check ((in_error_at is null) = (in_error_reason is null));
create index group_session_updated_by_idx on group_session (updated_by);
create index group_session_in_error_by_idx on group_session (in_error_by);
