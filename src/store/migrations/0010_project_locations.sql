-- fuwu schema, version 10: where a major project is built (WGS84 lon/lat). The plan names no sites, so
-- both stay null until a planner places the project; a located project enters a scenario as a
-- facility on the map, an unlocated one only in its district's supply. The location is one of the
-- project's entered fields: its changes are kept in the project's revisions like the others.
ALTER TABLE projects
  ADD COLUMN IF NOT EXISTS lon double precision,
  ADD COLUMN IF NOT EXISTS lat double precision;

ALTER TABLE projects DROP CONSTRAINT IF EXISTS projects_location_pair;
ALTER TABLE projects
  ADD CONSTRAINT projects_location_pair CHECK ((lon IS NULL) = (lat IS NULL));
