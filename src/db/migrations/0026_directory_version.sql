-- The directory's version: one row, moved on once by every transaction that
-- changes a table the public finder or Open Referral reads. Each app process
-- keeps the directory in memory (src/features/directory/directorySnapshot.ts)
-- and reads this row on each request to know when to load it again.
--
-- A statement-level trigger on each table notes the transaction once (a
-- transaction-local setting stops the second note); a constraint trigger on
-- that note, deferred to commit, moves the version on. So the version row is
-- locked only at commit, a bulk import moves it once, and a reader that sees
-- the new version also sees the change (both commit together).
create table directory_version (
  id boolean primary key default true check (id),
  version bigint not null default 1,
  changed_at timestamptz not null default now()
);
insert into directory_version default values;

create table directory_change (
  txid bigint primary key
);

create function note_directory_change() returns trigger language plpgsql as $$
begin
  if current_setting('hearth.directory_changed', true) is distinct from txid_current()::text then
    perform set_config('hearth.directory_changed', txid_current()::text, true);
    insert into directory_change (txid) values (txid_current()) on conflict do nothing;
  end if;
  return null;
end $$;

create function bump_directory_version() returns trigger language plpgsql as $$
begin
  update directory_version set version = version + 1, changed_at = now();
  delete from directory_change where txid = new.txid;
  return null;
end $$;

create constraint trigger directory_change_bump after insert on directory_change
  deferrable initially deferred for each row execute function bump_directory_version();

do $$
declare t text;
begin
  foreach t in array array['directory_service', 'directory_location', 'directory_service_at_location',
    'directory_service_area', 'directory_phone', 'directory_schedule', 'postcode_place', 'organisation',
    'partnership_area', 'locality']
  loop
    execute format('create trigger %I after insert or update or delete on %I
      for each statement execute function note_directory_change()', t || '_directory_change', t);
    execute format('create trigger %I after truncate on %I
      for each statement execute function note_directory_change()', t || '_directory_truncate', t);
  end loop;
end $$;
