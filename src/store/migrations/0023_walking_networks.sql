-- fuwu schema, version 23: the database records which walking network the installation imported
-- (its SHA-256 and statistics), each import kept as a row. The network file itself stays on disk
-- (FUWU_DATA_DIR/network); with several servers and workers on several machines, each one checks its
-- file against the recorded hash before computing, so a machine with another file, or none, refuses
-- rather than computing other figures (or falling back to straight lines) without saying so.
CREATE TABLE IF NOT EXISTS walking_networks (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  meta jsonb NOT NULL,
  imported_by text NOT NULL,
  imported_at timestamptz NOT NULL,
  current boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX IF NOT EXISTS walking_networks_current ON walking_networks (current) WHERE current;
