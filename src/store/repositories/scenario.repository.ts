/** Scenarios: a named list of changes per row; every edit bumps the revision and keeps the previous content. */
import type { ScenarioChange, ScenarioView } from '../../domain/scenarios/scenario.ts';
import type { Db } from '../db.ts';
import { RevisionRepository } from './revision.repository.ts';

const COLUMNS = `id, name, description, changes, revision, created_by AS "createdBy", created_at AS "createdAt",
  updated_by AS "updatedBy", updated_at AS "updatedAt"`;

const clean = (r: ScenarioView): ScenarioView => ({
  ...r,
  id: Number(r.id),
  changes: typeof r.changes === 'string' ? (JSON.parse(r.changes) as ScenarioChange[]) : r.changes,
  createdAt: new Date(r.createdAt).toISOString(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

const snapshot = (s: Pick<ScenarioView, 'name' | 'description' | 'changes'>) => ({
  name: s.name,
  description: s.description,
  changes: s.changes,
});

export interface ScenarioContent {
  name: string;
  description: string;
  changes: ScenarioChange[];
}

export class ScenarioRepository {
  constructor(private readonly db: Db) {}

  async list(): Promise<ScenarioView[]> {
    const r = await this.db.query<ScenarioView>(
      `SELECT ${COLUMNS} FROM scenarios WHERE NOT deleted ORDER BY id`,
    );
    return r.rows.map(clean);
  }

  async get(id: number): Promise<ScenarioView | null> {
    const r = await this.db.query<ScenarioView>(
      `SELECT ${COLUMNS} FROM scenarios WHERE id = $1 AND NOT deleted`,
      [id],
    );
    return r.rows[0] ? clean(r.rows[0]) : null;
  }

  async create(s: ScenarioContent, by: string, at: Date): Promise<ScenarioView> {
    const r = await this.db.query<ScenarioView>(
      `INSERT INTO scenarios (name, description, changes, created_by, created_at, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $4, $5) RETURNING ${COLUMNS}`,
      [s.name, s.description, JSON.stringify(s.changes), by, at.toISOString()],
    );
    const row = clean(r.rows[0] as ScenarioView);
    await new RevisionRepository(this.db).record(
      {
        tableName: 'scenarios',
        rowKey: String(row.id),
        revision: 1,
        previous: null,
        current: snapshot(row),
        changedBy: by,
        reason: 'created',
      },
      at,
    );
    return row;
  }

  /** Replaces the content; null when there is no such scenario. */
  async update(
    id: number,
    s: ScenarioContent,
    by: string,
    at: Date,
    reason: string,
  ): Promise<ScenarioView | null> {
    const held = await this.get(id);
    if (!held) return null;
    const r = await this.db.query<ScenarioView>(
      `UPDATE scenarios SET name = $2, description = $3, changes = $4, revision = revision + 1,
         updated_by = $5, updated_at = $6 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, s.name, s.description, JSON.stringify(s.changes), by, at.toISOString()],
    );
    const row = clean(r.rows[0] as ScenarioView);
    await new RevisionRepository(this.db).record(
      {
        tableName: 'scenarios',
        rowKey: String(id),
        revision: row.revision,
        previous: snapshot(held),
        current: snapshot(row),
        changedBy: by,
        reason,
      },
      at,
    );
    return row;
  }

  async delete(id: number, by: string, at: Date, reason: string): Promise<boolean> {
    const held = await this.get(id);
    if (!held) return false;
    await this.db.query(
      `UPDATE scenarios SET deleted = true, revision = revision + 1, updated_by = $2, updated_at = $3 WHERE id = $1`,
      [id, by, at.toISOString()],
    );
    await new RevisionRepository(this.db).record(
      {
        tableName: 'scenarios',
        rowKey: String(id),
        revision: held.revision + 1,
        previous: snapshot(held),
        current: null,
        changedBy: by,
        reason,
      },
      at,
    );
    return true;
  }
}
