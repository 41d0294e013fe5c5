/** What the review documents (Word and Excel) are rendered from: one review and the pack it came from. */
import type { Area, Indicator, PackMeta } from '../../../domain/plan/pack.schema.ts';
import type { Review } from '../../../domain/plan/review.ts';
import type { TrajectorySeries } from '../../../domain/plan/trajectory-series.ts';

export interface ReviewDocumentInput {
  review: Review;
  meta: PackMeta;
  indicators: Indicator[]; // all indicators of the pack
  areas: Area[];
  /** Chart series for each city indicator that is lagging or at risk, by indicator code. */
  series: Record<string, TrajectorySeries>;
  /** When the document was made; passed in (not read from the clock) so output is reproducible. */
  generatedAt: Date;
  method: 'linear' | 'growthRate';
  /**
   * The on-track share the review was evaluated with, for the rules note; defaults to the
   * evaluator's default (0.95). Optional so callers that use the defaults need not repeat it.
   */
  onTrackRatio?: number;
}
