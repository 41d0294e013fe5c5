/** The chapter-5 reviews, as JSON and as Word and Excel documents. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getReview, renderReviewDocument } from '../../app/plan/get-review.ts';
import { requireActor } from '../auth.ts';

const params = z.object({ kind: z.enum(['annual', 'midTerm', 'final']) });
const query = z.object({ year: z.coerce.number().int().optional() });

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
          params: params.extend({ format: z.enum(['docx', 'xlsx']) }),
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
  };
}
