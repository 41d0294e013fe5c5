/**
 * Data sharing (一网通享): admins manage tokens under /api/sharing; other systems call
 * /api/share/v1/<dataset> with `Authorization: Bearer fuwu_share_…`. The consumer routes are not a
 * session (no cookie, no CSRF: a browser never sends the bearer token by itself), and every call to
 * them is logged with the status it was answered with, refusals included.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import type { ShareTrace } from '../../app/sharing/call-shared.ts';
import { callShared, logShareCall } from '../../app/sharing/call-shared.ts';
import {
  createShareToken,
  listShareCalls,
  listShareTokens,
  revokeShareToken,
} from '../../app/sharing/tokens.ts';
import { SHARE_DATASET_NAMES, SHARE_OPERATIONS } from '../../domain/sharing/datasets.ts';
import { MAX_TOKEN_DAYS } from '../../domain/sharing/token-rules.ts';
import { requireActor } from '../auth.ts';

const tags = ['sharing'];
const id = z.object({ id: z.coerce.number().int().positive() });

export function sharingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/sharing/tokens',
      {
        schema: {
          tags,
          summary: 'Issue a data-sharing token to another system; the secret is in this answer only',
          body: z.object({
            name: z.string().max(100).describe('a-z0-9._- (3–40); calls write as share:<name>'),
            ownerSystem: z.string().max(200).describe('The system that uses it, e.g. 市统计局数据平台'),
            grants: z
              .array(z.object({ dataset: z.string().max(40), operation: z.string().max(10) }))
              .max(20)
              .describe(
                `Datasets ${SHARE_DATASET_NAMES.join(', ')} × operations ${SHARE_OPERATIONS.join(', ')}`,
              ),
            districtCode: z.string().max(12).nullish().describe('Scope: one district'),
            sector: z
              .string()
              .max(20)
              .nullish()
              .describe('Scope: one sector (required, or a district, to write)'),
            expiresAt: z.string().max(40).describe(`ISO 8601; at most ${MAX_TOKEN_DAYS} days ahead`),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createShareToken(ctx, requireActor(request), request.body)),
    );

    app.get(
      '/api/sharing/tokens',
      { schema: { tags, summary: 'Data-sharing tokens with their status, call counts and last use' } },
      async (request) => listShareTokens(ctx, requireActor(request)),
    );

    app.post(
      '/api/sharing/tokens/:id/revoke',
      { schema: { tags, summary: 'Revoke a token: its next call gets 401', params: id } },
      async (request) => revokeShareToken(ctx, requireActor(request), request.params.id),
    );

    app.get(
      '/api/sharing/tokens/:id/calls',
      {
        schema: {
          tags,
          summary: "A token's call log, newest first",
          params: id,
          querystring: z.object({ limit: z.coerce.number().int().positive().default(200) }),
        },
      },
      async (request) => listShareCalls(ctx, requireActor(request), request.params.id, request.query.limit),
    );

    await app.register(consumerRoutes(ctx));
  };
}

/** The API other systems call. Its own plugin, so the logging hook sees only these routes. */
function consumerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const traces = new WeakMap<FastifyRequest, ShareTrace>();
    const traceOf = (request: FastifyRequest): ShareTrace => {
      const held = traces.get(request);
      if (held) return held;
      const fresh: ShareTrace = { tokenId: null, rows: null };
      traces.set(request, fresh);
      return fresh;
    };
    app.addHook('onSend', async (request, reply, payload) => {
      const trace = traceOf(request);
      await logShareCall(ctx, {
        tokenId: trace.tokenId,
        dataset: (request.params as { dataset?: string } | undefined)?.dataset ?? '',
        operation: request.method === 'POST' ? 'write' : 'read',
        status: reply.statusCode,
        rows: reply.statusCode < 300 ? trace.rows : null,
        clientAddress: request.ip,
        path: request.url,
      });
      return payload;
    });

    const dataset = z.object({ dataset: z.string().max(60) });
    app.get(
      '/api/share/v1/:dataset',
      {
        schema: {
          tags,
          summary:
            'Read a shared dataset (indicators ?area&year&indicator, facilities ?district&type, gaps ?district, entitlementCounts ?snapshot&district&service, observations ?indicator&area&year)',
          params: dataset,
          querystring: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
        },
      },
      async (request) => {
        const query = Object.fromEntries(
          Object.entries(request.query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
        );
        const r = await callShared(
          ctx,
          {
            authorization: request.headers.authorization,
            dataset: request.params.dataset,
            operation: 'read',
            query,
          },
          traceOf(request),
        );
        return r.body;
      },
    );

    app.post(
      '/api/share/v1/:dataset',
      {
        schema: {
          tags,
          summary:
            'Write to a shared dataset: observations {indicatorCode, areaCode, year, value, source, note?, reason?}, within the token scope',
          params: dataset,
          body: z.record(z.string(), z.unknown()),
        },
      },
      async (request, reply) => {
        const r = await callShared(
          ctx,
          {
            authorization: request.headers.authorization,
            dataset: request.params.dataset,
            operation: 'write',
            body: request.body,
          },
          traceOf(request),
        );
        return reply.status(r.created ? 201 : 200).send(r.body);
      },
    );
  };
}
