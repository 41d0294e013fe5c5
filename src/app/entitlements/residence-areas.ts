/**
 * The places a person's district of residence (person.residenceDistrict) may name: the pack's
 * districts and functional zones, not the city itself — the same set the pack loader validates
 * rules against, so an edit accepts exactly what a pack load does.
 */
import type { Area } from '../../domain/plan/pack.schema.ts';

export function residenceAreas(areas: readonly Area[]): Area[] {
  return areas.filter((a) => a.kind !== 'city');
}
