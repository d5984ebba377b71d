-- The Open Referral UK API lists active services by name a page at a time.
create index directory_service_active_name_idx on directory_service (name, id) where status = 'active';
