/**
 * Townships and communities. Synced from the plan pack in bulk (thousands of rows: one statement
 * per step, not one per row), with a revision for every added, changed or removed entry.
 */
import type { SubArea } from '../../domain/plan/pack.schema.ts';
import type { Db } from '../db.ts';

const COLUMNS = `code, kind, type, name, parent_code AS parent, district_code AS "districtCode"`;

export class SubAreaRepository {
  constructor(private readonly db: Db) {}

  async listByParent(parent: string): Promise<SubArea[]> {
    const r = await this.db.query<SubArea>(
      `SELECT ${COLUMNS} FROM sub_areas WHERE parent_code = $1 ORDER BY position`,
      [parent],
    );
    return r.rows;
  }

  /** Every township or every community, in table order. */
  async listKind(kind: SubArea['kind']): Promise<SubArea[]> {
    const r = await this.db.query<SubArea>(
      `SELECT ${COLUMNS} FROM sub_areas WHERE kind = $1 ORDER BY position`,
      [kind],
    );
    return r.rows;
  }

  async get(code: string): Promise<SubArea | null> {
    const r = await this.db.query<SubArea>(`SELECT ${COLUMNS} FROM sub_areas WHERE code = $1`, [code]);
    return r.rows[0] ?? null;
  }

  /** Every community's district, for checking many records at once. */
  async communityDistricts(): Promise<Map<string, string>> {
    const r = await this.db.query<{ code: string; districtCode: string }>(
      `SELECT code, district_code AS "districtCode" FROM sub_areas WHERE kind = 'community'`,
    );
    return new Map(r.rows.map((x) => [x.code, x.districtCode]));
  }

  async counts(): Promise<{ township: number; community: number }> {
    const r = await this.db.query<{ kind: 'township' | 'community'; n: number }>(
      'SELECT kind, count(*)::int AS n FROM sub_areas GROUP BY kind',
    );
    const out = { township: 0, community: 0 };
    for (const row of r.rows) out[row.kind] = row.n;
    return out;
  }

  /** Make the table hold exactly `items`; call inside a transaction. */
  async sync(
    items: readonly SubArea[],
    by: string,
    at: Date,
    reason: string,
  ): Promise<{ added: number; updated: number; removed: number }> {
    const before = new Map(
      (await this.db.query<SubArea>(`SELECT ${COLUMNS} FROM sub_areas`)).rows.map((r) => [r.code, r]),
    );
    const same = (a: SubArea, b: SubArea) =>
      a.kind === b.kind &&
      a.type === b.type &&
      a.name === b.name &&
      a.parent === b.parent &&
      a.districtCode === b.districtCode;
    const changes: Array<{ rowKey: string; previous: SubArea | null; current: SubArea | null }> = [];
    for (const item of items) {
      const prev = before.get(item.code);
      if (!prev || !same(prev, item))
        changes.push({ rowKey: item.code, previous: prev ?? null, current: item });
    }
    const keep = new Set(items.map((i) => i.code));
    const removed = [...before.values()].filter((b) => !keep.has(b.code));
    for (const r of removed) changes.push({ rowKey: r.code, previous: r, current: null });

    await this.db.query(
      `INSERT INTO sub_areas (code, kind, type, name, parent_code, district_code, position)
       SELECT x.code, x.kind, x.type, x.name, x.parent, x."districtCode", x.position
       FROM jsonb_to_recordset($1::jsonb)
         AS x(code text, kind text, type text, name text, parent text, "districtCode" text, position int)
       ON CONFLICT (code) DO UPDATE SET kind = EXCLUDED.kind, type = EXCLUDED.type, name = EXCLUDED.name,
         parent_code = EXCLUDED.parent_code, district_code = EXCLUDED.district_code, position = EXCLUDED.position`,
      [JSON.stringify(items.map((item, position) => ({ ...item, position })))],
    );
    if (removed.length > 0) {
      await this.db.query('DELETE FROM sub_areas WHERE code = ANY($1::text[])', [removed.map((r) => r.code)]);
    }
    if (changes.length > 0) {
      await this.db.query(
        `INSERT INTO revisions (table_name, row_key, revision, previous, current, changed_by, changed_at, reason)
         SELECT 'sub_areas', x."rowKey",
           1 + (SELECT count(*) FROM revisions r WHERE r.table_name = 'sub_areas' AND r.row_key = x."rowKey"),
           x.previous, x.current, $2, $3, $4
         FROM jsonb_to_recordset($1::jsonb) AS x("rowKey" text, previous jsonb, current jsonb)`,
        [JSON.stringify(changes), by, at.toISOString(), reason],
      );
    }
    const added = changes.filter((c) => c.previous === null).length;
    return { added, updated: changes.length - added - removed.length, removed: removed.length };
  }
}
