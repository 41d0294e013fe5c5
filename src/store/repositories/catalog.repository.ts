/**
 * The service catalog and its parameters as stored documents (migration 0011). Every write bumps
 * the row's revision and keeps the previous document in `revisions`, so no rule, amount or wording
 * is ever lost. The pack sync compares with the pack's own last entry (`pack_definition`): the same
 * pack loaded again writes nothing; a changed entry is merged with what users added (catalog-merge).
 */
import type { Parameter, Service } from '../../domain/entitlements/catalog.schema.ts';
import { mergeParameterUpdate, mergeServiceUpdate } from '../../domain/entitlements/catalog-merge.ts';
import type { Db } from '../db.ts';
import { canonicalJson } from './pack.repository.ts';
import { RevisionRepository } from './revision.repository.ts';

export const SERVICE_TABLE = 'catalog_services';
export const PARAMETER_TABLE = 'catalog_parameters';
export type CatalogTable = typeof SERVICE_TABLE | typeof PARAMETER_TABLE;

export interface StoredEntry<T> {
  code: string;
  definition: T;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export interface CatalogSyncResult {
  added: number;
  updated: number;
}

interface Row<T> extends StoredEntry<T> {
  packDefinition: T | null;
}

const COLUMNS = `code, definition, pack_definition AS "packDefinition", revision,
  updated_at AS "updatedAt", updated_by AS "updatedBy"`;

function clean<T>(r: Row<T>): Row<T> {
  return { ...r, revision: Number(r.revision), updatedAt: new Date(r.updatedAt).toISOString() };
}

/** What callers see: the pack's own entry is the sync's business only. */
function withoutPack<T>(r: Row<T>): StoredEntry<T> {
  return {
    code: r.code,
    definition: r.definition,
    revision: r.revision,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  };
}

export class CatalogRepository {
  private readonly revisions: RevisionRepository;

  constructor(private readonly db: Db) {
    this.revisions = new RevisionRepository(db);
  }

  async services(): Promise<StoredEntry<Service>[]> {
    return this.all<Service>(SERVICE_TABLE);
  }

  async parameters(): Promise<StoredEntry<Parameter>[]> {
    return this.all<Parameter>(PARAMETER_TABLE);
  }

  /**
   * A stamp that changes whenever the catalog does (a row added, changed or removed): counts, revision
   * sums and the latest change of both tables, read in one small query instead of every document.
   */
  async stamp(): Promise<string> {
    const part = (t: string) =>
      `(SELECT count(*) || ':' || coalesce(sum(revision), 0) || ':' || coalesce(max(updated_at)::text, '') FROM ${t})`;
    const r = await this.db.query<{ stamp: string }>(
      `SELECT ${part(SERVICE_TABLE)} || '|' || ${part(PARAMETER_TABLE)} AS stamp`,
    );
    return r.rows[0]?.stamp ?? '';
  }

  async service(code: string): Promise<StoredEntry<Service> | null> {
    return this.one<Service>(SERVICE_TABLE, code);
  }

  async parameter(code: string): Promise<StoredEntry<Parameter> | null> {
    return this.one<Parameter>(PARAMETER_TABLE, code);
  }

  /** Hold the row until the transaction ends (an edit reads, validates, then writes it). */
  async lock(table: CatalogTable, code: string): Promise<boolean> {
    const r = await this.db.query(`SELECT code FROM ${table} WHERE code = $1 FOR UPDATE`, [code]);
    return r.rows.length > 0;
  }

  /** Replace a service's document, keeping the previous one as a revision. */
  async saveService(s: Service, by: string, at: Date, reason: string): Promise<number> {
    return this.save(SERVICE_TABLE, s.code, s, by, at, reason, { area: s.area, category_no: s.categoryNo });
  }

  async saveParameter(p: Parameter, by: string, at: Date, reason: string): Promise<number> {
    return this.save(PARAMETER_TABLE, p.code, p, by, at, reason, {});
  }

