/**
 * The coverage map's pure parts: the shape of GET /api/coverage/points, the classes of walking time,
 * coverage share and norm gap with their colours, per-class counts for the legend, a categorical
 * colour per facility, and the convex hull that outlines an isochrone's reached nodes. No Leaflet
 * here, so all of it is unit-tested (test/unit/web/map-scales.test.ts).
 */
import type { Text } from '../../i18n.ts';

/** The answer to GET /api/coverage/points (src/app/resources/get-coverage-points.ts). */
export interface CoveragePointsView {
  type: string;
  circle: { minutes: number | null; metres: number; seconds: number };
  method: 'network' | 'straightLine';
  network: { sha256: string; source: string; nodes: number } | null;
  approximation: Text | null;
  detourFactor: number;
  walkingMetresPerSecond: number;
  searchLimitSeconds: number;
  usesSyntheticData: boolean;
  inputs: { residentialPoints: number; facilities: number; networkSha256: string | null; computedAt: string };
  coverage: {
    population: number;
    covered: number;
    share: number | null;
    byDistrict: Array<{
      districtCode: string;
      name: string;
      population: number;
      covered: number;
      share: number | null;
    }>;
  };
  points: {
    lon: number[];
    lat: number[];
    population: number[];
    /** People of the age bands the type serves (`servedBands`). */
    served: number[];
    /** Walking seconds to the nearest facility; null beyond `searchLimitSeconds`. */
    seconds: Array<number | null>;
    /** Index into `facilities` of the nearest one; -1 when none within the search limit. */
    facility: number[];
  };
  facilities: Array<{
    id: number;
    name: string;
    districtCode: string;
    lon: number;
    lat: number;
    population: number;
    servedPopulation: number;
  }>;
  /** The age bands the type serves, e.g. ['0-2'] for childcare; all bands for a hospital. */
  servedBands: string[];
  unassignedPopulation: number;
}

/** The answer to GET /api/isochrone. */
export interface IsochroneView {
  method: 'network' | 'straightLine';
  minutes: number;
  approximation: Text | null;
  network: { sha256: string; source: string } | null;
  reachedNodes: number;
  geometry:
    | { type: 'MultiPoint'; coordinates: Array<[number, number]> }
    | { type: 'Polygon'; coordinates: Array<Array<[number, number]>> };
  residents: number;
}

/** Upper bounds (minutes, inclusive) of the walking-time classes; then "more" and "none in reach". */
export const MINUTE_BOUNDS = [5, 10, 15, 30] as const;
/** Number of walking-time classes: one per bound, then "> 30 minutes", then "none within the search limit". */
export const MINUTE_CLASSES = MINUTE_BOUNDS.length + 2;
export const NONE_CLASS = MINUTE_CLASSES - 1;

/** Blue (near) to red (far), colour-blind safe (ColorBrewer RdYlBu), and grey for none in reach. */
export const MINUTE_COLOURS = ['#2c7bb6', '#abd9e9', '#ffffbf', '#fdae61', '#d7191c', '#6b6b6b'] as const;

/** The class of a walking time in seconds: 0 (≤ 5 min) … 4 (> 30 min), 5 when null (none in reach). */
export function minuteClass(seconds: number | null): number {
  if (seconds === null || !Number.isFinite(seconds)) return NONE_CLASS;
  const minutes = seconds / 60;
  for (let i = 0; i < MINUTE_BOUNDS.length; i++) if (minutes <= (MINUTE_BOUNDS[i] as number)) return i;
  return MINUTE_BOUNDS.length;
}

/** The legend label of a walking-time class; `limitMinutes` is the search limit (for "none"). */
export function minuteClassLabel(cls: number, limitMinutes: number): Text {
  if (cls < MINUTE_BOUNDS.length) {
    const m = MINUTE_BOUNDS[cls] as number;
    return { zh: `≤ ${m} 分钟`, en: `≤ ${m} min` };
  }
  if (cls === MINUTE_BOUNDS.length) {
    const m = MINUTE_BOUNDS[MINUTE_BOUNDS.length - 1] as number;
    return { zh: `> ${m} 分钟`, en: `> ${m} min` };
  }
  return { zh: `${limitMinutes} 分钟内无设施`, en: `none within ${limitMinutes} min` };
}

