-- fuwu schema, version 3: the facility registry. Coordinates are WGS84 degrees (imports convert
-- GCJ-02 and BD-09 before saving); capacities are a JSON object of the counts the norms use.
CREATE TABLE IF NOT EXISTS facilities (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL,
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  district_code text NOT NULL REFERENCES areas(code),
  community_code text,
  capacities jsonb NOT NULL DEFAULT '{}'::jsonb,
  ownership text NOT NULL CHECK (ownership IN ('public', 'inclusive', 'private')),
  status text NOT NULL CHECK (status IN ('planned', 'underConstruction', 'open', 'closed')),
  opening_date date,
  source text NOT NULL,
  synthetic boolean NOT NULL DEFAULT false,
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
CREATE INDEX IF NOT EXISTS facilities_type_district ON facilities (type, district_code);
