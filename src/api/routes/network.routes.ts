/** The walking network: its import from OpenStreetMap as a background job, and the current one. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/context.ts';
import { getNetwork } from '../../app/resources/import-network.ts';
import { MAX_NETWORK_UPLOAD_BYTES, startNetworkImport } from '../../app/resources/start-network-import.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import { requireActor } from '../auth.ts';

export function networkRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/network',
      {
        schema: {
          tags: ['resources'],
          summary: 'The imported walking network: source, SHA-256, build statistics (null when none)',
        },
      },
      async (request) => {
        return getNetwork(ctx, requireActor(request));
      },
    );

    app.post(
      '/api/network/import',
      {
        schema: {
          tags: ['resources'],
          summary:
            'Import the walking network from an OpenStreetMap extract, .osm or .osm.pbf (multipart field `file`, up to 2 GiB); 202 with the job to follow at /api/jobs/:id. Admin only',
          consumes: ['multipart/form-data'],
        },
      },
      async (request, reply) => {
        // Read by the use case once it has authorized the actor.
        const upload = async () => {
          const file = await request.file({ limits: { fileSize: MAX_NETWORK_UPLOAD_BYTES, files: 1 } });
          if (!file) {
            throw new FuwuError(
              'invalid_input',
              '请选择要导入的 OpenStreetMap 文件（字段 file）',
              'choose an OpenStreetMap file to import (field `file`)',
              [{ field: 'file', zh: '缺少文件', en: 'missing' }],
            );
          }
          return { name: file.filename, content: file.file };
        };
        const job = await startNetworkImport(ctx, requireActor(request), upload);
        return reply.status(202).send(job);
      },
    );
  };
}
