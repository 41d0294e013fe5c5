/** Siting: where new facilities would cover the most people not yet within the plan's circle. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { startSiting } from '../../app/siting/start-siting.ts';
import { requireActor } from '../auth.ts';

export function sitingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/siting/runs',
      {
        schema: {
          tags: ['siting'],
          summary:
            'Start a maximal-covering run for a facility type (k new sites or a budget; candidates: grid, townshipCentres, communityServiceCentres or given points); 202 with the job',
          body: z.object({
            type: z.string().max(40),
            k: z.number().optional(),
            budget: z.number().optional(),
            candidates: z.string().max(40),
            gridMetres: z.number().optional(),
            minutes: z.number().optional(),
            exact: z.boolean().optional(),
            points: z
              .array(
                z.object({
                  lon: z.number(),
                  lat: z.number(),
                  name: z.string().max(100).optional(),
                  cost: z.number().optional(),
                }),
              )
              .max(5000)
              .optional(),
          }),
        },
      },
      async (request, reply) =>
        reply.status(202).send(await startSiting(ctx, requireActor(request), request.body)),
    );
  };
}
