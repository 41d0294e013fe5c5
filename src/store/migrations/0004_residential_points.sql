-- fuwu schema, version 4: residential points with population by disjoint age band (0-2, 3-5, 6-14,
-- 15-59, 60-64, 65-79, 80+). Imported real points, or generated ones marked `synthetic`.
CREATE TABLE IF NOT EXISTS residential_points (
  id text PRIMARY KEY,
  district_code text NOT NULL REFERENCES areas(code),
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  population jsonb NOT NULL,
  total integer NOT NULL,
  synthetic boolean NOT NULL DEFAULT false,
  source text NOT NULL
);
CREATE INDEX IF NOT EXISTS residential_points_district ON residential_points (district_code);
