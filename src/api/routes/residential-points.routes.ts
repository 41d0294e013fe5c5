/** Residential points: where people live, with population by age band (import and summary). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { importResidentialPoints } from '../../app/resources/import-residential-points.ts';
import { getResidentialPointSummary } from '../../app/resources/residential-point-summary.ts';
import { COORDINATE_SYSTEMS } from '../../domain/resources/facility-rows.ts';
import { requireActor } from '../auth.ts';
import { uploadedFile } from '../upload.ts';

export function residentialPointRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/residential-points/summary',
      {
        schema: {
          tags: ['resources'],
          summary:
            'Residential points per district: points, people, synthetic, estimated bands, pack population',
        },
      },
      async (request) => {
        return getResidentialPointSummary(ctx, requireActor(request));
      },
    );
    app.post(
      '/api/residential-points/import',
      {
        schema: {
          tags: ['resources'],
          summary:
            'Import residential points from CSV, XLSX or GeoJSON points (multipart field `file`): all rows or none; replaces the synthetic points of the districts it covers',
          consumes: ['multipart/form-data'],
          querystring: z.object({
            crs: z
              .string()
              .optional()
              .describe(`Coordinate system of the file: ${COORDINATE_SYSTEMS.join(', ')} (default wgs84)`),
          }),
        },
      },
      async (request) =>
        importResidentialPoints(ctx, requireActor(request), () => uploadedFile(request), request.query.crs),
    );
  };
}
