/**
 * Proactive-matching snapshots (migration 0012): the frozen result of one batch run, its counts and
 * its work lists. Written once, in one transaction, never updated. Work-list items go in batches of
 * a few tens of thousands of rows per statement (arrays unnested on the server): one round trip per
 * batch rather than per row.
 */
import type { Parameter, Service } from '../../domain/entitlements/catalog.schema.ts';
import type {
  SnapshotCountRow,
  SnapshotSummary,
  WorklistKind,
} from '../../domain/entitlements/matching-views.ts';
import { WORKLIST_KINDS } from '../../domain/entitlements/matching-views.ts';
import type { Db } from '../db.ts';

export { WORKLIST_KINDS };
export type { SnapshotCountRow, SnapshotSummary, WorklistKind };

export interface NewSnapshot {
  onDate: string;
  populationSeed: number;
  populationSize: number;
  populationHash: string;
  catalog: { services: Service[]; parameters: Parameter[] };
  catalogHash: string;
  synthetic: boolean;
  timings: Record<string, number>;
}

/** Work-list items in columns: item k is person[k], service serviceCodes[service[k]], … */
export interface WorklistColumns {
  person: Int32Array;
  service: Int32Array;
  kind: Uint8Array; // index into WORKLIST_KINDS
  district: Int32Array;
  length: number;
}

export interface WorklistItemRow {
  personIndex: number;
  serviceCode: string;
  kind: WorklistKind;
  districtCode: string;
  leadDepartment: string;
}

export interface WorklistFilter {
  districtCodes?: readonly string[] | null;
  serviceCodes?: readonly string[] | null;
  leadDepartment?: string | null;
  kind?: WorklistKind | null;
}

const SUMMARY = `id, on_date::text AS "onDate", population_seed AS "populationSeed",
  population_size AS "populationSize", population_hash AS "populationHash", catalog_hash AS "catalogHash",
  services, gap_count AS "gapCount", recheck_count AS "recheckCount",
  cannot_decide_count AS "cannotDecideCount", synthetic, timings, created_by AS "createdBy",
  created_at AS "createdAt"`;

const cleanSummary = (r: SnapshotSummary): SnapshotSummary => ({
  ...r,
  id: Number(r.id),
  cannotDecideCount: Number(r.cannotDecideCount),
  timings: typeof r.timings === 'string' ? (JSON.parse(r.timings) as Record<string, number>) : r.timings,
  createdAt: new Date(r.createdAt).toISOString(),
});

/** Rows per INSERT statement: large enough to amortise the round trip, small enough for memory. */
const BATCH_ROWS = 50_000;

/** WHERE clause of a work-list filter, parameters numbered from `first`. */
function filterSql(f: WorklistFilter, first: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    parts.push(sql.replace('?', `$${first + params.length - 1}`));
  };
  if (f.districtCodes) add('district_code = ANY(?::text[])', f.districtCodes);
  if (f.serviceCodes) add('service_code = ANY(?::text[])', f.serviceCodes);
  if (f.leadDepartment) add('lead_department = ?', f.leadDepartment);
  if (f.kind) add('kind = ?', f.kind);
  return { sql: parts.map((p) => ` AND ${p}`).join(''), params };
}

export class EntitlementSnapshotRepository {
  constructor(private readonly db: Db) {}

