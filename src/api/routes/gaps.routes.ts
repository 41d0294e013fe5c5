/** The gap table of the plan's per-population norms, as JSON and as an Excel workbook. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getNormGaps, renderNormGapsXlsx } from '../../app/resources/get-norm-gaps.ts';
import { requireActor } from '../auth.ts';

const query = z.object({ district: z.string().max(12).optional() });

export function gapRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/gaps',
      {
        schema: {
          tags: ['resources'],
          summary: 'Supply against each per-population norm, per district',
          querystring: query,
        },
      },
      async (request) => {
        requireActor(request);
        return getNormGaps(ctx, request.query.district);
      },
    );
    app.get(
      '/api/gaps.xlsx',
      { schema: { tags: ['resources'], summary: 'The gap table as an Excel workbook', querystring: query } },
      async (request, reply) => {
        requireActor(request);
        const bytes = await renderNormGapsXlsx(await getNormGaps(ctx, request.query.district));
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="gaps.xlsx"; filename*=UTF-8''${encodeURIComponent('资源缺口.xlsx')}`,
          )
          .send(bytes);
      },
    );
  };
}
