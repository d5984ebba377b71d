-- Family search at scale, and chronology dates known only to the month.

-- Name search ---------------------------------------------------------------
-- A trigram search over every person's full name (person_name_trgm_idx)
-- reads every person who shares a common trigram with the query ("  m",
-- " mc"): about 7,000 rows and 100 ms for one surname at 400,000 people.
-- Instead, spelling tolerance is found in the small vocabulary of name words
-- (each distinct word once), and people are then found by exact words
-- through a GIN index on their name's words: under 2 ms for a full name.

-- A person's name as lower-case words (given, preferred and family names).
create function person_name_words(given text, preferred text, family text) returns text[]
  language sql immutable parallel safe
  as $$ select array_remove(regexp_split_to_array(
    lower(coalesce(given, '') || ' ' || coalesce(preferred, '') || ' ' || coalesce(family, '')),
    '[^[:alnum:]]+'), '') $$;

create index person_name_words_idx on person using gin (person_name_words(given_name, preferred_name, family_name));

-- Every word used in a name, once. It only grows: a word says nothing about who
-- used it, and searches read people through the access rule, never from here.
create table person_name_word (word text primary key);
create index person_name_word_trgm_idx on person_name_word using gin (word gin_trgm_ops);

insert into person_name_word (word)
  select distinct unnest(person_name_words(given_name, preferred_name, family_name)) from person
  on conflict do nothing;

create function person_name_word_add() returns trigger language plpgsql as $$
begin
  insert into person_name_word (word)
    select distinct unnest(person_name_words(n.given_name, n.preferred_name, n.family_name)) from new_people n
    on conflict do nothing;
  return null;
end $$;

create trigger person_name_word_on_insert after insert on person
  referencing new table as new_people for each statement execute function person_name_word_add();
create trigger person_name_word_on_update after update on person
  referencing new table as new_people for each statement execute function person_name_word_add();

-- Chronology ----------------------------------------------------------------
-- Dates known only to the month ("March 2025") are kept as the first day
-- (from) and the last day (until) of that month.
alter table chronology_entry
  add column date_precision text not null default 'day' check (date_precision in ('day', 'month'));

-- Family overview ----------------------------------------------------------
-- Migration 0003 replaced family_team_member's primary key (family_id,
-- organisation_id) with an id, leaving only partial indexes for current
-- spells: reading a family's whole team history (the overview's team panel)
-- then scanned the whole table (41 ms at 100,000 families). The same for the
-- lead professional's history.
create index family_team_member_family_idx on family_team_member (family_id, joined_on desc);
create index lead_professional_family_idx on lead_professional (family_id, started_on desc);
