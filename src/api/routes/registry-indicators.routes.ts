/** Indicators computed from the facility registry (beds per 1,000, day-care coverage…), per indicator. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getRegistryIndicator } from '../../app/resources/get-registry-indicators.ts';
import { requireActor } from '../auth.ts';

export function registryIndicatorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/indicators/:code/registry',
      {
        schema: {
          tags: ['resources'],
          summary:
            'The indicator computed from the facility registry, for the city and each district, with the formula (available: false when the registry cannot compute it)',
          params: z.object({ code: z.string().max(40) }),
        },
      },
      async (request) => {
        return getRegistryIndicator(ctx, requireActor(request), request.params.code);
      },
    );
  };
}
