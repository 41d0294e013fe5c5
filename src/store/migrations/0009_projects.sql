-- fuwu schema, version 9: the plan's major projects (重大项目), their milestones and progress reports,
-- and the facilities a completed project became. Projects from the plan pack keep the pack's entry in
-- `pack_definition`, so a pack reload can tell what the pack changed from what users changed.
CREATE TABLE IF NOT EXISTS projects (
  code text PRIMARY KEY,
  origin text NOT NULL CHECK (origin IN ('pack', 'user')),
  position integer NOT NULL DEFAULT 0,
  name text NOT NULL,
  name_en text,
  sector text NOT NULL,
  column_no integer,
  programme text,
  district_code text,
  kind text NOT NULL CHECK (kind IN ('new', 'expansion', 'relocation', 'programme')),
  facility_type text,
  capacities jsonb,
  count integer,
  count_text text,
  planned_start date NOT NULL,
  planned_end date NOT NULL,
  responsible_unit text,
  indicator_codes jsonb NOT NULL DEFAULT '[]'::jsonb,
  source_ref text,
  source_text text,
  notes text,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'underway', 'completed', 'cancelled')),
  completed_on date,
  pack_definition jsonb,
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
CREATE INDEX IF NOT EXISTS projects_sector_district ON projects (sector, district_code);

CREATE TABLE IF NOT EXISTS project_milestones (
  id bigserial PRIMARY KEY,
  project_code text NOT NULL REFERENCES projects(code),
  name text NOT NULL,
  planned_date date NOT NULL,
  done_date date,
  revision integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
CREATE INDEX IF NOT EXISTS project_milestones_project ON project_milestones (project_code);

CREATE TABLE IF NOT EXISTS project_reports (
  id bigserial PRIMARY KEY,
  project_code text NOT NULL REFERENCES projects(code),
  report_date date NOT NULL,
  percent double precision NOT NULL CHECK (percent >= 0 AND percent <= 100),
  text text NOT NULL,
  reported_by text NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS project_reports_project ON project_reports (project_code);

-- The facilities a completed project became (no foreign key to facilities: a facility removed later
-- stays named here, with its removal in the facility's own revisions).
CREATE TABLE IF NOT EXISTS project_facilities (
  project_code text NOT NULL REFERENCES projects(code),
  facility_id bigint NOT NULL,
  PRIMARY KEY (project_code, facility_id)
);
