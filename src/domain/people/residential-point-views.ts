/**
 * What the residential point routes send (GET /api/residential-points/summary, POST
 * /api/residential-points/import), shared by the server and the web UI.
 */
import type { CoordinateSystem } from '../geo/china-coordinates.ts';

export interface ResidentialPointSummary {
  districts: Array<{
    districtCode: string;
    name: string;
    points: number;
    population: number;
    synthetic: number;
    bandsEstimated: number;
    /** The district's resident population in the pack (null when the pack has none). */
    packPopulation: number | null;
  }>;
  points: number;
  population: number;
  synthetic: number;
}

export interface ResidentialPointImportResult {
  accepted: true;
  rows: number;
  created: number;
  updated: number;
  /** Points whose age bands were estimated from a total by the census shares. */
  bandsEstimated: number;
  /** Synthetic points removed from the districts the file covers. */
  syntheticRemoved: number;
  districts: string[];
  crs: CoordinateSystem;
}
