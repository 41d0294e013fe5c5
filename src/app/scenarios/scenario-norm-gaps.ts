/**
 * Norm gaps of scenarios from a kept baseline (issue 4 §2, "changing one facility updates the figures
 * quickly"): today's gaps are computed once per registry and plan (kept in memory, keyed by a hash of
 * the facilities' ids and revisions, the norms and the districts' residents) and a scenario starts
 * from a copy, recomputing only the districts its changes touch (src/domain/scenarios/
 * incremental-norm-gaps.ts). Equal to getNormGaps with the scenario's overlay, row for row;
 * test/db/scenarios.test.ts checks it.
 */
import { createHash } from 'node:crypto';
import { CHENGDU_AGE_SHARES_2020 } from '../../domain/people/age-bands.ts';
import type { NormGapView } from '../../domain/resources/views.ts';
import { IncrementalNormGaps } from '../../domain/scenarios/incremental-norm-gaps.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import type { AppContext } from '../context.ts';
import type { ScenarioOverlay } from './overlay.ts';
import { addedFacilityRow, unplacedProjectRow } from './overlay.ts';

const baselines = new WeakMap<AppContext, { key: string; state: IncrementalNormGaps }>();

/**
 * Ids given to unplaced projects inside the incremental state: below any added facility's id. Only
 * their order matters to the sums (after the added ones, as overlayFacilities puts them).
 */
const UNPLACED_FIRST_ID = -1_000_000_000;

/** The norm gap rows of each overlay (undefined: today), as getNormGaps gives them; `reused` when the kept baseline served. */
export async function scenarioNormGaps(
  ctx: AppContext,
  overlays: ReadonlyArray<ScenarioOverlay | undefined>,
): Promise<{ rows: NormGapView[][]; reused: boolean }> {
  const plan = await ctx.plan.get();
  const facilities = await new FacilityRepository(ctx.db).list();
  const hash = createHash('sha256');
  for (const f of facilities) hash.update(`${f.id},${f.revision};`);
  hash.update('|');
  for (const n of plan.norms) hash.update(`${n.code},${n.value};`);
  hash.update('|');
  for (const d of plan.districts) hash.update(`${d.code},${d.residentPopulation};`);
  const key = hash.digest('hex');
  let base = baselines.get(ctx);
  const reused = base?.key === key;
  if (!base || !reused) {
    const state = new IncrementalNormGaps({
      norms: plan.norms,
      districts: plan.districts,
      facilities,
      ageShares: CHENGDU_AGE_SHARES_2020.shares,
    });
    state.rows();
    base = { key, state };
    baselines.set(ctx, base);
  }
  const normByCode = new Map(plan.norms.map((n) => [n.code, n]));
  const rows = overlays.map((overlay) => {
    const s = base.state.copy();
    if (overlay) {
      s.applyScenario(overlay.changes, addedFacilityRow);
      (overlay.unplaced ?? []).forEach((p, i) => s.add(unplacedProjectRow(p, UNPLACED_FIRST_ID - i)));
    }
    const changedNorms = new Map(
      (overlay?.changes ?? []).flatMap((c) => (c.kind === 'changeNorm' ? [[c.normCode, c.value]] : [])),
    );
    return s.rows().map((g): NormGapView => {
      const n = normByCode.get(g.normCode);
      return {
        ...g,
        districtName: plan.areaByCode.get(g.districtCode)?.name ?? g.districtCode,
        normName: n?.name ?? g.normCode,
        normNameEn: n?.nameEn ?? g.normCode,
        normValue: changedNorms.get(g.normCode) ?? n?.value ?? 0,
        perCount: n?.per?.count ?? 1,
        unit: n?.unit ?? '',
        sourceRef: n?.sourceRef ?? '',
      };
    });
  });
  return { rows, reused };
}
