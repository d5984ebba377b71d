-- Admin: the audit trail search. A system admin searches every
-- organisation's events newest first, and the filter lists the actions
-- recorded; these indexes answer both without reading every event.

create index audit_event_at_idx on audit_event (at desc);
create index audit_event_action_idx on audit_event (action, organisation_id);
