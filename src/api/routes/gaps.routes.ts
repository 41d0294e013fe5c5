/** Resources against the plan: the gap table of per-population norms (JSON and Excel) and circle coverage. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getNormGaps, renderNormGapsXlsx } from '../../app/resources/get-norm-gaps.ts';
import { getCoverage } from '../../app/resources/get-coverage.ts';
import { getCoveragePoints } from '../../app/resources/get-coverage-points.ts';
import { getAccessibility } from '../../app/resources/get-accessibility.ts';
import { getIsochrone } from '../../app/resources/get-isochrone.ts';
import { getNthNearest } from '../../app/resources/get-nth-nearest.ts';
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
        return getNormGaps(ctx, requireActor(request), request.query.district);
      },
    );
    app.get(
      '/api/gaps.xlsx',
      { schema: { tags: ['resources'], summary: 'The gap table as an Excel workbook', querystring: query } },
      async (request, reply) => {
        const gaps = await getNormGaps(ctx, requireActor(request), request.query.district);
        const bytes = await renderNormGapsXlsx(gaps);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="gaps.xlsx"; filename*=UTF-8''${encodeURIComponent('资源缺口.xlsx')}`,
          )
          .send(bytes);
      },
    );
    app.get(
      '/api/coverage',
      {
        schema: {
          tags: ['resources'],
          summary: "Share of residents within the plan's circle of a facility type, by district and age band",
          querystring: z.object({
            type: z.string().max(40),
            minutes: z.coerce.number().optional(),
            detourFactor: z.coerce.number().optional(),
          }),
        },
      },
      async (request) => {
        return getCoverage(ctx, requireActor(request), request.query);
      },
    );
    app.get(
      '/api/coverage/nth',
      {
        schema: {
          tags: ['resources'],
          summary:
            "Walking time from each residential point to its n-th nearest facility of a type, and per district the share of the served group with at least n within the plan's circle",
          querystring: z.object({ type: z.string().max(40), n: z.coerce.number() }),
        },
      },
      async (request) => {
        return getNthNearest(ctx, requireActor(request), request.query);
      },
    );
    app.get(
      '/api/coverage/points',
      {
        schema: {
          tags: ['resources'],
          summary:
            'For the coverage map: each residential point with its walking time to the nearest facility of a type, and the facilities with their catchments',
          querystring: z.object({
            type: z.string().max(40),
            minutes: z.coerce.number().optional(),
            detourFactor: z.coerce.number().optional(),
          }),
        },
      },
      async (request) => {
        return getCoveragePoints(ctx, requireActor(request), request.query);
      },
    );
    app.get(
      '/api/accessibility',
      {
        schema: {
          tags: ['resources'],
          summary:
            'Capacity-aware accessibility (2SFCA / E2SFCA) by district, e.g. childcare places per child under 3',
          querystring: z.object({ type: z.string().max(40), method: z.string().max(10).optional() }),
        },
      },
      async (request) => {
        return getAccessibility(ctx, requireActor(request), request.query);
      },
    );
    app.get(
      '/api/isochrone',
      {
        schema: {
          tags: ['resources'],
          summary:
            'Where one can walk from a point within so many minutes, and how many residents live there',
          querystring: z.object({
            lon: z.coerce.number(),
            lat: z.coerce.number(),
            minutes: z.coerce.number().optional(),
          }),
        },
      },
      async (request) => {
        return getIsochrone(ctx, requireActor(request), request.query);
      },
    );
  };
}
