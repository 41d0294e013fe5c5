/** UI labels of facility ownership and status (the types and capacities have domain label tables). */
import type { FacilityStatus, Ownership } from '../../domain/resources/facility.ts';
import type { MessageKey } from '../i18n.ts';

export const OWNERSHIP_KEYS: Record<Ownership, MessageKey> = {
  public: 'ownershipPublic',
  inclusive: 'ownershipInclusive',
  private: 'ownershipPrivate',
};

export const FACILITY_STATUS_KEYS: Record<FacilityStatus, MessageKey> = {
  planned: 'facilityPlanned',
  underConstruction: 'facilityUnderConstruction',
  open: 'facilityOpen',
  closed: 'facilityClosed',
};
