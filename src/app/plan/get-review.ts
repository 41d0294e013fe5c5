/**
 * The reviews of chapter 5: the annual evaluation of any year, the mid-term review (2023) and the
 * final review (2025), as a structured result and as a Word report or Excel workbook.
 */
import type { Actor } from '../../domain/identity/roles.ts';
import type { Review, ReviewKind } from '../../domain/plan/review.ts';
import {
  REVIEW_KINDS,
  REVIEW_LABELS,
  buildReview,
  groupBy,
  reviewYear,
  targetForArea,
} from '../../domain/plan/review.ts';
import { isOffTrack } from '../../domain/plan/status.ts';
import type { TrajectorySeries } from '../../domain/plan/trajectory-series.ts';
import { buildTrajectorySeries } from '../../domain/plan/trajectory-series.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type { ReviewView } from '../../domain/plan/views.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import type { ActivePlan } from './active-plan.ts';
import { loadFigures } from './figures.ts';
import type { Figures } from './figures.ts';
import { renderReviewDocx } from './reports/review-docx.ts';
import { renderReviewXlsx } from './reports/review-xlsx.ts';

export interface ReviewRequest {
  kind: string;
  year?: number;
}

async function prepare(
  ctx: AppContext,
  req: ReviewRequest,
): Promise<{ plan: ActivePlan; review: Review; figures: Figures }> {
  if (!(REVIEW_KINDS as readonly string[]).includes(req.kind)) {
    throw invalidField('kind', `须为 ${REVIEW_KINDS.join('/')}`, `must be one of ${REVIEW_KINDS.join(', ')}`);
  }
  const kind = req.kind as ReviewKind;
  const plan = await ctx.plan.get();
  const { periodStart, periodEnd } = plan.meta;
  if (
    kind === 'annual' &&
    (req.year === undefined || !Number.isInteger(req.year) || req.year < periodStart || req.year > periodEnd)
  ) {
    throw invalidField(
      'year',
      `年度评价须指定 ${periodStart}–${periodEnd} 之间的年份`,
      `an annual evaluation needs a year from ${periodStart} to ${periodEnd}`,
    );
  }
  const year = reviewYear(kind, plan.meta, req.year);
  const figures = await loadFigures(ctx.db, { maxYear: year });
  const review = buildReview({
    kind,
    year,
    indicators: plan.indicators,
    areas: plan.areas,
    cityCode: plan.city.code,
    observations: figures.observations,
    judgements: figures.judgements,
    options: ctx.evaluation,
  });
  return { plan, review, figures };
}

export async function getReview(ctx: AppContext, actor: Actor, req: ReviewRequest): Promise<ReviewView> {
  authorize(actor, 'plan.read');
  const { plan, review } = await prepare(ctx, req);
  const indicators: ReviewView['indicators'] = {};
  for (const i of plan.indicators) {
    const { name, nameEn, nature, unit, targetText, headline, category, sector } = i;
    indicators[i.code] = { name, nameEn, nature, unit, targetText, headline, category, sector };
  }
  return { ...review, indicators };
}

export interface ReviewDocument {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function renderReviewDocument(
  ctx: AppContext,
  actor: Actor,
  req: ReviewRequest,
  format: 'docx' | 'xlsx',
): Promise<ReviewDocument> {
  authorize(actor, 'plan.read');
  const { plan, review, figures } = await prepare(ctx, req);
  const input = {
    review,
    meta: plan.meta,
    indicators: plan.indicators,
    areas: plan.areas,
    series: laggingSeries(plan, review, figures, ctx),
    generatedAt: ctx.clock.now(),
    method: ctx.evaluation.method,
    onTrackRatio: ctx.evaluation.onTrackRatio,
  };
  const bytes = format === 'docx' ? await renderReviewDocx(input) : await renderReviewXlsx(input);
  const label = REVIEW_LABELS[review.kind].zh;
  return {
    fileName: `${plan.meta.city.name}${review.year}年${label}.${format}`,
    contentType: CONTENT_TYPES[format],
    bytes,
  };
}

/** Chart series for each city indicator behind its path: the report draws one chart per such indicator. */
function laggingSeries(
  plan: ActivePlan,
  review: Review,
  figures: Figures,
  ctx: AppContext,
): Record<string, TrajectorySeries> {
  const cityObs = groupBy(
    figures.observations.filter((o) => o.areaCode === plan.city.code),
    (o) => o.indicatorCode,
  );
  const out: Record<string, TrajectorySeries> = {};
  for (const ev of review.city) {
    if (!isOffTrack(ev.status)) continue;
    const indicator = plan.indicatorByCode.get(ev.indicatorCode);
    const target = indicator && targetForArea(indicator, plan.city, plan.areas);
    if (!indicator || !target || target.kind === 'qualitative') continue;
    out[ev.indicatorCode] = buildTrajectorySeries(
      indicator,
      target,
      cityObs.get(ev.indicatorCode) ?? [],
      ev.baseline,
      ctx.evaluation.method,
    );
  }
  return out;
}
