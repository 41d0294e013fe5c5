/**
 * Reading the plan: meta (public: the portal shows the plan's title and areas), the board, one
 * indicator, the areas and the district boundaries.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getBoard } from '../../app/plan/get-board.ts';
import { getPlanBoundaries } from '../../app/plan/get-boundaries.ts';
import { getIndicator } from '../../app/plan/get-indicator.ts';
import { getMeta } from '../../app/plan/get-meta.ts';
import { listAreas } from '../../app/plan/list-areas.ts';
import { requireActor } from '../auth.ts';

export const yearAreaQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .optional()
    .describe('Evaluation year (default: this year, within the plan period)'),
  area: z.string().max(32).optional().describe('Area code (default: the city)'),
});

export function planRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/meta',
      { schema: { tags: ['plan'], summary: 'Plan pack, areas and label tables' } },
      async () => getMeta(ctx),
    );

    app.get(
      '/api/board',
      {
        schema: {
          tags: ['plan'],
          summary: 'Every indicator evaluated for one area and year',
          querystring: yearAreaQuery,
        },
      },
      async (request) =>
        getBoard(ctx, requireActor(request), { year: request.query.year, areaCode: request.query.area }),
    );

    app.get(
      '/api/indicators/:code',
      {
        schema: {
          tags: ['plan'],
          summary: 'One indicator: definition, evaluation, chart series, districts, figures',
          params: z.object({ code: z.string().max(32) }),
          querystring: yearAreaQuery,
        },
      },
      async (request) => {
        return getIndicator(ctx, requireActor(request), request.params.code, {
          year: request.query.year,
          areaCode: request.query.area,
        });
      },
    );

    app.get(
      '/api/areas',
      {
        schema: {
          tags: ['plan'],
          summary:
            'Areas: the city, districts and zones; or the townships of a district, the communities of a township',
          querystring: z.object({ parent: z.string().max(32).optional() }),
        },
      },
      async (request) => listAreas(ctx, requireActor(request), request.query.parent),
    );

    app.get(
      '/api/areas/boundaries',
      { schema: { tags: ['plan'], summary: 'District boundaries (GeoJSON, WGS84)' } },
      async (request) => getPlanBoundaries(ctx, requireActor(request)),
    );
  };
}
