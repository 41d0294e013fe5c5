-- fuwu schema, version 22: the file a job produced (issue 7 §4: reports run on the queue). One file per
-- job, written in the same transaction that marks the job succeeded, so a job run again after its
-- worker stopped never leaves two; it goes with its job. Written for PGlite and PostgreSQL alike.
CREATE TABLE IF NOT EXISTS job_outputs (
  job_id text PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
  -- For display and the download's file name only; never used as a path.
  file_name text NOT NULL,
  content_type text NOT NULL,
  bytes bytea NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL
);
