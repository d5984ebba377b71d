-- Locality boundaries for the provision audit's map, as loaded by
-- `npx hearth import-boundaries FILE.geojson`: one simplified outline per
-- locality, in longitude and latitude. Loading a locality again replaces it.
create table locality_boundary (
  locality_id uuid primary key references locality (id) on delete cascade,
  -- GeoJSON MultiPolygon coordinates: [[[[longitude, latitude], ...] outer ring, ...holes], ...polygons].
  coordinates jsonb not null check (jsonb_typeof(coordinates) = 'array'),
  -- How many points the simplified outline keeps.
  points integer not null check (points between 4 and 100000),
  source_file text not null check (length(source_file) between 1 and 300),
  loaded_at timestamptz not null default now()
);
