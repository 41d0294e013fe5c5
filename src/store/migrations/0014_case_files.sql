-- fuwu schema, version 14: case files (issue 6 §1–2). Attachments of a case, stored in the database
-- with their checksum; escalations of near-deadline and overdue cases, each recorded once; and the
-- working-day calendar stored with the plan pack, so deadlines never read the pack folder at run time.
-- Written for PGlite and PostgreSQL alike.

CREATE TABLE IF NOT EXISTS case_attachments (
  id text PRIMARY KEY,
  -- Upload order (uploaded_at alone ties within a clock tick).
  seq serial NOT NULL,
  case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  -- For display only (path parts and control characters stripped); never used as a path.
  file_name text NOT NULL,
  -- Decided from the file's first bytes, never from the client's content type or extension.
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  bytes integer NOT NULL CHECK (bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  -- The service's required material the file answers (Service.requiredMaterials), if named.
  material text,
  uploaded_by integer NOT NULL REFERENCES users(id),
  uploader_role text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  -- The same content uploaded again to the same case (a retry) is the same attachment.
  UNIQUE (case_id, sha256)
);
CREATE INDEX IF NOT EXISTS case_attachments_case_idx ON case_attachments (case_id, seq);

-- A reminder to the office (near: the deadline is within the near window) or an escalation to the
-- office's supervisors (overdue: 督办). Once per case, kind, deadline and due date: a due date moved
-- by a supplement pause may be escalated again.
CREATE TABLE IF NOT EXISTS case_escalations (
  id serial PRIMARY KEY,
  case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('near', 'overdue')),
  deadline text NOT NULL CHECK (deadline IN ('decision', 'pledgeVerification')),
  due date NOT NULL,
  -- The China date the escalation was raised on, and the office it went to.
  on_date date NOT NULL,
  office_code text NOT NULL,
  addressed_to text NOT NULL CHECK (addressed_to IN ('office', 'supervisors')),
  created_at timestamptz NOT NULL,
  UNIQUE (case_id, kind, deadline, due)
);
CREATE INDEX IF NOT EXISTS case_escalations_office_idx ON case_escalations (office_code, created_at);

-- The pack's working-day calendar (calendar/holidays.yaml), one array of years per loaded pack.
ALTER TABLE plan_packs ADD COLUMN IF NOT EXISTS calendar jsonb;
