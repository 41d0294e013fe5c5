/** What the web needs to draw its frame: the pack, the areas, the label tables, the default year. */
import { REVIEW_KINDS, REVIEW_LABELS } from '../../domain/plan/review.ts';
import { CATEGORIES, SECTORS } from '../../domain/plan/pack.schema.ts';
import { CATEGORY_LABELS, SECTOR_LABELS } from '../../domain/plan/labels.ts';
import { STATUSES, STATUS_LABELS } from '../../domain/plan/status.ts';
import type { MetaView } from '../../domain/plan/views.ts';
import { ObservationRepository } from '../../store/repositories/observation.repository.ts';
import type { AppContext } from '../context.ts';
import { defaultYear } from './evaluation-query.ts';

export async function getMeta(ctx: AppContext): Promise<MetaView> {
  const plan = await ctx.plan.get();
  const samples = await new ObservationRepository(ctx.db).countSamples();
  const m = plan.meta;
  return {
    pack: {
      id: m.id,
      version: m.version,
      title: m.title,
      titleEn: m.titleEn,
      cityCode: m.city.code,
      cityName: m.city.name,
      periodStart: m.periodStart,
      periodEnd: m.periodEnd,
      baselineYear: m.baselineYear,
      midTermYear: m.midTermYear,
      contentHash: plan.contentHash,
      loadedAt: plan.loadedAt,
      source: m.source,
    },
    areas: plan.areas,
    sectors: SECTORS.map((code) => ({ code, ...SECTOR_LABELS[code] })),
    categories: CATEGORIES.map((code) => ({ code, ...CATEGORY_LABELS[code] })),
    statuses: STATUSES.map((code) => ({ code, ...STATUS_LABELS[code] })),
    reviewKinds: REVIEW_KINDS.map((code) => ({ code, ...REVIEW_LABELS[code] })),
    sampleDataLoaded: samples > 0,
    defaultYear: defaultYear(ctx.clock.now().getUTCFullYear(), m.periodStart, m.periodEnd),
  };
}
