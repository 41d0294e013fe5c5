-- fuwu schema, version 13: one-stop service cases (issue 6 §2). Residents, case workers and
-- supervisors join the users; cases and their events (the events are the case's history: who, when,
-- from which state to which, why, what changed). Written for PGlite and PostgreSQL alike.

-- The inline CHECK of 0001 is named users_role_check by both engines; replace it with the wider list.
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (
  'admin', 'planner', 'departmentOfficer', 'districtOfficer', 'viewer',
  'resident', 'caseWorker', 'supervisor'));

-- The office (政务服务中心, code O-<district code>) a case worker or supervisor works at.
ALTER TABLE users ADD COLUMN IF NOT EXISTS office_code text;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_office_check;
ALTER TABLE users ADD CONSTRAINT users_office_check
  CHECK (role NOT IN ('caseWorker', 'supervisor') OR office_code IS NOT NULL);

CREATE TABLE IF NOT EXISTS cases (
  id text PRIMARY KEY,
  service_code text NOT NULL,
  applicant_id integer NOT NULL REFERENCES users(id),
  -- The applicant as shown to case workers (name, username) at submission.
  applicant jsonb NOT NULL,
  district_code text NOT NULL,
  office_code text NOT NULL,
  -- Set when a case worker of another office accepted it (全域通办): routing stays with office_code.
  accepted_at_office text,
  lead_department text NOT NULL,
  state text NOT NULL,
  -- The domain's CaseRecord (clock, pauses, pledge…), and what the applicant declared.
  record jsonb NOT NULL,
  facts jsonb NOT NULL,
  -- The entitlement check run before submission: outcome and trace.
  entitlement jsonb NOT NULL,
  idempotency_key text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  revision integer NOT NULL DEFAULT 1,
  UNIQUE (applicant_id, idempotency_key)
);
CREATE INDEX IF NOT EXISTS cases_office_idx ON cases (office_code, state);
CREATE INDEX IF NOT EXISTS cases_applicant_idx ON cases (applicant_id);

CREATE TABLE IF NOT EXISTS case_events (
  case_id text NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor_id integer,
  actor_role text NOT NULL,
  at timestamptz NOT NULL,
  on_date date NOT NULL,
  reason text,
  changes jsonb NOT NULL,
  PRIMARY KEY (case_id, seq)
);
