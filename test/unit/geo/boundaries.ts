/** Test helper: the Chengdu pack's district boundaries (WGS84), read once. */
import { readFileSync } from 'node:fs';
import type { AreaGeometry } from '../../../src/domain/geo/polygon.ts';

export interface DistrictFeature {
  properties: { code: string; name: string; areaKm2: number };
  geometry: AreaGeometry;
}

const url = new URL('../../../packs/chengdu-2021-2025/boundaries.geojson', import.meta.url);
export const chengduDistricts: DistrictFeature[] = JSON.parse(readFileSync(url, 'utf8')).features;

export function district(name: string): DistrictFeature {
  const f = chengduDistricts.find((d) => d.properties.name === name);
  if (!f) throw new Error(`no district ${name} in boundaries.geojson`);
  return f;
}
