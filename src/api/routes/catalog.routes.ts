/**
 * The basic public service catalog over HTTP: public reading, edits by admins and the sector. Edit
 * bodies are loose: the use cases check the permission first, then every field.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCatalogItem, listCatalog } from '../../app/entitlements/catalog-queries.ts';
import {
  addParameterValue,
  addRuleVersion,
  updateServiceFields,
} from '../../app/entitlements/edit-catalog.ts';
import type { AppContext } from '../../app/context.ts';
import { NINE_AREAS } from '../../domain/entitlements/catalog.schema.ts';
import { requireActor } from '../auth.ts';

const tags = ['catalog'];
const code = z.object({ code: z.string().min(1).max(40) });

export function catalogRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/catalog',
      {
        schema: {
          tags,
          summary: 'The service catalog, with area, category and name filters',
          querystring: z.object({
            area: z.enum(NINE_AREAS).optional(),
            category: z.coerce.number().int().min(1).max(22).optional(),
            q: z.string().max(100).optional().describe('Part of the name or code'),
          }),
        },
      },
      async (request) =>
        listCatalog(ctx, {
          area: request.query.area,
          categoryNo: request.query.category,
          q: request.query.q,
        }),
    );

    app.get(
      '/api/catalog/:code',
      {
        schema: {
          tags,
          summary: 'One service: its fields, rule versions (in force today marked), parameters, history',
          params: code,
        },
      },
      async (request) => getCatalogItem(ctx, request.params.code),
    );

    app.put(
      '/api/catalog/:code',
      {
        schema: {
          tags,
          summary: "Change a service's descriptive fields (reason required; the previous kept)",
          params: code,
          body: z.object({
            fields: z.unknown().optional().describe('(required) Object of the fields to change'),
            reason: z.unknown().optional(),
          }),
        },
      },
      async (request) =>
        updateServiceFields(
          ctx,
          requireActor(request),
          request.params.code,
          request.body.fields,
          request.body.reason,
        ),
    );

    app.post(
      '/api/catalog/:code/rules',
      {
        schema: {
          tags,
          summary: 'Add a rule version in force from a date (possibly in the future)',
          params: code,
          body: z.object({
            from: z.unknown().optional().describe('(required) YYYY-MM-DD'),
            eligibility: z
              .unknown()
              .optional()
              .describe('(required) The condition: structured data, or YAML/JSON text'),
            note: z.unknown().optional(),
            reference: z.unknown().optional().describe('(required) The legal or policy reference'),
            reason: z.unknown().optional(),
          }),
        },
      },
      async (request, reply) => {
        const { reason, ...version } = request.body;
        return reply
          .status(201)
          .send(await addRuleVersion(ctx, requireActor(request), request.params.code, version, reason));
      },
    );

    app.post(
      '/api/catalog/parameters/:code/values',
      {
        schema: {
          tags,
          summary: 'Add a dated value of a parameter',
          params: code,
          body: z.object({
            from: z.unknown().optional().describe('(required) YYYY-MM-DD'),
            value: z
              .unknown()
              .optional()
              .describe('(required) A number, or an object of number per value of the `by` fact'),
            reference: z.unknown().optional().describe('(required)'),
            provenance: z
              .unknown()
              .optional()
              .describe('(required) plan, nationalStandard, policy or assumption'),
            reason: z.unknown().optional(),
          }),
        },
      },
      async (request, reply) => {
        const { reason, ...value } = request.body;
        return reply
          .status(201)
          .send(await addParameterValue(ctx, requireActor(request), request.params.code, value, reason));
      },
    );
  };
}
