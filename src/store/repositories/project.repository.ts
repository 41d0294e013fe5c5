/**
 * Major projects, their milestones and progress reports, and the facilities a completed project
 * became. Every change to a project or a milestone writes a revision in the caller's transaction;
 * progress reports are append-only (a report is never changed, a later one supersedes it).
 */
import type { PackProject } from '../../domain/plan/pack.schema.ts';
import type { ProjectDraft, ProjectStatus } from '../../domain/projects/project.ts';
import type { Db } from '../db.ts';
import { RevisionRepository } from './revision.repository.ts';

export interface ProjectRow extends ProjectDraft {
  code: string;
  origin: 'pack' | 'user';
  status: ProjectStatus;
  /** YYYY-MM-DD, when completed. */
  completedOn: string | null;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export interface MilestoneRow {
  id: number;
  projectCode: string;
  name: string;
  plannedDate: string;
  doneDate: string | null;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export interface ReportRow {
  id: number;
  projectCode: string;
  reportDate: string;
  percent: number;
  text: string;
  reportedBy: string;
  recordedAt: string;
}

export interface ProjectFilter {
  sector?: string;
  districtCode?: string;
  status?: string;
}

export interface ProjectSyncResult {
  added: number;
  updated: number;
  removed: number;
}

const COLUMNS = `code, origin, name, name_en AS "nameEn", sector, column_no AS "column", programme,
  district_code AS "districtCode", kind, facility_type AS "facilityType", capacities, count, count_text AS "countText",
  to_char(planned_start, 'YYYY-MM-DD') AS "plannedStart", to_char(planned_end, 'YYYY-MM-DD') AS "plannedEnd",
  responsible_unit AS "responsibleUnit", indicator_codes AS indicators, source_ref AS "sourceRef",
  source_text AS "sourceText", notes, status, to_char(completed_on, 'YYYY-MM-DD') AS "completedOn", revision,
  updated_at AS "updatedAt", updated_by AS "updatedBy", lon, lat`;

const MILESTONE_COLUMNS = `id, project_code AS "projectCode", name, to_char(planned_date, 'YYYY-MM-DD') AS "plannedDate",
  to_char(done_date, 'YYYY-MM-DD') AS "doneDate", revision, updated_at AS "updatedAt", updated_by AS "updatedBy"`;

const REPORT_COLUMNS = `id, project_code AS "projectCode", to_char(report_date, 'YYYY-MM-DD') AS "reportDate", percent,
  text, reported_by AS "reportedBy", recorded_at AS "recordedAt"`;

/** A row as read: the location's two columns become one field (null when not placed). */
const cleanProject = (raw: ProjectRow & { lon?: unknown; lat?: unknown }): ProjectRow => {
  const { lon, lat, ...r } = raw;
  return {
    ...r,
    column: r.column === null ? null : Number(r.column),
    count: r.count === null ? null : Number(r.count),
    location: lon === null || lon === undefined ? null : { lon: Number(lon), lat: Number(lat) },
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
};
const cleanMilestone = (r: MilestoneRow): MilestoneRow => ({
  ...r,
  id: Number(r.id),
  updatedAt: new Date(r.updatedAt).toISOString(),
});
const cleanReport = (r: ReportRow): ReportRow => ({
  ...r,
  id: Number(r.id),
  percent: Number(r.percent),
  recordedAt: new Date(r.recordedAt).toISOString(),
});

/** A pack entry as the fields a project holds. */
export function packProjectDraft(p: PackProject): ProjectDraft {
  return {
    name: p.name,
    nameEn: p.nameEn,
    sector: p.sector,
    column: p.column,
    programme: p.programme,
    districtCode: p.districtCode,
    kind: p.kind,
    facilityType: p.facilityType,
    capacities: p.capacities === null ? null : { ...p.capacities },
    count: p.count,
    countText: p.countText ?? null,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    responsibleUnit: p.responsibleUnit,
    indicators: [...p.indicators],
    sourceRef: p.sourceRef,
    sourceText: p.sourceText,
    notes: p.notes ?? null,
    // The pack names no sites; a planner places a project (see syncPack, which keeps the place).
    location: null,
  };
}

/** What a revision keeps: the project as entered, its status and completion date. */
function snapshot(
  p: ProjectDraft & { status?: ProjectStatus; completedOn?: string | null },
): Record<string, unknown> {
  const d: ProjectDraft = {
    name: p.name,
    nameEn: p.nameEn,
    sector: p.sector,
    column: p.column,
    programme: p.programme,
    districtCode: p.districtCode,
    kind: p.kind,
    facilityType: p.facilityType,
    capacities: p.capacities,
    count: p.count,
    countText: p.countText,
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    responsibleUnit: p.responsibleUnit,
    indicators: p.indicators,
    sourceRef: p.sourceRef,
    sourceText: p.sourceText,
    notes: p.notes,
    location: p.location ?? null,
  };
  return { ...d, status: p.status ?? 'planned', completedOn: p.completedOn ?? null };
}

/** JSON with sorted keys: jsonb does not keep key order. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sort(o[k])]),
    );
  };
  return JSON.stringify(sort(JSON.parse(JSON.stringify(value))));
}

function draftValues(d: ProjectDraft): unknown[] {
  return [
    d.name,
    d.nameEn,
    d.sector,
    d.column,
    d.programme,
    d.districtCode,
    d.kind,
    d.facilityType,
    d.capacities === null ? null : JSON.stringify(d.capacities),
    d.count,
    d.countText,
    d.plannedStart,
    d.plannedEnd,
    d.responsibleUnit,
    JSON.stringify(d.indicators),
    d.sourceRef,
    d.sourceText,
    d.notes,
    d.location?.lon ?? null,
    d.location?.lat ?? null,
  ];
}

const DRAFT_SET = `name = $2, name_en = $3, sector = $4, column_no = $5, programme = $6, district_code = $7, kind = $8,
  facility_type = $9, capacities = $10, count = $11, count_text = $12, planned_start = $13, planned_end = $14,
  responsible_unit = $15, indicator_codes = $16, source_ref = $17, source_text = $18, notes = $19, lon = $20,
  lat = $21`;

export class ProjectRepository {
  private readonly revisions: RevisionRepository;

  constructor(private readonly db: Db) {
    this.revisions = new RevisionRepository(db);
  }

  async list(f: ProjectFilter = {}): Promise<ProjectRow[]> {
    const r = await this.db.query<ProjectRow>(
      `SELECT ${COLUMNS} FROM projects
       WHERE ($1::text IS NULL OR sector = $1) AND ($2::text IS NULL OR district_code = $2)
         AND ($3::text IS NULL OR status = $3)
       ORDER BY origin, position, code`,
      [f.sector ?? null, f.districtCode ?? null, f.status ?? null],
    );
    return r.rows.map(cleanProject);
  }

  async get(code: string): Promise<ProjectRow | null> {
    const r = await this.db.query<ProjectRow>(`SELECT ${COLUMNS} FROM projects WHERE code = $1`, [code]);
    return r.rows[0] ? cleanProject(r.rows[0]) : null;
  }

  /** The next free code for a project entered by a user: U-001, U-002… */
  async nextUserCode(): Promise<string> {
    const r = await this.db.query<{ n: number | string | null }>(
      `SELECT max(substring(code from 3)::int) AS n FROM projects WHERE code ~ '^U-[0-9]+$'`,
    );
    return `U-${String(Number(r.rows[0]?.n ?? 0) + 1).padStart(3, '0')}`;
  }

  async create(
    code: string,
    d: ProjectDraft,
    origin: 'pack' | 'user',
    position: number,
    packDefinition: PackProject | null,
    by: string,
    at: Date,
    reason: string,
  ): Promise<ProjectRow> {
    // A code dropped from the pack and added again continues its revision numbers.
    const revision = (await this.revisions.list('projects', code)).length + 1;
    await this.db.query(
      `INSERT INTO projects (code, name, name_en, sector, column_no, programme, district_code, kind, facility_type,
         capacities, count, count_text, planned_start, planned_end, responsible_unit, indicator_codes, source_ref,
         source_text, notes, lon, lat, origin, position, pack_definition, updated_at, updated_by, revision)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
         $23, $24, $25, $26, $27)`,
      [
        code,
        ...draftValues(d),
        origin,
        position,
        packDefinition === null ? null : JSON.stringify(packDefinition),
        at.toISOString(),
        by,
        revision,
      ],
    );
    await this.revisions.record(
      {
        tableName: 'projects',
        rowKey: code,
        revision,
        previous: null,
        current: snapshot(d),
        changedBy: by,
        reason,
      },
      at,
    );
    return (await this.get(code)) as ProjectRow;
  }

  /** Change the entered fields and, optionally, the status; the previous content is kept. */
  async update(
    code: string,
    d: ProjectDraft,
    status: ProjectStatus,
    completedOn: string | null,
    by: string,
    at: Date,
    reason: string,
    packDefinition?: PackProject,
  ): Promise<ProjectRow | null> {
    const prev = await this.get(code);
    if (!prev) return null;
    await this.db.query(
      `UPDATE projects SET ${DRAFT_SET}, status = $22, completed_on = $23, revision = revision + 1,
         updated_at = $24, updated_by = $25${packDefinition ? ', pack_definition = $26' : ''}
       WHERE code = $1`,
      [
        code,
        ...draftValues(d),
        status,
        completedOn,
        at.toISOString(),
        by,
        ...(packDefinition ? [JSON.stringify(packDefinition)] : []),
      ],
    );
    const row = (await this.get(code)) as ProjectRow;
    await this.revisions.record(
      {
        tableName: 'projects',
        rowKey: code,
        revision: row.revision,
        previous: snapshot(prev),
        current: snapshot(row),
        changedBy: by,
        reason,
      },
      at,
    );
    return row;
  }

  /**
   * Bring the pack's projects into the table. A new entry is added; an entry whose pack definition
   * changed has its planned fields replaced, keeping the previous ones as a revision (status,
   * milestones and reports stay); an entry dropped from the pack is removed when nothing refers to it.
   */
  async syncPack(
    projects: readonly PackProject[],
    by: string,
    at: Date,
    reason: string,
  ): Promise<ProjectSyncResult> {
    const result: ProjectSyncResult = { added: 0, updated: 0, removed: 0 };
    const held = await this.db.query<{ code: string; packDefinition: unknown; position: number }>(
      `SELECT code, pack_definition AS "packDefinition", position FROM projects WHERE origin = 'pack'`,
    );
    const before = new Map(held.rows.map((r) => [r.code, r]));
    for (const [position, p] of projects.entries()) {
      const prev = before.get(p.code);
      if (!prev) {
        await this.create(p.code, packProjectDraft(p), 'pack', position, p, by, at, reason);
        result.added++;
        continue;
      }
      if (Number(prev.position) !== position)
        await this.db.query('UPDATE projects SET position = $2 WHERE code = $1', [p.code, position]);
      if (canonical(prev.packDefinition) === canonical(p)) continue;
      const row = (await this.get(p.code)) as ProjectRow;
      // The pack replaces the planned fields; the place a planner gave stays (the pack has none).
      const draft = { ...packProjectDraft(p), location: row.location };
      await this.update(p.code, draft, row.status, row.completedOn, by, at, reason, p);
      result.updated++;
    }
    const keep = new Set(projects.map((p) => p.code));
    for (const code of before.keys()) {
      if (keep.has(code) || (await this.isReferenced(code))) continue;
      const prev = (await this.get(code)) as ProjectRow;
      await this.db.query('DELETE FROM projects WHERE code = $1', [code]);
      await this.revisions.recordDeletion(
        'projects',
        code,
        { revision: prev.revision, content: snapshot(prev) },
        by,
        at,
        reason,
      );
      result.removed++;
    }
    return result;
  }

  private async isReferenced(code: string): Promise<boolean> {
    const r = await this.db.query<{ n: number | string }>(
      `SELECT (SELECT count(*) FROM project_milestones WHERE project_code = $1)
        + (SELECT count(*) FROM project_reports WHERE project_code = $1)
        + (SELECT count(*) FROM project_facilities WHERE project_code = $1) AS n`,
      [code],
    );
    return Number(r.rows[0]?.n ?? 0) > 0;
  }

  async milestones(code?: string): Promise<MilestoneRow[]> {
    const r = await this.db.query<MilestoneRow>(
      `SELECT ${MILESTONE_COLUMNS} FROM project_milestones WHERE ($1::text IS NULL OR project_code = $1)
       ORDER BY planned_date, id`,
      [code ?? null],
    );
    return r.rows.map(cleanMilestone);
  }

  async milestone(id: number): Promise<MilestoneRow | null> {
    const r = await this.db.query<MilestoneRow>(
      `SELECT ${MILESTONE_COLUMNS} FROM project_milestones WHERE id = $1`,
      [id],
    );
    return r.rows[0] ? cleanMilestone(r.rows[0]) : null;
  }

  async addMilestone(
    code: string,
    m: { name: string; plannedDate: string; doneDate: string | null },
    by: string,
    at: Date,
  ): Promise<MilestoneRow> {
    const r = await this.db.query<{ id: number }>(
      `INSERT INTO project_milestones (project_code, name, planned_date, done_date, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [code, m.name, m.plannedDate, m.doneDate, at.toISOString(), by],
    );
    const id = Number(r.rows[0]?.id);
    await this.revisions.record(
      {
        tableName: 'project_milestones',
        rowKey: String(id),
        revision: 1,
        previous: null,
        current: { projectCode: code, ...m },
        changedBy: by,
        reason: 'entered',
      },
      at,
    );
    return (await this.milestone(id)) as MilestoneRow;
  }

  async updateMilestone(
    id: number,
    m: { name: string; plannedDate: string; doneDate: string | null },
    by: string,
    at: Date,
    reason: string,
  ): Promise<MilestoneRow | null> {
    const prev = await this.milestone(id);
    if (!prev) return null;
    await this.db.query(
      `UPDATE project_milestones SET name = $2, planned_date = $3, done_date = $4, revision = revision + 1,
         updated_at = $5, updated_by = $6 WHERE id = $1`,
      [id, m.name, m.plannedDate, m.doneDate, at.toISOString(), by],
    );
    const row = (await this.milestone(id)) as MilestoneRow;
    await this.revisions.record(
      {
        tableName: 'project_milestones',
        rowKey: String(id),
        revision: row.revision,
        previous: {
          projectCode: prev.projectCode,
          name: prev.name,
          plannedDate: prev.plannedDate,
          doneDate: prev.doneDate,
        },
        current: { projectCode: prev.projectCode, ...m },
        changedBy: by,
        reason,
      },
      at,
    );
    return row;
  }

  async reports(code?: string): Promise<ReportRow[]> {
    const r = await this.db.query<ReportRow>(
      `SELECT ${REPORT_COLUMNS} FROM project_reports WHERE ($1::text IS NULL OR project_code = $1)
       ORDER BY report_date, id`,
      [code ?? null],
    );
    return r.rows.map(cleanReport);
  }

  async addReport(
    code: string,
    rep: { reportDate: string; percent: number; text: string },
    by: string,
    at: Date,
  ): Promise<ReportRow> {
    const r = await this.db.query<ReportRow>(
      `INSERT INTO project_reports (project_code, report_date, percent, text, reported_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${REPORT_COLUMNS}`,
      [code, rep.reportDate, rep.percent, rep.text, by, at.toISOString()],
    );
    return cleanReport(r.rows[0] as ReportRow);
  }

  async linkFacility(code: string, facilityId: number): Promise<void> {
    await this.db.query('INSERT INTO project_facilities (project_code, facility_id) VALUES ($1, $2)', [
      code,
      facilityId,
    ]);
  }

  async facilityIds(code?: string): Promise<Array<{ projectCode: string; facilityId: number }>> {
    const r = await this.db.query<{ projectCode: string; facilityId: number }>(
      `SELECT project_code AS "projectCode", facility_id AS "facilityId" FROM project_facilities
       WHERE ($1::text IS NULL OR project_code = $1) ORDER BY facility_id`,
      [code ?? null],
    );
    return r.rows.map((x) => ({ projectCode: x.projectCode, facilityId: Number(x.facilityId) }));
  }
}
