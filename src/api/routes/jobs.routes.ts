/** Jobs: the progress and outcome of background imports and computations, and the files they made. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getJobOutput } from '../../app/jobs/get-job-output.ts';
import { getJob, listJobs } from '../../app/jobs/jobs.ts';
import { requireActor } from '../auth.ts';

/**
 * An attachment's name: an ASCII fallback with the file's extension for old clients, and the real
 * (Chinese) name percent-encoded, as the review documents are sent.
 */
function attachment(fileName: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1] ?? 'bin';
  return `attachment; filename="output.${ext}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

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
    app.get(
      '/api/jobs/:id/output',
      {
        schema: {
          tags: ['jobs'],
          summary: 'The file a finished job made (a rendered report), for the job’s creator or an admin',
          params: z.object({ id: z.string().max(60) }),
        },
      },
      async (request, reply) => {
        const out = await getJobOutput(ctx, requireActor(request), request.params.id);
        return reply
          .header('content-type', out.contentType)
          .header('content-disposition', attachment(out.fileName))
          .send(Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.bytes.byteLength));
      },
    );
  };
}