/** Points and people per class, for the legend and the text summary. */
export function classCounts(
  classes: ArrayLike<number>,
  population: ArrayLike<number>,
  classCount: number,
): Array<{ points: number; population: number }> {
  const out = Array.from({ length: classCount }, () => ({ points: 0, population: 0 }));
  for (let i = 0; i < classes.length; i++) {
    const c = out[classes[i] as number];
    if (!c) continue;
    c.points += 1;
    c.population += population[i] as number;
  }
  return out;
}

/** Coverage share classes as the coverage page draws them: 0–20 %, …, 80–100 %; -1 without a share. */
export const SHARE_COLOURS = ['#fde0c5', '#facba6', '#8fc1b5', '#3f8f83', '#11574c'] as const;
export const SHARE_LABELS = ['0–20%', '20–40%', '40–60%', '60–80%', '80–100%'] as const;

export function shareClassOf(share: number | null | undefined): number {
  if (share === null || share === undefined || !Number.isFinite(share)) return -1;
  return Math.min(4, Math.max(0, Math.floor(share * 5)));
}

/**
 * Norm gap classes by the share of the requirement missing: 0 met, 1 up to 25 % short, 2 to 50 %,
 * 3 to 75 %, 4 more; -1 when the norm cannot be computed for the district.
 */
export const GAP_COLOURS = ['#1a9641', '#fee08b', '#fdae61', '#f46d43', '#a50026'] as const;
export const GAP_LABELS: readonly Text[] = [
  { zh: '达标', en: 'Met' },
  { zh: '缺口 ≤ 25%', en: 'Short by ≤ 25%' },
  { zh: '缺口 25–50%', en: 'Short by 25–50%' },
  { zh: '缺口 50–75%', en: 'Short by 50–75%' },
  { zh: '缺口 > 75%', en: 'Short by > 75%' },
];

export function gapClassOf(row: {
  computable: boolean;
  required: number | null;
  gap: number | null;
}): number {
  if (!row.computable || row.required === null || row.gap === null) return -1;
  if (row.gap <= 0) return 0;
  if (row.required <= 0) return 0;
  const short = row.gap / row.required;
  if (short <= 0.25) return 1;
  if (short <= 0.5) return 2;
  if (short <= 0.75) return 3;
  return 4;
}

/** A distinct colour per facility (golden-angle hues), grey for points with no facility in reach. */
export function facilityColour(index: number): string {
  if (index < 0) return '#9a9a9a';
  const hue = Math.round((index * 137.508) % 360);
  const light = 38 + (index % 3) * 9;
  return `hsl(${hue} 70% ${light}%)`;
}

/**
 * The convex hull of [lon, lat] points (Andrew's monotone chain), counter-clockwise, closed (the
 * first point repeated at the end). Fewer than three distinct points give what there is.
 */
export function convexHull(points: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...points]
    .map((p) => [p[0], p[1]] as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]);
  if (sorted.length < 3) return sorted;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Array<[number, number]> = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0)
      lower.pop();
    lower.push(p);
  }
  const upper: Array<[number, number]> = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0)
      upper.pop();
    upper.push(p);
  }
  const hull = lower.slice(0, -1).concat(upper.slice(0, -1));
  hull.push(hull[0]!);
  return hull;
}

/** The people in a facility's catchment and how many points: for the side panel and its check. */
export function catchmentOf(
  facilityOfPoint: ArrayLike<number>,
  population: ArrayLike<number>,
  facility: number,
): { points: number; population: number } {
  let points = 0;
  let people = 0;
  for (let i = 0; i < facilityOfPoint.length; i++) {
    if (facilityOfPoint[i] === facility) {
      points += 1;
      people += population[i] as number;
    }
  }
  return { points, population: people };
}

/**
 * Marker radii (pixels) by zoom: at the whole city (zoom 9–10) points are specks and facilities small
 * enough not to hide them; closer in both grow, so that a click between facilities stays possible.
 */
export function markerRadii(zoom: number): { point: number; facility: number; stroke: number } {
  if (zoom < 10) return { point: 1.8, facility: 3, stroke: 0 };
  if (zoom < 12) return { point: 2.5, facility: 4, stroke: 0.4 };
  if (zoom < 14) return { point: 4, facility: 6, stroke: 0.6 };
  return { point: 6, facility: 8, stroke: 0.8 };
}
