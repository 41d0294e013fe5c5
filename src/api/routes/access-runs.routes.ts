/** Accessibility runs: coverage and E2SFCA for every facility type as one background job. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getLatestAccessRun, startAccessRun } from '../../app/resources/start-access-run.ts';
import { requireActor } from '../auth.ts';

export function accessRunRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/coverage/runs',
      {
        schema: {
          tags: ['resources'],
          summary:
            'Start a run of coverage and E2SFCA for every facility type (or the given ones); 202 with the job to follow at /api/jobs/:id',
          body: z.object({ types: z.array(z.string().max(40)).max(40).optional() }),
        },
      },
      async (request, reply) =>
        reply.status(202).send(await startAccessRun(ctx, requireActor(request), request.body)),
    );
    app.get(
      '/api/coverage/runs/latest',
      { schema: { tags: ['resources'], summary: 'The latest finished run (null when none yet)' } },
      async (request) => {
        return getLatestAccessRun(ctx, requireActor(request));
      },
    );
  };
}
