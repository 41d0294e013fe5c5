-- fuwu schema, version 19: personal data (issue 7 §2). Every read of a person's data by staff, with
-- its purpose, for the resident's data tracker (谁查看了我的数据); and the identity number a resident
-- gives at sign-up. Written for PGlite and PostgreSQL alike.

-- One row per person read: a case file opened, an attachment downloaded, a person's trace, one
-- person shown on a work-list page or written to an export. The subject is the resident (user) and/or
-- the person of the records (synthetic id, SYN-…); the resident is resolved when the row is written,
-- so the tracker reads by user alone. The reader's office, district and sector are copied as they
-- were at the time (a transfer later does not rewrite who looked); the display name is joined at read.
CREATE TABLE IF NOT EXISTS personal_data_reads (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  subject_user_id integer REFERENCES users(id),
  subject_person_id text,
  reader_id integer NOT NULL REFERENCES users(id),
  reader_role text NOT NULL,
  reader_office_code text,
  reader_district_code text,
  reader_sector text,
  purpose text NOT NULL,
  what text NOT NULL CHECK (what IN ('caseView', 'attachment', 'personTrace', 'worklistPage', 'export')),
  entity_id text,
  CHECK (subject_user_id IS NOT NULL OR subject_person_id IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS personal_data_reads_user_idx
  ON personal_data_reads (subject_user_id, at DESC, id DESC) WHERE subject_user_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS personal_data_reads_person_idx
  ON personal_data_reads (subject_person_id, at DESC) WHERE subject_person_id IS NOT NULL;

-- The identity number a resident states at sign-up (checked against GB 11643 by the app). Apart from
-- resident_profiles, whose rows exist only once a resident is linked to a person of the records. Not
-- unique: refusing a number already used would tell a stranger that it is registered here.
CREATE TABLE IF NOT EXISTS resident_id_numbers (
  user_id integer PRIMARY KEY REFERENCES users(id),
  id_number text NOT NULL,
  recorded_at timestamptz NOT NULL
);
