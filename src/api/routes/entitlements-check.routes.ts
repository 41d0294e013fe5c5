/**
 * The self-check over HTTP: open to anyone, nothing stored, no personal data logged (the body is
 * never logged; the route logs nothing of its own).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkEntitlements } from '../../app/entitlements/check-entitlements.ts';
import type { AppContext } from '../../app/context.ts';

export function entitlementsCheckRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/entitlements/check',
      {
        schema: {
          tags: ['entitlements'],
          summary:
            'Evaluate facts against the service catalog: outcome, trace and missing facts per service, and the next question',
          body: z.object({
            facts: z
              .unknown()
              .optional()
              .describe(
                'Object of input fact name → value (see the fact registry); absent or empty: unknown',
              ),
            date: z.unknown().optional().describe("YYYY-MM-DD; default today's date in China"),
            services: z.unknown().optional().describe('Service codes to evaluate; default all'),
            skipped: z.unknown().optional().describe('Fact names the person chose not to answer'),
          }),
        },
        // A resident's facts are theirs: keep them out of the request log.
        logLevel: 'warn',
      },
      async (request) => checkEntitlements(ctx, request.body),
    );
  };
}
