/**
 * Capacity-aware accessibility by district (2SFCA or E2SFCA): supply per person of the group a
 * facility type serves, within the plan's circle, e.g. childcare places per child under 3 within
 * 15 minutes. Over the imported walking network the catchments are walking times (zones in seconds;
 * the 500 m park circle as 500 m at walking speed); without one, straight-line distance × detour
 * factor, flagged as an approximation. The result records its inputs (network hash, counts,
 * parameters and a hash of all of them) so it can be reproduced.
 */
import { createHash } from 'node:crypto';
import { networkTwoStep } from '../../domain/access/network-two-step.ts';
import type { Source } from '../../domain/access/sources.ts';
import type { DecayZone } from '../../domain/access/two-step.ts';
import { binaryZones, e2sfcaZones, twoStepFloatingCatchment } from '../../domain/access/two-step.ts';
import type { AccessibilityRow, AccessibilityView } from '../../domain/resources/accessibility-view.ts';
import type { FacilityType } from '../../domain/resources/facility.ts';
import { FACILITY_TYPES } from '../../domain/resources/facility.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import { installedNetwork } from './installed-network.ts';
import type { AppContext } from '../context.ts';
import type { ScenarioOverlay } from '../scenarios/overlay.ts';
import { loadAccessInputs } from './access-inputs.ts';
import { DEFAULT_DETOUR_FACTOR, WALKING_METRES_PER_SECOND, planCircle } from './get-coverage.ts';
import { lonLatOnNetwork } from './network-places.ts';

import { SERVES } from '../../domain/resources/served-groups.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { authorize } from '../policies.ts';

export type { AccessibilityView } from '../../domain/resources/accessibility-view.ts';

export async function getAccessibility(
  ctx: AppContext,
  actor: Actor,
  q: { type: string; method?: string },
  overlay?: ScenarioOverlay,
): Promise<AccessibilityView> {
  authorize(actor, 'plan.read');
  if (!(FACILITY_TYPES as readonly string[]).includes(q.type)) {
    throw invalidField(
      'type',
      `应为 ${FACILITY_TYPES.join('/')} 之一`,
      `must be one of ${FACILITY_TYPES.join(', ')}`,
    );
  }
  const method = q.method ?? 'e2sfca';
  if (method !== '2sfca' && method !== 'e2sfca')
    throw invalidField('method', '应为 2sfca 或 e2sfca', 'must be 2sfca or e2sfca');
  const type = q.type as FacilityType;
  const serves = SERVES[type];
  const circle = planCircle(type);
  const zonesFor = (catchment: number): DecayZone[] =>
    method === 'e2sfca' ? e2sfcaZones(catchment) : binaryZones(catchment);
  const { plan, points, open, xy } = await loadAccessInputs(ctx, type, overlay);
  const demand = Float64Array.from(points, (p) =>
    serves.bands.reduce((s, band) => s + p.population[band], 0),
  );
  const supply = Float64Array.from(open, (f) => (serves.capacity ? (f.capacities[serves.capacity] ?? 0) : 1));
  const network = await installedNetwork(ctx);

  let accessibility: Float64Array;
  let zones: DecayZone[];
  let catchmentSeconds: number | null = null;
  let catchmentMetres: number;
  if (network) {
    // Seconds on foot: the circle's minutes, or its metres at walking speed (parks: 500 m ≈ 417 s).
    catchmentSeconds = Math.round(
      circle.minutes !== null ? circle.minutes * 60 : (circle.metres as number) / WALKING_METRES_PER_SECOND,
    );
    catchmentMetres = catchmentSeconds * WALKING_METRES_PER_SECOND;
    zones = zonesFor(catchmentSeconds);
    const facilities = lonLatOnNetwork(network, open);
    const snapped = lonLatOnNetwork(network, points);
    accessibility = networkTwoStep(
      network.graph,
      Array.from(facilities.nodes, (node, j): Source => ({ node, offsetSeconds: facilities.offsets[j] })),
      supply,
      { nodes: snapped.nodes, offsets: snapped.offsets, demand },
      zones,
    ).accessibility;
  } else {
    catchmentMetres =
      circle.minutes !== null
        ? (circle.minutes * 60 * WALKING_METRES_PER_SECOND) / DEFAULT_DETOUR_FACTOR
        : (circle.metres as number);
    zones = zonesFor(catchmentMetres);
    accessibility = twoStepFloatingCatchment(
      points.map(xy),
      demand,
      open.map(xy),
      supply,
      zones,
    ).accessibility;
  }

  const sums = new Map<string, { demand: number; weighted: number; zero: number }>();
  const all = { demand: 0, weighted: 0, zero: 0 };
  points.forEach((p, i) => {
    const d = sums.get(p.districtCode) ?? { demand: 0, weighted: 0, zero: 0 };
    for (const s of [d, all]) {
      s.demand += demand[i]!;
      s.weighted += demand[i]! * accessibility[i]!;
      if (accessibility[i] === 0) s.zero += demand[i]!;
    }
    sums.set(p.districtCode, d);
  });
  const row = (d: { demand: number; weighted: number; zero: number }): AccessibilityRow => ({
    demand: d.demand,
    accessibility: d.demand > 0 ? d.weighted / d.demand : null,
    withoutAccess: d.demand > 0 ? d.zero / d.demand : null,
  });
  const detourFactor = network ? null : DEFAULT_DETOUR_FACTOR;
  return {
    type,
    method,
    catchmentBy: network ? 'network' : 'straightLine',
    catchmentMinutes: circle.minutes,
    catchmentMetres: Math.round(catchmentMetres),
    catchmentSeconds,
    zones,
    zoneUnit: network ? 'seconds' : 'metres',
    servedBands: serves.bands,
    capacity: serves.capacity,
    network: network
      ? { sha256: network.meta.sha256, source: network.meta.source, nodes: network.graph.nodeCount }
      : null,
    approximation: network
      ? null
      : {
          zh: `近似值：尚未导入步行路网，按直线距离 × 绕行系数 ${DEFAULT_DETOUR_FACTOR} 划定服务范围`,
          en: `Approximation: no walking network imported yet; catchments by straight-line distance × detour factor ${DEFAULT_DETOUR_FACTOR}`,
        },
    usesSyntheticData: points.some((p) => p.synthetic) || open.some((f) => f.synthetic),
    inputs: {
      residentialPoints: points.length,
      facilities: open.length,
      supply: supply.reduce((s, x) => s + x, 0),
      walkingMetresPerSecond: WALKING_METRES_PER_SECOND,
      detourFactor,
      sha256: createHash('sha256')
        .update(
          JSON.stringify({
            type,
            method,
            zones,
            detourFactor,
            speed: WALKING_METRES_PER_SECOND,
            network: network?.meta.sha256 ?? null,
            bands: serves.bands,
            capacity: serves.capacity,
            points: points.map((p, i) => [p.id, p.lon, p.lat, demand[i]]),
            facilities: open.map((f, j) => [f.id, f.lon, f.lat, supply[j]]),
          }),
        )
        .digest('hex'),
      computedAt: ctx.clock.now().toISOString(),
    },
    city: row(all),
    byDistrict: [...sums.entries()]
      .sort(([a], [c]) => a.localeCompare(c))
      .map(([code, d]) => ({
        districtCode: code,
        name: plan.areaByCode.get(code)?.name ?? code,
        ...row(d),
      })),
  };
}
