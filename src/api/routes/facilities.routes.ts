/** The facility registry over HTTP. Fields are checked by the domain, so entry and import say the same. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import {
  createFacility,
  deleteFacility,
  facilityRevisions,
  listFacilities,
  updateFacility,
} from '../../app/resources/facilities.ts';
import {
  CAPACITY_KEYS,
  FACILITY_STATUSES,
  FACILITY_TYPES,
  OWNERSHIPS,
} from '../../domain/resources/facility.ts';
import { importFacilities } from '../../app/resources/import-facilities.ts';
import { COORDINATE_SYSTEMS } from '../../domain/resources/facility-rows.ts';
import { requireActor } from '../auth.ts';
import { uploadedFile } from '../upload.ts';

const id = z.object({ id: z.coerce.number().int().positive() });
const facilityBody = z.object({
  name: z.unknown().describe('Name (required)'),
  type: z.unknown().describe(`One of ${FACILITY_TYPES.join(', ')}`),
  lon: z.unknown().describe('Longitude, WGS84 degrees'),
  lat: z.unknown().describe('Latitude, WGS84 degrees'),
  districtCode: z.unknown().describe('District code (GB/T 2260)'),
  communityCode: z.unknown().optional().describe('Community code (12 digits), optional'),
  capacities: z
    .unknown()
    .optional()
    .describe(`Object with any of ${CAPACITY_KEYS.join(', ')}`),
  ownership: z
    .unknown()
    .optional()
    .describe(`One of ${OWNERSHIPS.join(', ')} (default public)`),
  status: z
    .unknown()
    .optional()
    .describe(`One of ${FACILITY_STATUSES.join(', ')} (default open)`),
  openingDate: z.unknown().optional().describe('YYYY-MM-DD'),
  source: z.unknown().describe('Where the record comes from (required)'),
});

export function facilityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/facilities',
      {
        schema: {
          tags: ['resources'],
          summary: 'Facilities, by type, district, name and ids',
          querystring: z.object({
            type: z.string().max(40).optional(),
            district: z.string().max(12).optional(),
            q: z.string().max(100).optional().describe('Part of the name (case-insensitive)'),
            ids: z
              .string()
              .regex(/^\d+(,\d+)*$/)
              .max(2000)
              .optional()
              .describe('Comma-separated facility ids'),
          }),
        },
      },
      async (request) => {
        const q = request.query;
        return listFacilities(ctx, requireActor(request), {
          type: q.type,
          districtCode: q.district,
          q: q.q,
          ids: q.ids?.split(',').map(Number),
        });
      },
    );

    app.post(
      '/api/facilities',
      { schema: { tags: ['resources'], summary: 'Add a facility', body: facilityBody } },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createFacility(ctx, requireActor(request), request.body as Record<string, unknown>)),
    );

    app.post(
      '/api/facilities/import',
      {
        schema: {
          tags: ['resources'],
          summary:
            'Import facilities from CSV, XLSX or GeoJSON points (multipart field `file`): all rows or none',
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
        importFacilities(ctx, requireActor(request), () => uploadedFile(request), request.query.crs),
    );

    app.put(
      '/api/facilities/:id',
      {
        schema: {
          tags: ['resources'],
          summary: 'Change a facility (reason required; the previous record is kept)',
          params: id,
          body: facilityBody.extend({ reason: z.string().optional() }),
        },
      },
      async (request) => {
        const { reason, ...fields } = request.body;
        return updateFacility(
          ctx,
          requireActor(request),
          request.params.id,
          fields as Record<string, unknown>,
          reason,
        );
      },
    );

    app.delete(
      '/api/facilities/:id',
      {
        schema: {
          tags: ['resources'],
          summary: 'Remove a facility (reason required; kept in its history)',
          params: id,
          querystring: z.object({ reason: z.string().optional() }),
        },
      },
      async (request) => {
        await deleteFacility(ctx, requireActor(request), request.params.id, request.query.reason);
        return { ok: true };
      },
    );

    app.get(
      '/api/facilities/:id/revisions',
      { schema: { tags: ['resources'], summary: 'History of one facility', params: id } },
      async (request) => facilityRevisions(ctx, requireActor(request), request.params.id),
    );
  };
}
