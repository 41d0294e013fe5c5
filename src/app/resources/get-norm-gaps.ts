/**
 * The gap table: each district against each per-population norm of the plan, counted from the
 * facility registry, as data and as an Excel workbook.
 */
import { CHENGDU_AGE_SHARES_2020 } from '../../domain/people/age-bands.ts';
import { computeNormGaps } from '../../domain/resources/norm-gaps.ts';
import type { NormGapsView } from '../../domain/resources/views.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { applyDistrictChanges, applyNormChanges } from '../../domain/scenarios/apply-changes.ts';
import type { AppContext } from '../context.ts';
import { tableWorkbook } from '../files/table-workbook.ts';
import type { ScenarioOverlay } from '../scenarios/overlay.ts';
import { overlayFacilities } from '../scenarios/overlay.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { authorize } from '../policies.ts';

export type { NormGapView, NormGapsView } from '../../domain/resources/views.ts';

/** With `overlay`, the gaps of a scenario: its facilities, projected residents and changed norms. */
export async function getNormGaps(
  ctx: AppContext,
  actor: Actor,
  districtCode?: string,
  overlay?: ScenarioOverlay,
): Promise<NormGapsView> {
  authorize(actor, 'plan.read');
  const plan = await ctx.plan.get();
  const facilities = overlayFacilities(
    await new FacilityRepository(ctx.db).list({ districtCode }),
    overlay,
  ).filter((f) => !districtCode || f.districtCode === districtCode);
  const norms = overlay ? applyNormChanges(plan.norms, overlay.changes) : plan.norms;
  const allDistricts = overlay ? applyDistrictChanges(plan.districts, [], overlay.changes) : plan.districts;
  const districts = allDistricts.filter((d) => !districtCode || d.code === districtCode);
  const gaps = computeNormGaps({
    norms,
    districts,
    facilities,
    ageShares: CHENGDU_AGE_SHARES_2020.shares,
  });
  const normByCode = new Map(norms.map((n) => [n.code, n]));
  return {
    rows: gaps.map((g) => {
      const n = normByCode.get(g.normCode);
      return {
        ...g,
        districtName: plan.areaByCode.get(g.districtCode)?.name ?? g.districtCode,
        normName: n?.name ?? g.normCode,
        normNameEn: n?.nameEn ?? g.normCode,
        normValue: n?.value ?? 0,
        perCount: n?.per?.count ?? 1,
        unit: n?.unit ?? '',
        sourceRef: n?.sourceRef ?? '',
      };
    }),
    usesSyntheticFacilities: facilities.some((f) => f.synthetic),
    ageSharesSource: CHENGDU_AGE_SHARES_2020.source,
  };
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

export function renderNormGapsXlsx(view: NormGapsView): Promise<Buffer> {
  return tableWorkbook(
    '资源缺口',
    [
      { header: '区（市）县', key: 'district', width: 12 },
      { header: '配置标准', key: 'norm', width: 30 },
      { header: '标准值', key: 'standard', width: 18 },
      { header: '计算人口', key: 'population', width: 14 },
      { header: '应配置', key: 'required', width: 12 },
      { header: '现有', key: 'supply', width: 12 },
      { header: '缺口', key: 'gap', width: 12 },
      { header: '是否达标', key: 'met', width: 10 },
      { header: '说明', key: 'note', width: 40 },
      { header: '出处', key: 'source', width: 20 },
    ],
    view.rows.map((r) => ({
      district: r.districtName,
      norm: r.normName,
      standard: `${r.normValue}${r.unit} / ${r.perCount}人`,
      population: r.population,
      required: round(r.required),
      supply: round(r.supply),
      gap: round(r.gap),
      met: r.met === null ? '—' : r.met ? '达标' : '不足',
      note: r.reason?.zh ?? (r.populationEstimated ? '人口按全市年龄结构估算' : ''),
      source: r.sourceRef,
    })),
    view.usesSyntheticFacilities ? '注：含系统生成的示例设施（示例数据），非真实统计' : undefined,
  );
}
