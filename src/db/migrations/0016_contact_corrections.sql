-- A contact can be corrected (checked against the version the form was
-- opened at), and one recorded by mistake is marked "recorded in error" with
-- a reason. It is never deleted: it stays in the record, hidden from the
-- family's list unless asked for, and left out of last contact and
-- programme progress.
alter table contact
  add column updated_by uuid references app_user (id),
  add column in_error_at timestamptz,
  add column in_error_by uuid references app_user (id),
  add column in_error_reason text check (length(in_error_reason) between 1 and 500),
  add constraint contact_in_error_check check ((in_error_at is null) = (in_error_reason is null));
create index contact_updated_by_idx on contact (updated_by);
create index contact_in_error_by_idx on contact (in_error_by);
