-- fuwu schema, version 17: data-sharing tokens for other systems (一网通享, issue 7 §1). A token is
-- scoped to named datasets × operations, an optional district or sector, and expires; only the
-- SHA-256 of its secret is kept. Every call made with a token is logged, refused ones included.

CREATE TABLE IF NOT EXISTS sharing_tokens (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  owner_system text NOT NULL,
  -- [{dataset, operation}], checked by domain/sharing/token-rules.ts.
  grants jsonb NOT NULL,
  district_code text,
  sector text,
  secret_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_by text,
  CHECK (district_code IS NULL OR sector IS NULL),
  CHECK (expires_at > created_at)
);

-- One row per call. token_id is null when the presented token was unknown (no such id, wrong
-- secret, or none at all); dataset and operation are as asked, even when no such dataset exists.
CREATE TABLE IF NOT EXISTS sharing_calls (
  id bigserial PRIMARY KEY,
  token_id integer REFERENCES sharing_tokens(id),
  at timestamptz NOT NULL,
  dataset text NOT NULL,
  operation text NOT NULL,
  status integer NOT NULL,
  rows_returned integer,
  client_address text,
  request_path text NOT NULL
);
CREATE INDEX IF NOT EXISTS sharing_calls_token_idx ON sharing_calls (token_id, at);
