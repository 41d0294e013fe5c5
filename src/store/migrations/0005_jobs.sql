-- fuwu schema, version 5: long computations and imports run as jobs, with progress a client can poll
-- and the result (or the error) kept afterwards. A job still `running` when the server starts was cut
-- off by a stop; it is marked failed then (never left hanging).
CREATE TABLE IF NOT EXISTS jobs (
  id text PRIMARY KEY,
  kind text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  progress jsonb,
  result jsonb,
  error jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX IF NOT EXISTS jobs_kind_created ON jobs (kind, created_at DESC);
