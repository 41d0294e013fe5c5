/**
 * A review document rendered on the job queue (issue 7 §4: reports are heavy jobs): the request is
 * checked and queued at once, any worker renders the same document GET /api/reviews/:kind/document
 * renders, as the person who asked, and the file is kept with the job (job_outputs) for
 * GET /api/jobs/:id/output. The file and the job's success commit in one transaction, so a job run
 * again after its worker stopped never keeps two files.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../../domain/identity/roles.ts';
import { REVIEW_KINDS } from '../../domain/plan/review.ts';
import type { ReviewKind } from '../../domain/plan/review.ts';
import { invalidField } from '../../domain/shared/errors.ts';
import type { JobView } from '../../domain/shared/job-view.ts';
import { JobOutputRepository } from '../../store/repositories/job-output.repository.ts';
import type { AppContext } from '../context.ts';
import { enqueueJob } from '../jobs/jobs.ts';
import type { JobHandler } from '../jobs/jobs.ts';
import { authorize } from '../policies.ts';
import { renderReviewDocument } from './get-review.ts';

export const REVIEW_REPORT_KIND = 'report.review';
export const REVIEW_FORMATS = ['docx', 'xlsx'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

export interface ReviewReportRequest {
  kind: ReviewKind;
  /** Only an annual evaluation has one; the mid-term and final reviews have a fixed year. */
  year?: number;
  format: ReviewFormat;
}

/** A request as it comes over HTTP (or back from the queue): checked here, field by field. */
export type ReviewReportInput = { [K in keyof ReviewReportRequest]?: unknown };

/** The job's result: what the file is, its size and checksum (the bytes are in job_outputs). */
export interface ReviewReportResult {
  fileName: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

/**
 * The same checks the rendering makes, made before queueing so a bad request is refused at once
 * rather than as a failed job.
 */
async function validate(ctx: AppContext, req: ReviewReportInput): Promise<ReviewReportRequest> {
  if (!(REVIEW_KINDS as readonly unknown[]).includes(req.kind))
    throw invalidField('kind', `须为 ${REVIEW_KINDS.join('/')}`, `must be one of ${REVIEW_KINDS.join(', ')}`);
  if (!(REVIEW_FORMATS as readonly unknown[]).includes(req.format))
    throw invalidField(
      'format',
      `须为 ${REVIEW_FORMATS.join('/')}`,
      `must be one of ${REVIEW_FORMATS.join(', ')}`,
    );
  const kind = req.kind as ReviewKind;
  const format = req.format as ReviewFormat;
  if (kind !== 'annual') return { kind, format };
  const { periodStart, periodEnd } = (await ctx.plan.get()).meta;
  const year = req.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < periodStart || year > periodEnd)
    throw invalidField(
      'year',
      `年度评价须指定 ${periodStart}–${periodEnd} 之间的年份`,
      `an annual evaluation needs a year from ${periodStart} to ${periodEnd}`,
    );
  return { kind, year, format };
}

/** Queues the rendering of a review document; the job is returned at once (queued). */
export async function startReviewReport(
  ctx: AppContext,
  actor: Actor,
  req: ReviewReportInput,
): Promise<JobView> {
  authorize(actor, 'plan.read');
  const spec = await validate(ctx, req);
  return enqueueJob(ctx, actor, REVIEW_REPORT_KIND, { ...spec });
}

/** The rendering, by whichever worker claims it, as the person who asked (checked again: it comes from the queue). */
export const runReviewReport: JobHandler = async (ctx, payload, run): Promise<ReviewReportResult> => {
  const spec = await validate(ctx, payload as ReviewReportInput);
  await run.progress({ stage: 'rendering', done: 0, total: 2 });
  const doc = await renderReviewDocument(ctx, run.actor, { kind: spec.kind, year: spec.year }, spec.format);
  const sha256 = createHash('sha256').update(doc.bytes).digest('hex');
  const result: ReviewReportResult = {
    fileName: doc.fileName,
    contentType: doc.contentType,
    bytes: doc.bytes.byteLength,
    sha256,
  };
  // Progress is written before the transaction, never inside it: on PGlite (one connection) a write
  // from outside would wait for the transaction, which waits for the write.
  await run.progress({ stage: 'saving', done: 1, total: 2 });
  await ctx.db.transaction(async (tx) => {
    await new JobOutputRepository(tx).save(
      { jobId: run.id, fileName: doc.fileName, contentType: doc.contentType, bytes: doc.bytes, sha256 },
      ctx.clock.now(),
    );
    await run.finishIn(tx, result);
  });
  return result;
};
