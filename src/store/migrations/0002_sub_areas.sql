-- fuwu schema, version 2: townships (街道/镇) and communities (社区/村) below the districts, from the
-- plan pack's division tables. Kept apart from `areas` (which carry targets and boundaries) because
-- there are thousands of them and they only name places for now.
CREATE TABLE IF NOT EXISTS sub_areas (
  code text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('township', 'community')),
  type text NOT NULL,
  name text NOT NULL,
  parent_code text NOT NULL,
  district_code text NOT NULL,
  position integer NOT NULL
);
CREATE INDEX IF NOT EXISTS sub_areas_parent ON sub_areas (parent_code);
