-- fuwu schema, version 7: imported residential points replace and update each other by id, so each
-- carries a revision number (the revisions table keeps every previous content), who wrote it and
-- when, and whether its age bands were given or estimated from a total by census shares.
ALTER TABLE residential_points
  ADD COLUMN IF NOT EXISTS revision integer NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS bands_estimated boolean NOT NULL DEFAULT false,
  ADD COLUMN IF NOT EXISTS updated_at timestamptz,
  ADD COLUMN IF NOT EXISTS updated_by text;
