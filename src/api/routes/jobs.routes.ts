/** Jobs: the progress and outcome of background imports and computations. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getJob, listJobs } from '../../app/jobs/jobs.ts';
import { requireActor } from '../auth.ts';

export function jobRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/jobs',
      {
        schema: {
          tags: ['jobs'],
          summary: 'The latest 50 jobs (all for an admin, one’s own otherwise), newest first',
          querystring: z.object({ kind: z.string().max(60).optional() }),
        },
      },
      async (request) => listJobs(ctx, requireActor(request), request.query),
    );
    app.get(
      '/api/jobs/:id',
      {
        schema: {
          tags: ['jobs'],
          summary: 'One job: status (queued, running, succeeded, failed), progress, result or error',
          params: z.object({ id: z.string().max(60) }),
        },
      },
      async (request) => getJob(ctx, requireActor(request), request.params.id),
    );
  };
}
