-- The provision audit counts a period's contacts that went ahead across a
-- whole partnership area: read from this index alone (its own columns),
-- not from every contact's row.
create index contact_attended_occurred_idx on contact (occurred_at)
  include (family_id, organisation_id, worker_id, duration_minutes)
  where outcome = 'attended' and in_error_at is null;

-- Programme enrolments started, and ended, in a period.
create index programme_enrolment_enrolled_idx on programme_enrolment (enrolled_on);
create index programme_enrolment_ended_idx on programme_enrolment (ended_on) where ended_on is not null;
