-- fuwu schema, version 11: the basic public service catalog (基本公共服务清单) and the dated
-- parameters its entitlement rules read, as stored documents (the pack's schema is the contract).
-- Every change bumps `revision` and keeps the previous document in `revisions` (table_name
-- 'catalog_services' / 'catalog_parameters'). `pack_definition` is the pack's own entry, so a pack
-- reload can tell what the pack changed from what users changed (rule versions, dated values).
CREATE TABLE IF NOT EXISTS catalog_services (
  code text PRIMARY KEY,
  position integer NOT NULL DEFAULT 0,
  area text NOT NULL,
  category_no integer NOT NULL,
  definition jsonb NOT NULL,
  pack_definition jsonb,
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
CREATE INDEX IF NOT EXISTS catalog_services_area ON catalog_services (area, category_no);

CREATE TABLE IF NOT EXISTS catalog_parameters (
  code text PRIMARY KEY,
  position integer NOT NULL DEFAULT 0,
  definition jsonb NOT NULL,
  pack_definition jsonb,
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
