/**
 * What the work-list tests (notices, proactive cases, personal data) build on: one matching run over
 * the synthetic population (示例) and the gap entries (应享未享) it leaves for a service.
 */
import { runMatching } from '../../src/app/entitlements/run-matching.ts';
import type { Db } from '../../src/store/db.ts';
import type { TestPlatform } from './test-db.ts';

/** Match a synthetic population of `size` people on 2025-06-30 (seed 7) as the admin; its snapshot id. */
export async function matchSyntheticPopulation(p: TestPlatform, size: number): Promise<number> {
  const r = await runMatching(p.ctx, p.admin, { date: '2025-06-30', seed: 7, size }, async () => {});
  return r.snapshotId;
}

/** A snapshot's gap entries for one service, in one district (or all with null), by person index. */
export async function worklistGaps(
  db: Db,
  snapshotId: number,
  serviceCode: string,
  districtCode: string | null,
): Promise<Array<{ person: number; district: string }>> {
  const r = await db.query<{ person: number; district: string }>(
    `SELECT person_index AS person, district_code AS district FROM entitlement_worklist_items
     WHERE snapshot_id = $1 AND service_code = $2 AND kind = 'gap'
       AND ($3::text IS NULL OR district_code = $3) ORDER BY person_index`,
    [snapshotId, serviceCode, districtCode],
  );
  return r.rows;
}
