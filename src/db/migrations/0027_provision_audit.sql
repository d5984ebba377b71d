-- The partnership's provision audit: the deprivation lookup the operator
-- loads (postcode -> data zone -> SIMD quintile, with its edition), the need
-- estimates the partnership enters per locality, and the proposals it
-- records to fill the gaps. None of it holds personal data.

-- One edition of the Scottish Index of Multiple Deprivation lookup, as loaded
-- by `npx hearth import-simd FILE.csv`. Loading a new edition makes it current;
-- older editions are kept so past reports can say which one they used.
create table simd_edition (
  id uuid primary key default gen_random_uuid(),
  -- "SIMD 2020v2": as the operator names it.
  name text not null unique check (length(name) between 1 and 80),
  source_file text not null check (length(source_file) <= 300),
  postcodes integer not null check (postcodes >= 0),
  loaded_at timestamptz not null default now(),
  is_current boolean not null default false
);
create unique index simd_edition_current_idx on simd_edition (is_current) where is_current;

create table simd_postcode (
  edition_id uuid not null references simd_edition (id) on delete cascade,
  -- Upper case with one space: "G12 8QQ" (as postcode_place keeps them).
  postcode text not null check (length(postcode) between 5 and 8),
  data_zone text not null check (length(data_zone) between 1 and 12),
  -- 1 = the most deprived fifth of Scotland's data zones, 5 = the least.
  quintile smallint not null check (quintile between 1 and 5),
  primary key (edition_id, postcode)
);

-- The partnership's estimate of need in a locality (or the whole area when
-- locality_id is null), for one measure, from a stated source.
create table need_estimate (
  id uuid primary key default gen_random_uuid(),
  partnership_area_id uuid not null references partnership_area (id),
  locality_id uuid references locality (id),
  -- What is estimated: 'problem_substance_use' (people), 'children_affected',
  -- 'young_people_12_17', 'grandparents_caring', 'bereaved_families', or other codes the app defines.
  measure text not null check (length(measure) between 1 and 60),
  estimate integer not null check (estimate >= 0),
  -- People affected per person (policy cites about 11); for problem_substance_use only.
  family_multiplier numeric(4, 1) check (family_multiplier is null or family_multiplier between 0 and 50),
  -- Where the figure comes from: "ScotPHO prevalence estimates 2019/20", "JSNA 2025".
  source text not null check (length(source) between 1 and 300),
  -- The year the estimate is for.
  for_year smallint not null check (for_year between 2000 and 2100),
  recorded_by uuid references app_user (id),
  recorded_at timestamptz not null default now(),
  version integer not null default 1
);
-- One estimate per area, locality, measure and year (an area-wide one has no locality).
create unique index need_estimate_unique_idx
  on need_estimate (partnership_area_id, coalesce(locality_id, '00000000-0000-0000-0000-000000000000'::uuid), measure, for_year);

-- A gap the partnership means to fill, and what it proposes: owned and tracked.
create table gap_proposal (
  id uuid primary key default gen_random_uuid(),
  partnership_area_id uuid not null references partnership_area (id),
  -- The gap it answers, as the gap analysis named it: kind ('locality', 'group', 'support', 'wait') and key.
  gap_kind text not null check (gap_kind in ('locality', 'group', 'support', 'wait', 'other')),
  gap_key text check (length(gap_key) <= 120),
  locality_id uuid references locality (id),
  title text not null check (length(title) between 1 and 200),
  proposal text not null check (length(proposal) between 1 and 4000),
  owner_user_id uuid references app_user (id),
  -- An owner outside Hearth: "Children's Services Planning Partnership".
  owner_name text check (length(owner_name) <= 200),
  status text not null default 'proposed'
    check (status in ('proposed', 'agreed', 'in_progress', 'done', 'dropped')),
  due_on date,
  progress_note text check (length(progress_note) <= 4000),
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  check (owner_user_id is not null or owner_name is not null)
);
create index gap_proposal_area_idx on gap_proposal (partnership_area_id, status, created_at desc);
