-- fuwu schema, version 1: identity, audit, the plan pack, observations and judgements with revisions.
-- Written to run on PGlite and PostgreSQL alike; every statement is idempotent.

CREATE TABLE IF NOT EXISTS users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'planner', 'departmentOfficer', 'districtOfficer', 'viewer')),
  sector text,
  district_code text,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'departmentOfficer' OR sector IS NOT NULL),
  CHECK (role <> 'districtOfficer' OR district_code IS NOT NULL)
);

CREATE TABLE IF NOT EXISTS sessions (
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

-- Append-only record of every write: who, what, when.
CREATE TABLE IF NOT EXISTS audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id integer,
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- Every loaded version of a plan pack; exactly one is active.
CREATE TABLE IF NOT EXISTS plan_packs (
  id text NOT NULL,
  version text NOT NULL,
  content_hash text NOT NULL,
  meta jsonb NOT NULL,
  loaded_at timestamptz NOT NULL,
  loaded_by text NOT NULL,
  active boolean NOT NULL DEFAULT false,
  PRIMARY KEY (id, version)
);

CREATE TABLE IF NOT EXISTS areas (
  code text PRIMARY KEY,
  kind text NOT NULL,
  position integer NOT NULL,
  definition jsonb NOT NULL,
  boundary jsonb
);

CREATE TABLE IF NOT EXISTS indicators (
  code text PRIMARY KEY,
  position integer NOT NULL,
  headline boolean NOT NULL,
  category text NOT NULL,
  sector text NOT NULL,
  definition jsonb NOT NULL
);

CREATE TABLE IF NOT EXISTS norms (
  code text PRIMARY KEY,
  position integer NOT NULL,
  definition jsonb NOT NULL
);

-- One figure per indicator, area and year; corrections bump `revision` and keep the old value in `revisions`.
CREATE TABLE IF NOT EXISTS observations (
  id bigserial PRIMARY KEY,
  indicator_code text NOT NULL REFERENCES indicators(code),
  area_code text NOT NULL REFERENCES areas(code),
  year integer NOT NULL,
  value double precision NOT NULL,
  source text NOT NULL,
  note text,
  sample boolean NOT NULL DEFAULT false,
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  UNIQUE (indicator_code, area_code, year)
);

CREATE TABLE IF NOT EXISTS judgements (
  id bigserial PRIMARY KEY,
  indicator_code text NOT NULL REFERENCES indicators(code),
  area_code text NOT NULL REFERENCES areas(code),
  year integer NOT NULL,
  status text NOT NULL CHECK (status IN ('achieved', 'onTrack', 'lagging', 'atRisk')),
  reason text NOT NULL,
  sample boolean NOT NULL DEFAULT false,
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  UNIQUE (indicator_code, area_code, year)
);

-- The history of every table that holds figures: who changed what, when, from what, and why.
CREATE TABLE IF NOT EXISTS revisions (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  row_key text NOT NULL,
  revision integer NOT NULL,
  previous jsonb,
  current jsonb,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL,
  reason text NOT NULL
);
CREATE INDEX IF NOT EXISTS revisions_row ON revisions (table_name, row_key);

CREATE TABLE IF NOT EXISTS imports (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  file_name text NOT NULL,
  sha256 text NOT NULL,
  accepted boolean NOT NULL,
  rows_total integer NOT NULL,
  problems jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);
