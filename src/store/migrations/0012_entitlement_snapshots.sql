-- fuwu schema, version 12: proactive matching (服务找人) snapshots. A batch run over a population and
-- the catalog in force on a date is frozen here: what it ran on (population seed, size and content
-- hash; the catalog itself and its hash), its counts per district × lead department × service, and
-- its work lists. A snapshot is never updated after it is written; a new run makes a new snapshot.
CREATE TABLE IF NOT EXISTS entitlement_snapshots (
  id bigserial PRIMARY KEY,
  on_date date NOT NULL,
  population_seed integer NOT NULL,
  population_size integer NOT NULL,
  population_hash text NOT NULL,
  -- The services and parameters evaluated, as they were: a person's trace on demand reads these,
  -- so a later catalog change does not change what the snapshot says.
  catalog jsonb NOT NULL,
  catalog_hash text NOT NULL,
  services integer NOT NULL,
  gap_count integer NOT NULL,
  recheck_count integer NOT NULL,
  cannot_decide_count bigint NOT NULL,
  synthetic boolean NOT NULL,
  timings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);

-- Counts per district × service (the lead department is the service's, kept for grouping).
CREATE TABLE IF NOT EXISTS entitlement_snapshot_counts (
  snapshot_id bigint NOT NULL REFERENCES entitlement_snapshots(id) ON DELETE CASCADE,
  district_code text NOT NULL,
  service_code text NOT NULL,
  lead_department text NOT NULL,
  population integer NOT NULL,
  eligible integer NOT NULL,
  not_eligible integer NOT NULL,
  cannot_decide integer NOT NULL,
  receiving integer NOT NULL,
  receiving_eligible integer NOT NULL,
  gap integer NOT NULL,
  recheck integer NOT NULL,
  PRIMARY KEY (snapshot_id, district_code, service_code)
);

-- Work-list items: gap = 应享未享 (eligible, not receiving); recheck = 应退未退 (receiving, no longer
-- eligible). One row per person and service.
CREATE TABLE IF NOT EXISTS entitlement_worklist_items (
  snapshot_id bigint NOT NULL REFERENCES entitlement_snapshots(id) ON DELETE CASCADE,
  person_index integer NOT NULL,
  service_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('gap', 'recheck')),
  district_code text NOT NULL,
  lead_department text NOT NULL,
  PRIMARY KEY (snapshot_id, service_code, kind, person_index)
);
CREATE INDEX IF NOT EXISTS entitlement_worklist_items_district
  ON entitlement_worklist_items (snapshot_id, district_code, service_code, kind, person_index);
