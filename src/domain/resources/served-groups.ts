/**
 * Who each facility type serves (the age bands of its users) and which of its capacities counts as
 * supply for capacity-aware accessibility; a facility counts 1 when no capacity applies. Used by
 * 2SFCA, the n-th nearest, the coverage map and siting.
 */
import type { AgeBand } from '../people/age-bands.ts';
import { AGE_BANDS } from '../people/age-bands.ts';
import type { CapacityKey, FacilityType } from './facility.ts';

export const SERVES: Record<FacilityType, { bands: readonly AgeBand[]; capacity: CapacityKey | null }> = {
  childcare: { bands: ['0-2'], capacity: 'places' },
  kindergarten: { bands: ['3-5'], capacity: 'places' },
  primarySchool: { bands: ['6-14'], capacity: 'places' },
  middleSchool: { bands: ['6-14'], capacity: 'places' },
  hospital: { bands: AGE_BANDS, capacity: 'beds' },
  communityHealthCentre: { bands: AGE_BANDS, capacity: 'physicians' },
  elderlyCareInstitution: { bands: ['60-64', '65-79', '80+'], capacity: 'beds' },
  communityDayCareCentre: { bands: ['60-64', '65-79', '80+'], capacity: 'places' },
  elderlyServiceStation: { bands: ['60-64', '65-79', '80+'], capacity: null },
  culturalCentre: { bands: AGE_BANDS, capacity: 'floorAreaM2' },
  library: { bands: AGE_BANDS, capacity: 'seats' },
  sportsVenue: { bands: AGE_BANDS, capacity: 'floorAreaM2' },
  park: { bands: AGE_BANDS, capacity: null },
  legalServiceStation: { bands: AGE_BANDS, capacity: null },
  communityServiceCentre: { bands: AGE_BANDS, capacity: null },
};
