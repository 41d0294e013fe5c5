/**
 * The chapter-5 reviews, as JSON and as Word and Excel documents: rendered in the request, or queued
 * as a job whose file is then fetched from GET /api/jobs/:id/output.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getReview, renderReviewDocument } from '../../app/plan/get-review.ts';
import { startReviewReport } from '../../app/plan/start-review-report.ts';
import { requireActor } from '../auth.ts';

const params = z.object({ kind: z.enum(['annual', 'midTerm', 'final']) });
const query = z.object({ year: z.coerce.number().int().optional() });
const documentParams = params.extend({ format: z.enum(['docx', 'xlsx']) });

export function reviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/reviews/:kind',
      { schema: { tags: ['reviews'], summary: 'A review as structured data', params, querystring: query } },
      async (request) => {
        return getReview(ctx, requireActor(request), { kind: request.params.kind, year: request.query.year });
      },
    );

    app.get(
      '/api/reviews/:kind/document.:format',
      {
        schema: {
          tags: ['reviews'],
          summary: 'A review as a .docx report or .xlsx workbook',
          params: documentParams,
          querystring: query,
        },
      },
      async (request, reply) => {
        const doc = await renderReviewDocument(
          ctx,
          requireActor(request),
          { kind: request.params.kind, year: request.query.year },
          request.params.format,
        );
        return reply
          .header('content-type', doc.contentType)
          .header(
            'content-disposition',
            `attachment; filename="review.${request.params.format}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
          )
          .send(doc.bytes);
      },
    );

    app.post(
      '/api/reviews/:kind/document.:format/jobs',
      {
        schema: {
          tags: ['reviews'],
          summary:
            'Render a review document in the background; 202 with the job to follow at /api/jobs/:id, the file then at /api/jobs/:id/output',
          params: documentParams,
          querystring: query,
        },
      },
      async (request, reply) =>
        reply.status(202).send(
          await startReviewReport(ctx, requireActor(request), {
            kind: request.params.kind,
            year: request.query.year,
            format: request.params.format,
          }),
        ),
    );
  };
}
