/**
 * An indicator computed from the facility registry (issue 3 §3): for the indicators the registry
 * can count (beds, physicians, nurses and childcare places per 1,000, culture floor area per 10,000,
 * sports area per resident, day-care coverage, nursing-type and inclusive shares), the value for the
 * city and every district with the formula, the registry version it came from, and whether the
 * registry holds synthetic facilities. Shown next to the observed figure, never stored as one.
 */
import { createHash } from 'node:crypto';
import type { RegistryIndicatorView } from '../../domain/resources/registry-indicators.ts';
import {
  computeRegistryIndicator,
  registryIndicatorFor,
  registryIndicatorTypes,
} from '../../domain/resources/registry-indicators.ts';
import { FacilityRepository } from '../../store/repositories/facility.repository.ts';
import { SubAreaRepository } from '../../store/repositories/sub-area.repository.ts';
import type { AppContext } from '../context.ts';
import type { ScenarioOverlay } from '../scenarios/overlay.ts';
import { overlayAreas, overlayFacilities } from '../scenarios/overlay.ts';
import { requireIndicator } from '../plan/active-plan.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { authorize } from '../policies.ts';

export type { RegistryIndicatorView } from '../../domain/resources/registry-indicators.ts';

/** With `overlay`, the indicator in a scenario: its facilities and projected residents. */
export async function getRegistryIndicator(
  ctx: AppContext,
  actor: Actor,
  code: string,
  overlay?: ScenarioOverlay,
): Promise<RegistryIndicatorView> {
  authorize(actor, 'plan.read');
  const plan = await ctx.plan.get();
  const indicator = requireIndicator(plan, code);
  const def = registryIndicatorFor(indicator);
  const computedAt = ctx.clock.now().toISOString();
  if (!def) {
    return {
      indicatorCode: code,
      available: false,
      formula: null,
      reading: null,
      city: null,
      byDistrict: [],
      registry: null,
      usesSyntheticFacilities: false,
      computedAt,
    };
  }
  const [todayFacilities, communities] = await Promise.all([
    new FacilityRepository(ctx.db).list(),
    new SubAreaRepository(ctx.db).listKind('community'),
  ]);
  const facilities = overlayFacilities(todayFacilities, overlay);
  const { city, districts } = overlayAreas(plan, overlay);
  const result = computeRegistryIndicator(def, {
    facilities,
    city,
    districts,
    communities,
  });
  const types = registryIndicatorTypes(def);
  const counted = facilities.filter(
    (f) => f.status === 'open' && (types === 'all' || types.includes(f.type)),
  );
  const name = (c: string) => plan.areaByCode.get(c)?.name ?? c;
  const hash = createHash('sha256');
  for (const f of [...facilities].sort((a, b) => a.id - b.id)) hash.update(`${f.id}:${f.revision};`);
  return {
    indicatorCode: code,
    available: true,
    formula: result.formula,
    reading: result.reading,
    city: { ...result.city, name: name(result.city.areaCode) },
    byDistrict: result.byDistrict.map((d) => ({ ...d, name: name(d.areaCode) })),
    registry: {
      facilities: facilities.length,
      open: facilities.filter((f) => f.status === 'open').length,
      counted: counted.length,
      synthetic: facilities.filter((f) => f.synthetic).length,
      latestChange: facilities.reduce<string | null>(
        (m, f) => (m === null || f.updatedAt > m ? f.updatedAt : m),
        null,
      ),
      sha256: hash.digest('hex'),
    },
    usesSyntheticFacilities: counted.some((f) => f.synthetic),
    computedAt,
  };
}
