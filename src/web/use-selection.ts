/**
 * The year and area a screen looks at, read from the hash query (`?year=2023&area=510104`), so
 * that a link carries them; defaults are the plan's default year and the city.
 */
import { useApp } from './app-context.ts';
import type { Route } from './router.ts';

export function useSelection(route: Route): { year: number; area: string } {
  const { meta } = useApp();
  const y = Number(route.query.get('year'));
  const year =
    Number.isInteger(y) && y >= meta.pack.baselineYear && y <= meta.pack.periodEnd ? y : meta.defaultYear;
  const a = route.query.get('area');
  const area = a && meta.areas.some((x) => x.code === a) ? a : meta.pack.cityCode;
  return { year, area };
}
