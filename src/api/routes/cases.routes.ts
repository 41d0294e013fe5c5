/**
 * One-stop applications and cases (issue 6) over HTTP: thin, each route one use case. The bodies are
 * loosely typed on purpose: the use cases check the permission first (a role without it gets 403
 * whatever it sends), then every field, naming it in the error.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actOnCase } from '../../app/cases/act-on-case.ts';
import { getCase } from '../../app/cases/get-case.ts';
import { listMyCases } from '../../app/cases/list-my-cases.ts';
import { listQueue } from '../../app/cases/list-queue.ts';
import { reassignCase } from '../../app/cases/reassign-case.ts';
import { submitApplication } from '../../app/cases/submit-application.ts';
import type { AppContext } from '../../app/context.ts';
import { CASE_ACTIONS, CASE_STATES } from '../../domain/cases/case-machine-definition.ts';
import { requireActor } from '../auth.ts';

const tags = ['cases'];
const caseId = z.object({ id: z.string().min(1).max(60) });

export function caseRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/applications',
      {
        schema: {
          tags,
          summary:
            'Apply for a service (resident). Same Idempotency-Key (header or body) → the same case, 200 instead of 201',
          headers: z.object({ 'idempotency-key': z.string().optional() }).passthrough(),
          body: z.object({
            serviceCode: z.unknown().optional().describe('(required) A catalog service code'),
            facts: z
              .unknown()
              .optional()
              .describe('(required) Fact name → value; person.residenceDistrict is required'),
            idempotencyKey: z.unknown().optional(),
            pledge: z
              .unknown()
              .optional()
              .describe(
                'true: the applicant signs the pledge (告知承诺书); only for a pledgeAllowed service',
              ),
          }),
        },
      },
      async (request, reply) => {
        const r = await submitApplication(ctx, requireActor(request), {
          ...request.body,
          idempotencyKey: request.headers['idempotency-key'] ?? request.body.idempotencyKey,
        });
        return reply.status(r.created ? 201 : 200).send(r);
      },
    );

    app.get(
      '/api/my/cases',
      { schema: { tags, summary: "The signed-in resident's applications, newest first" } },
      async (request) => listMyCases(ctx, requireActor(request)),
    );

    app.get(
      '/api/cases',
      {
        schema: {
          tags,
          summary: "The office's work queue (case worker, supervisor), overdue first",
          querystring: z.object({
            service: z.string().optional(),
            district: z.string().optional(),
            state: z
              .string()
              .optional()
              .describe(`One of ${CASE_STATES.join(', ')}`),
            deadline: z.string().optional().describe('overdue or near'),
            escalated: z.string().optional().describe('1: only cases with an open escalation'),
          }),
        },
      },
      async (request) => listQueue(ctx, requireActor(request), request.query),
    );

    app.get(
      '/api/cases/:id',
      { schema: { tags, summary: 'A case with its history and the actions open to you', params: caseId } },
      async (request) => getCase(ctx, requireActor(request), request.params.id),
    );

    app.post(
      '/api/cases/:id/actions/:action',
      {
        schema: {
          tags,
          summary: `Take an action on a case: ${CASE_ACTIONS.join(', ')}`,
          params: caseId.extend({ action: z.string().min(1).max(40) }),
          body: z.object({
            reason: z.string().max(2000).nullish(),
            expectedRevision: z.unknown().optional().describe('(required) The revision of the case you saw'),
          }),
        },
      },
      async (request) =>
        actOnCase(ctx, requireActor(request), request.params.id, request.params.action, request.body),
    );

    app.post(
      '/api/cases/:id/reassign',
      {
        schema: {
          tags,
          summary: 'Hand a case to another office (O-<district code>), with a reason',
          params: caseId,
          body: z.object({
            officeCode: z.unknown().optional().describe('(required)'),
            reason: z.string().max(500).nullish(),
            expectedRevision: z.unknown().optional().describe('(required)'),
          }),
        },
      },
      async (request) => reassignCase(ctx, requireActor(request), request.params.id, request.body),
    );
  };
}
