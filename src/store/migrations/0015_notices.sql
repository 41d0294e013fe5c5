-- fuwu schema, version 15: services find people (issue 6 §1–2). Residents linked to the facts the
-- government already holds (here: one person of the synthetic population, 示例); the notices outbox
-- and its deliveries per channel; proactive cases opened from a work-list entry. Written for PGlite
-- and PostgreSQL alike.

-- One resident ↔ one person of the records; the facts copied from them when linked (prefilled and
-- shown in the portal). Relinking bumps the revision; the previous content goes to `revisions`.
CREATE TABLE IF NOT EXISTS resident_profiles (
  user_id integer PRIMARY KEY REFERENCES users(id),
  person_id text NOT NULL UNIQUE,
  facts jsonb NOT NULL,
  -- Where the facts came from: {kind: 'syntheticPopulation', snapshotId, seed, size, onDate}.
  source jsonb NOT NULL,
  synthetic boolean NOT NULL,
  linked_at timestamptz NOT NULL,
  linked_by text NOT NULL,
  revision integer NOT NULL DEFAULT 1
);

-- What a resident is told: "you may be entitled", "you may no longer qualify", or a step of their case.
CREATE TABLE IF NOT EXISTS notices (
  id bigserial PRIMARY KEY,
  person_id text,
  user_id integer REFERENCES users(id),
  service_code text NOT NULL,
  snapshot_id bigint REFERENCES entitlement_snapshots(id),
  case_id text REFERENCES cases(id),
  kind text NOT NULL CHECK (kind IN ('mayBeEntitled', 'mayNoLongerQualify', 'caseUpdate')),
  title jsonb NOT NULL,
  body jsonb NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  CHECK (person_id IS NOT NULL OR user_id IS NOT NULL),
  CHECK (kind = 'caseUpdate' OR (person_id IS NOT NULL AND snapshot_id IS NOT NULL))
);
-- Never twice to the same person for the same service, snapshot and kind (a second press, two
-- officers at once): inserts say ON CONFLICT DO NOTHING against this index.
CREATE UNIQUE INDEX IF NOT EXISTS notices_proactive_once
  ON notices (person_id, service_code, snapshot_id, kind) WHERE kind <> 'caseUpdate';
CREATE INDEX IF NOT EXISTS notices_user_idx ON notices (user_id, created_at);
CREATE INDEX IF NOT EXISTS notices_person_idx ON notices (person_id, created_at);

-- The outbox: one row per notice and channel. A dispatcher claims due rows (FOR UPDATE SKIP LOCKED,
-- then a lease in next_attempt_at), sends, and marks them; a failure is retried with backoff until
-- the attempts run out (failed, the reason kept). notApplicable: the channel cannot reach the person.
CREATE TABLE IF NOT EXISTS notice_deliveries (
  notice_id bigint NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
  channel text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'notApplicable')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  sent_at timestamptz,
  external_id text,
  UNIQUE (notice_id, channel)
);
CREATE INDEX IF NOT EXISTS notice_deliveries_due
  ON notice_deliveries (next_attempt_at) WHERE status = 'pending';

-- Proactive cases (依职权/主动服务): opened by an officer from a work-list entry for a person who
-- may not have an account; the applicant is the linked resident if there is one.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS origin text NOT NULL DEFAULT 'application';
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_origin_check;
ALTER TABLE cases ADD CONSTRAINT cases_origin_check CHECK (origin IN ('application', 'proactive'));
ALTER TABLE cases ADD COLUMN IF NOT EXISTS person_id text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS snapshot_id bigint REFERENCES entitlement_snapshots(id);
ALTER TABLE cases ALTER COLUMN applicant_id DROP NOT NULL;
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_applicant_or_person_check;
ALTER TABLE cases ADD CONSTRAINT cases_applicant_or_person_check
  CHECK (applicant_id IS NOT NULL OR person_id IS NOT NULL);
ALTER TABLE cases DROP CONSTRAINT IF EXISTS cases_proactive_source_check;
ALTER TABLE cases ADD CONSTRAINT cases_proactive_source_check
  CHECK (origin = 'application' OR (person_id IS NOT NULL AND snapshot_id IS NOT NULL));
-- One proactive case per snapshot, person and service, however often the button is pressed.
CREATE UNIQUE INDEX IF NOT EXISTS cases_proactive_once
  ON cases (snapshot_id, person_id, service_code) WHERE origin = 'proactive';
CREATE INDEX IF NOT EXISTS cases_person_idx ON cases (person_id) WHERE person_id IS NOT NULL;
