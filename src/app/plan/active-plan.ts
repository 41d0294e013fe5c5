/**
 * The active plan pack, read from the database once and kept until a pack load invalidates it.
 * Indexed by code, with the city and its districts picked out, because every use case needs them.
 */
import type { Area, Indicator } from '../../domain/plan/pack.schema.ts';
import { FuwuError, notFound } from '../../domain/shared/errors.ts';
import type { Db } from '../../store/db.ts';
import type { StoredPack } from '../../store/repositories/pack.repository.ts';
import { PackRepository } from '../../store/repositories/pack.repository.ts';

export interface ActivePlan extends StoredPack {
  indicatorByCode: ReadonlyMap<string, Indicator>;
  areaByCode: ReadonlyMap<string, Area>;
  city: Area;
  districts: Area[];
}

export class PlanCache {
  private current: Promise<ActivePlan> | null = null;

  constructor(private readonly db: Db) {}

  get(): Promise<ActivePlan> {
    if (!this.current) {
      this.current = this.read();
      this.current.catch(() => (this.current = null));
    }
    return this.current;
  }

  invalidate(): void {
    this.current = null;
  }

  private async read(): Promise<ActivePlan> {
    const stored = await new PackRepository(this.db).load();
    if (!stored) {
      throw new FuwuError(
        'not_found',
        '尚未加载规划包，请先运行 fuwu pack load',
        'no plan pack is loaded; run `fuwu pack load` first',
      );
    }
    const city = stored.areas.find((a) => a.kind === 'city');
    if (!city) throw new FuwuError('pack_invalid', '规划包缺少市级区域', 'the plan pack has no city area');
    return {
      ...stored,
      indicatorByCode: new Map(stored.indicators.map((i) => [i.code, i])),
      areaByCode: new Map(stored.areas.map((a) => [a.code, a])),
      city,
      districts: stored.areas.filter((a) => a.kind === 'district'),
    };
  }
}

export function requireIndicator(plan: ActivePlan, code: string): Indicator {
  const i = plan.indicatorByCode.get(code);
  if (!i) throw notFound('indicator', '指标', code);
  return i;
}

export function requireArea(plan: ActivePlan, code: string): Area {
  const a = plan.areaByCode.get(code);
  if (!a) throw notFound('area', '区域', code);
  return a;
}
