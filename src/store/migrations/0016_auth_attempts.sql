-- fuwu schema, version 16: sign-in and sign-up attempts, kept for an hour or so, so that the
-- lock-out of a username and the limits per client address hold across every server process that
-- shares the database (issue 7 §1). Written for PGlite and PostgreSQL alike.

CREATE TABLE IF NOT EXISTS auth_attempts (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('signIn', 'signUp')),
  -- The username as typed (sign-in), existing or not, so unknown names lock like known ones.
  username text,
  -- The client address as fastify saw it (request.ip; behind a proxy only with FUWU_TRUST_PROXY).
  address text NOT NULL,
  at timestamptz NOT NULL,
  -- A sign-in that failed (or is still being checked) and counts toward locking its username;
  -- false once the username signs in or an admin unlocks it, and for refusals while locked.
  counts_for_user boolean NOT NULL DEFAULT false
);

CREATE INDEX IF NOT EXISTS auth_attempts_address ON auth_attempts (kind, address, at);
CREATE INDEX IF NOT EXISTS auth_attempts_user ON auth_attempts (username, at) WHERE counts_for_user;
CREATE INDEX IF NOT EXISTS auth_attempts_at ON auth_attempts (at);
