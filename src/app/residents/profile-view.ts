/** A resident's profile as the portal shows it: the person they are linked to and the facts held. */
import type {
  ProfileSource,
  ResidentProfileRow,
} from '../../store/repositories/resident-profile.repository.ts';

export interface ProfileView {
  personId: string | null;
  synthetic: boolean;
  source: ProfileSource | null;
  /** Fact name → value, as the records hold them; null when not linked. */
  facts: Record<string, unknown> | null;
  revision: number | null;
  /** The resident's identity number, in full: only the resident themselves is shown their profile. */
  idNumber: string | null;
}

export function toProfileView(row: ResidentProfileRow | null, idNumber: string | null = null): ProfileView {
  if (!row) return { personId: null, synthetic: false, source: null, facts: null, revision: null, idNumber };
  return {
    personId: row.personId,
    synthetic: row.synthetic,
    source: row.source,
    facts: row.facts,
    revision: row.revision,
    idNumber,
  };
}
