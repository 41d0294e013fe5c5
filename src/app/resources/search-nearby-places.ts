/**
 * Place search for the nearby-services page (issue 6 §4): no geocoder works offline, so a resident
 * finds their community (社区/村) or township (街道/镇) by name, located at the centre of its
 * residential points. Public: names of places are not personal data; the query is not stored.
 */
import { invalidField } from '../../domain/shared/errors.ts';
import { NearbyRepository } from '../../store/repositories/nearby.repository.ts';
import type { AppContext } from '../context.ts';

export const MAX_PLACES = 20;
const MAX_QUERY_CHARS = 40;

export interface NearbyPlace {
  code: string;
  kind: 'community' | 'township';
  name: string;
  districtCode: string;
  district: string | null;
  lon: number;
  lat: number;
  /** Located from synthetic residential points (示例): the place is real, its centre is not. */
  synthetic: boolean;
}

export async function searchNearbyPlaces(
  ctx: AppContext,
  q: { q?: unknown },
): Promise<{ places: NearbyPlace[] }> {
  const text = typeof q.q === 'string' ? q.q.trim() : '';
  if (text.length === 0 || text.length > MAX_QUERY_CHARS) {
    throw invalidField(
      'q',
      `请输入 1 到 ${MAX_QUERY_CHARS} 个字的社区或街道名称`,
      `enter 1 to ${MAX_QUERY_CHARS} characters of a community or township name`,
    );
  }
  const plan = await ctx.plan.get();
  const districtName = new Map(plan.districts.map((d) => [d.code, d.name]));
  const rows = await new NearbyRepository(ctx.db).search(text, MAX_PLACES);
  return {
    places: rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      name: r.name,
      districtCode: r.districtCode,
      district: districtName.get(r.districtCode) ?? null,
      lon: Math.round(r.lon * 1e6) / 1e6,
      lat: Math.round(r.lat * 1e6) / 1e6,
      synthetic: r.synthetic,
    })),
  };
}
