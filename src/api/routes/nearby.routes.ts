/**
 * Nearby services (issue 6 §4), open to anyone like the self-check: the facilities within a walk of a
 * point, the place search that sets the point, and the district outlines for the page's map. The
 * point a resident asks about is theirs: these routes log nothing of the query.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getNearbyServices } from '../../app/resources/get-nearby-services.ts';
import { searchNearbyPlaces } from '../../app/resources/search-nearby-places.ts';
import { getBoundaries } from '../../app/plan/get-boundaries.ts';

export function nearbyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/nearby',
      {
        schema: {
          tags: ['resources'],
          summary:
            'Open facilities within so many minutes on foot of a point, by type, nearest first (public)',
          querystring: z.object({
            lon: z.string().max(40).optional().describe('WGS84 longitude'),
            lat: z.string().max(40).optional().describe('WGS84 latitude'),
            minutes: z.string().max(10).optional().describe('1–30, default 15'),
            types: z.string().max(600).optional().describe('Comma-separated facility types; default all'),
          }),
        },
        logLevel: 'warn',
      },
      async (request) => getNearbyServices(ctx, request.query),
    );
    app.get(
      '/api/nearby/places',
      {
        schema: {
          tags: ['resources'],
          summary: 'Communities and townships by name, located at their residential points (public)',
          querystring: z.object({ q: z.string().max(200).optional() }),
        },
        logLevel: 'warn',
      },
      async (request) => searchNearbyPlaces(ctx, request.query),
    );
    app.get(
      '/api/nearby/boundaries',
      { schema: { tags: ['resources'], summary: "District boundaries for the nearby page's map (public)" } },
      async () => getBoundaries(ctx),
    );
  };
}