  async create(s: NewSnapshot, counts: readonly SnapshotCountRow[], by: string, at: Date): Promise<number> {
    const sum = (k: 'gap' | 'recheck' | 'cannotDecide') => counts.reduce((t, c) => t + c[k], 0);
    const r = await this.db.query<{ id: string }>(
      `INSERT INTO entitlement_snapshots (on_date, population_seed, population_size, population_hash,
         catalog, catalog_hash, services, gap_count, recheck_count, cannot_decide_count, synthetic, timings,
         created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
      [
        s.onDate,
        s.populationSeed,
        s.populationSize,
        s.populationHash,
        JSON.stringify(s.catalog),
        s.catalogHash,
        new Set(counts.map((c) => c.serviceCode)).size,
        sum('gap'),
        sum('recheck'),
        sum('cannotDecide'),
        s.synthetic,
        JSON.stringify(s.timings),
        by,
        at.toISOString(),
      ],
    );
    const id = Number(r.rows[0]!.id);
    for (let k = 0; k < counts.length; k += 2000) {
      const chunk = counts.slice(k, k + 2000);
      const col = <K extends keyof SnapshotCountRow>(key: K) => chunk.map((c) => c[key]);
      await this.db.query(
        `INSERT INTO entitlement_snapshot_counts (snapshot_id, district_code, service_code, lead_department,
           population, eligible, not_eligible, cannot_decide, receiving, receiving_eligible, gap, recheck)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[],
           $8::int[], $9::int[], $10::int[], $11::int[], $12::int[])`,
        [
          id,
          col('districtCode'),
          col('serviceCode'),
          col('leadDepartment'),
          col('population'),
          col('eligible'),
          col('notEligible'),
          col('cannotDecide'),
          col('receiving'),
          col('receivingEligible'),
          col('gap'),
          col('recheck'),
        ],
      );
    }
    return id;
  }

  /**
   * Appends work-list items of a snapshot, BATCH_ROWS per statement; the codes travel once per
   * statement as lookup arrays, the rows as integer arrays.
   */
  async addItems(
    snapshotId: number,
    items: WorklistColumns,
    lookups: {
      serviceCodes: readonly string[];
      departments: readonly string[];
      districtCodes: readonly string[];
    },
    onBatch?: (done: number) => Promise<void>,
  ): Promise<void> {
    for (let k = 0; k < items.length; k += BATCH_ROWS) {
      const end = Math.min(items.length, k + BATCH_ROWS);
      await this.db.query(
        `INSERT INTO entitlement_worklist_items (snapshot_id, person_index, service_code, kind, district_code, lead_department)
         SELECT $1, u.p, ($6::text[])[u.s + 1], ($7::text[])[u.k + 1], ($8::text[])[u.d + 1], ($9::text[])[u.s + 1]
         FROM unnest($2::int[], $3::int[], $4::int[], $5::int[]) AS u(p, s, k, d)`,
        [
          snapshotId,
          Array.from(items.person.subarray(k, end)),
          Array.from(items.service.subarray(k, end)),
          Array.from(items.kind.subarray(k, end)),
          Array.from(items.district.subarray(k, end)),
          lookups.serviceCodes,
          WORKLIST_KINDS,
          lookups.districtCodes,
          lookups.departments,
        ],
      );
      if (onBatch) await onBatch(end);
    }
  }

  async list(): Promise<SnapshotSummary[]> {
    const r = await this.db.query<SnapshotSummary>(
      `SELECT ${SUMMARY} FROM entitlement_snapshots ORDER BY id DESC LIMIT 100`,
    );
    return r.rows.map(cleanSummary);
  }

  async get(id: number): Promise<SnapshotSummary | null> {
    const r = await this.db.query<SnapshotSummary>(
      `SELECT ${SUMMARY} FROM entitlement_snapshots WHERE id = $1`,
      [id],
    );
    return r.rows[0] ? cleanSummary(r.rows[0]) : null;
  }

  /** The catalog the snapshot evaluated, as it was then. */
  async catalog(id: number): Promise<{ services: Service[]; parameters: Parameter[] } | null> {
    const r = await this.db.query<{ catalog: unknown }>(
      `SELECT catalog FROM entitlement_snapshots WHERE id = $1`,
      [id],
    );
    const c = r.rows[0]?.catalog;
    if (c === undefined) return null;
    return (typeof c === 'string' ? JSON.parse(c) : c) as { services: Service[]; parameters: Parameter[] };
  }

  async counts(
    id: number,
    f: Pick<WorklistFilter, 'districtCodes' | 'serviceCodes'> = {},
  ): Promise<SnapshotCountRow[]> {
    const w = filterSql(f, 2);
    const r = await this.db.query<SnapshotCountRow>(
      `SELECT district_code AS "districtCode", service_code AS "serviceCode", lead_department AS "leadDepartment",
         population, eligible, not_eligible AS "notEligible", cannot_decide AS "cannotDecide", receiving,
         receiving_eligible AS "receivingEligible", gap, recheck
       FROM entitlement_snapshot_counts WHERE snapshot_id = $1${w.sql}
       ORDER BY service_code, district_code`,
      [id, ...w.params],
    );
    return r.rows;
  }

  async countItems(id: number, f: WorklistFilter): Promise<number> {
    const w = filterSql(f, 2);
    const r = await this.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM entitlement_worklist_items WHERE snapshot_id = $1${w.sql}`,
      [id, ...w.params],
    );
    return Number(r.rows[0]!.n);
  }

  /** One page of items, in a stable order (service, kind, person). */
  async items(
    id: number,
    f: WorklistFilter,
    page: { offset: number; limit: number },
  ): Promise<WorklistItemRow[]> {
    const w = filterSql(f, 2);
    const n = w.params.length + 2;
    const r = await this.db.query<WorklistItemRow>(
      `SELECT person_index AS "personIndex", service_code AS "serviceCode", kind, district_code AS "districtCode",
         lead_department AS "leadDepartment"
       FROM entitlement_worklist_items WHERE snapshot_id = $1${w.sql}
       ORDER BY service_code, kind, person_index LIMIT $${n} OFFSET $${n + 1}`,
      [id, ...w.params, page.limit, page.offset],
    );
    return r.rows;
  }
}