  /**
   * Bring the pack's services and parameters in. New entries are added; an entry whose pack
   * definition changed is merged (the pack's fields, users' dated additions kept) with a revision;
   * an unchanged one is not touched. Entries dropped from a pack stay: cases and work lists name them.
   */
  async syncPack(
    services: readonly Service[],
    parameters: readonly Parameter[],
    by: string,
    at: Date,
    reason: string,
  ): Promise<{ services: CatalogSyncResult; parameters: CatalogSyncResult }> {
    const stamp = { by, at, reason };
    return {
      services: await this.syncTable(SERVICE_TABLE, services, mergeServiceUpdate, stamp, (s) => ({
        area: s.area,
        category_no: s.categoryNo,
      })),
      parameters: await this.syncTable(PARAMETER_TABLE, parameters, mergeParameterUpdate, stamp, () => ({})),
    };
  }

  private async syncTable<T extends { code: string }>(
    table: CatalogTable,
    items: readonly T[],
    merge: (stored: T, oldPack: T | null, newPack: T) => T,
    stamp: { by: string; at: Date; reason: string },
    columns: (item: T) => Record<string, unknown>,
  ): Promise<CatalogSyncResult> {
    const result: CatalogSyncResult = { added: 0, updated: 0 };
    for (const [position, item] of items.entries()) {
      const prev = await this.row<T>(table, item.code);
      if (!prev) {
        const cols: Record<string, unknown> = {
          code: item.code,
          position,
          definition: JSON.stringify(item),
          pack_definition: JSON.stringify(item),
          revision: 1,
          updated_at: stamp.at.toISOString(),
          updated_by: stamp.by,
          ...columns(item),
        };
        const names = Object.keys(cols);
        await this.db.query(
          `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
          names.map((n) => cols[n]),
        );
        await this.revisions.record(
          {
            tableName: table,
            rowKey: item.code,
            revision: 1,
            previous: null,
            current: item as never,
            changedBy: stamp.by,
            reason: stamp.reason,
          },
          stamp.at,
        );
        result.added++;
        continue;
      }
      await this.db.query(`UPDATE ${table} SET position = $2 WHERE code = $1 AND position <> $2`, [
        item.code,
        position,
      ]);
      if (prev.packDefinition !== null && canonicalJson(prev.packDefinition) === canonicalJson(item))
        continue;
      const merged = merge(prev.definition, prev.packDefinition, item);
      await this.save(table, item.code, merged, stamp.by, stamp.at, stamp.reason, columns(item), item);
      result.updated++;
    }
    return result;
  }

  private async all<T>(table: CatalogTable): Promise<StoredEntry<T>[]> {
    const r = await this.db.query<Row<T>>(`SELECT ${COLUMNS} FROM ${table} ORDER BY position, code`);
    return r.rows.map((row) => withoutPack(clean(row)));
  }

  private async one<T>(table: CatalogTable, code: string): Promise<StoredEntry<T> | null> {
    const r = await this.row<T>(table, code);
    return r ? withoutPack(r) : null;
  }

  private async row<T>(table: CatalogTable, code: string): Promise<Row<T> | null> {
    const r = await this.db.query<Row<T>>(`SELECT ${COLUMNS} FROM ${table} WHERE code = $1`, [code]);
    return r.rows[0] ? clean(r.rows[0]) : null;
  }

  private async save<T extends { code: string }>(
    table: CatalogTable,
    code: string,
    doc: T,
    by: string,
    at: Date,
    reason: string,
    extra: Record<string, unknown>,
    packDefinition?: T,
  ): Promise<number> {
    const prev = await this.row<T>(table, code);
    if (!prev) throw new Error(`${table} ${code} is not stored`);
    const revision = prev.revision + 1;
    const sets = ['definition = $2', 'revision = $3', 'updated_at = $4', 'updated_by = $5'];
    const values: unknown[] = [code, JSON.stringify(doc), revision, at.toISOString(), by];
    for (const [k, v] of Object.entries(extra)) {
      values.push(v);
      sets.push(`${k} = $${values.length}`);
    }
    if (packDefinition !== undefined) {
      values.push(JSON.stringify(packDefinition));
      sets.push(`pack_definition = $${values.length}`);
    }
    await this.db.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE code = $1`, values);
    await this.revisions.record(
      {
        tableName: table,
        rowKey: code,
        revision,
        previous: prev.definition as never,
        current: doc as never,
        changedBy: by,
        reason,
      },
      at,
    );
    return revision;
  }
}
