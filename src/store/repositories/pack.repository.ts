/**
 * The active plan pack in the database: its areas, indicators and norms. Definitions are kept as
 * JSON (the pack's schema is the contract); any change to an existing entry keeps its previous
 * definition in `revisions`, so reloading an edited pack never loses what was there.
 */
import type { CalendarYear } from '../../domain/cases/calendar.schema.ts';
import type { Area, Indicator, Norm, PackMeta, PlanPack } from '../../domain/plan/pack.schema.ts';
import type { Db } from '../db.ts';
import { RevisionRepository } from './revision.repository.ts';
import { SubAreaRepository } from './sub-area.repository.ts';

export interface ActivePackRow {
  id: string;
  version: string;
  contentHash: string;
  loadedAt: string;
  loadedBy: string;
}

export interface PackSyncResult {
  changed: boolean;
  added: number;
  updated: number;
  removed: number;
}

type Entry = { code: string };

/**
 * JSON with object keys sorted, for comparing a definition with the one stored: jsonb does not keep
 * key order (it sorts keys by length, then bytes), so plain JSON.stringify saw every entry as changed.
 */
export function canonicalJson(value: unknown): string {
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

/** The active pack as stored: what the app evaluates against. */
export interface StoredPack {
  meta: PackMeta;
  contentHash: string;
  loadedAt: string;
  indicators: Indicator[];
  areas: Area[];
  norms: Norm[];
  /** District boundaries by area code (GeoJSON features). */
  boundaries: Array<{ code: string; feature: unknown }>;
}

export class PackRepository {
  constructor(private readonly db: Db) {}

  async active(): Promise<ActivePackRow | null> {
    const r = await this.db.query<ActivePackRow>(
      `SELECT id, version, content_hash AS "contentHash", loaded_at AS "loadedAt", loaded_by AS "loadedBy"
       FROM plan_packs WHERE active`,
    );
    const row = r.rows[0];
    return row ? { ...row, loadedAt: new Date(row.loadedAt).toISOString() } : null;
  }

  /** Read the active pack back, in pack order; null before any pack is loaded. */
  async load(): Promise<StoredPack | null> {
    const head = await this.db.query<{ meta: PackMeta; contentHash: string; loadedAt: string }>(
      'SELECT meta, content_hash AS "contentHash", loaded_at AS "loadedAt" FROM plan_packs WHERE active',
    );
    const h = head.rows[0];
    if (!h) return null;
    const defs = async <T>(table: string) =>
      (await this.db.query<{ definition: T }>(`SELECT definition FROM ${table} ORDER BY position`)).rows.map(
        (r) => r.definition,
      );
    const boundaries = await this.db.query<{ code: string; feature: unknown }>(
      'SELECT code, boundary AS feature FROM areas WHERE boundary IS NOT NULL ORDER BY position',
    );
    return {
      meta: h.meta,
      contentHash: h.contentHash,
      loadedAt: new Date(h.loadedAt).toISOString(),
      indicators: await defs<Indicator>('indicators'),
      areas: await defs<Area>('areas'),
      norms: await defs<Norm>('norms'),
      boundaries: boundaries.rows,
    };
  }

  /** Make `pack` the active pack; call inside a transaction. No-op when its content is already active. */
  async activate(pack: PlanPack, by: string, at: Date): Promise<PackSyncResult> {
    const current = await this.active();
    if (current && current.id === pack.meta.id && current.contentHash === pack.contentHash) {
      // Same content (the hash covers the calendar file): only a database migrated to 0014 after the
      // load lacks the calendar, so it is filled in then.
      await this.db.query('UPDATE plan_packs SET calendar = $1::jsonb WHERE active AND calendar IS NULL', [
        JSON.stringify(pack.calendar),
      ]);
      return { changed: false, added: 0, updated: 0, removed: 0 };
    }
    const revisions = new RevisionRepository(this.db);
    const reason = `plan pack ${pack.meta.id}@${pack.meta.version} (${pack.contentHash.slice(0, 12)})`;
    const result: PackSyncResult = { changed: true, added: 0, updated: 0, removed: 0 };
    const boundaryByCode = new Map(
      pack.boundaries.features.map((f) => [(f as { properties: { code: string } }).properties.code, f]),
    );

    const sync = async <T extends Entry>(
      table: 'areas' | 'indicators' | 'norms',
      items: readonly T[],
      columns: (item: T, position: number) => Record<string, unknown>,
    ) => {
      const existing = await this.db.query<{ code: string; definition: unknown }>(
        `SELECT code, definition FROM ${table}`,
      );
      const before = new Map(existing.rows.map((r) => [r.code, r.definition]));
      for (const [position, item] of items.entries()) {
        const cols = { code: item.code, position, definition: item, ...columns(item, position) };
        const names = Object.keys(cols);
        const values = names.map((n) => {
          const v = (cols as Record<string, unknown>)[n];
          return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
        });
        const prev = before.get(item.code);
        if (prev === undefined) {
          await this.db.query(
            `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
            values,
          );
          await revisions.record(
            {
              tableName: table,
              rowKey: item.code,
              revision: 1,
              previous: null,
              current: item as never,
              changedBy: by,
              reason,
            },
            at,
          );
          result.added++;
        } else {
          await this.db.query(
            `UPDATE ${table} SET ${names.map((n, i) => `${n} = $${i + 1}`).join(', ')} WHERE code = $1`,
            values,
          );
          if (canonicalJson(prev) !== canonicalJson(item)) {
            const n = (await revisions.list(table, item.code)).length + 1;
            await revisions.record(
              {
                tableName: table,
                rowKey: item.code,
                revision: n,
                previous: prev as never,
                current: item as never,
                changedBy: by,
                reason,
              },
              at,
            );
            result.updated++;
          }
        }
      }
      const keep = new Set(items.map((i) => i.code));
      for (const code of before.keys()) {
        if (keep.has(code)) continue;
        // Entries dropped from the pack stay while figures refer to them; otherwise they go, with a revision.
        const used = table === 'norms' ? false : await this.isReferenced(table, code);
        if (used) continue;
        await this.db.query(`DELETE FROM ${table} WHERE code = $1`, [code]);
        const n = (await revisions.list(table, code)).length + 1;
        await revisions.record(
          {
            tableName: table,
            rowKey: code,
            revision: n,
            previous: before.get(code) as never,
            current: null,
            changedBy: by,
            reason,
          },
          at,
        );
        result.removed++;
      }
    };

    await sync('areas', pack.areas, (a) => ({ kind: a.kind, boundary: boundaryByCode.get(a.code) ?? null }));
    await sync('indicators', pack.indicators, (i) => ({
      headline: i.headline,
      category: i.category,
      sector: i.sector,
    }));
    await sync('norms', pack.norms, () => ({}));

    const subAreas = await new SubAreaRepository(this.db).sync(pack.subAreas, by, at, reason);
    result.added += subAreas.added;
    result.updated += subAreas.updated;
    result.removed += subAreas.removed;

    await this.db.query('UPDATE plan_packs SET active = false WHERE active');
    await this.db.query(
      `INSERT INTO plan_packs (id, version, content_hash, meta, loaded_at, loaded_by, active, calendar)
       VALUES ($1, $2, $3, $4, $5, $6, true, $7::jsonb)
       ON CONFLICT (id, version) DO UPDATE SET content_hash = $3, meta = $4, loaded_at = $5, loaded_by = $6,
         active = true, calendar = $7::jsonb`,
      [
        pack.meta.id,
        pack.meta.version,
        pack.contentHash,
        JSON.stringify(pack.meta),
        at.toISOString(),
        by,
        JSON.stringify(pack.calendar),
      ],
    );
    return result;
  }

  /**
   * The working-day calendar stored with the pack loaded as `id@version` with `contentHash` (case
   * deadlines): null when that pack is not stored, [] when it has no calendar.
   */
  async calendar(id: string, version: string, contentHash: string): Promise<CalendarYear[] | null> {
    const r = await this.db.query<{ calendar: CalendarYear[] | null }>(
      'SELECT calendar FROM plan_packs WHERE id = $1 AND version = $2 AND content_hash = $3',
      [id, version, contentHash],
    );
    const row = r.rows[0];
    return row ? (row.calendar ?? []) : null;
  }

  private async isReferenced(table: 'areas' | 'indicators', code: string): Promise<boolean> {
    const column = table === 'areas' ? 'area_code' : 'indicator_code';
    const r = await this.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM observations WHERE ${column} = $1) + (SELECT count(*) FROM judgements WHERE ${column} = $1) AS n`,
      [code],
    );
    return Number(r.rows[0]?.n ?? 0) > 0;
  }
}
