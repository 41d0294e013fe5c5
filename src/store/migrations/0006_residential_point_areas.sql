-- fuwu schema, version 6: the township (街道/镇) and community (社区/村) a residential point lies in,
-- for coverage by township. Both optional (points imported with a district only keep working).
-- `area_source` says where the assignment came from: the imported file, or the synthetic generator
-- (示例指派). A township or community removed from the pack leaves its points without one (SET NULL):
-- the sub-area's own revision records the removal. That the township lies in the point's district and
-- the community in the township is checked when points are written (app), not here.
ALTER TABLE residential_points
  ADD COLUMN IF NOT EXISTS township_code text REFERENCES sub_areas(code) ON DELETE SET NULL,
  ADD COLUMN IF NOT EXISTS community_code text REFERENCES sub_areas(code) ON DELETE SET NULL,
  ADD COLUMN IF NOT EXISTS area_source text;
CREATE INDEX IF NOT EXISTS residential_points_township ON residential_points (township_code);
CREATE INDEX IF NOT EXISTS residential_points_community ON residential_points (community_code);
