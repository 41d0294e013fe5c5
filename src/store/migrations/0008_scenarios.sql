-- fuwu schema, version 8: scenarios (情景, issue 4 §2) — a named set of changes against the current
-- state (facilities added, removed or resized; population projected to a year; norms changed), kept
-- as one ordered list per scenario. Every edit bumps `revision`; the revisions table keeps the
-- previous content, who, when and why.
CREATE TABLE IF NOT EXISTS scenarios (
  id serial PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  changes jsonb NOT NULL DEFAULT '[]'::jsonb,
  revision integer NOT NULL DEFAULT 1,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS scenarios_live ON scenarios (deleted, id);
