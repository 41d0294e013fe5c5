/** Scenarios over HTTP: CRUD, revisions, siting proposals accepted into one, and the comparison. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { acceptSitingProposals } from '../../app/scenarios/accept-siting.ts';
import { compareScenarios } from '../../app/scenarios/compare-scenarios.ts';
import {
  createScenario,
  deleteScenario,
  getScenario,
  listScenarios,
  scenarioRevisions,
  updateScenario,
} from '../../app/scenarios/scenarios.ts';
import { CHANGE_KINDS } from '../../domain/scenarios/scenario.ts';
import { requireActor } from '../auth.ts';

const id = z.object({ id: z.coerce.number().int().positive() });
const scenarioBody = z.object({
  name: z.unknown().optional().describe('Name (required on creation)'),
  description: z.unknown().optional(),
  changes: z
    .unknown()
    .optional()
    .describe(
      `List of changes, each with kind ${CHANGE_KINDS.join(', ')}: addFacility {name, type, lon, lat, districtCode, capacities}, removeFacility {facilityId}, resizeFacility {facilityId, capacities}, projectPopulation {districtCode, year, total | trend {fromYear, fromPopulation, toYear, toPopulation}}, changeNorm {normCode, value}, completeProjects {asOf (YYYY-MM-DD), projectCodes?}: the major projects planned to end by asOf (and not yet completed) count as built, located ones as facilities, unlocated ones in their district's supply only`,
    ),
});

export function scenarioRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/scenarios', { schema: { tags: ['scenarios'], summary: 'Scenarios' } }, async (request) => {
      return listScenarios(ctx, requireActor(request));
    });

    app.get(
      '/api/scenarios/:id',
      { schema: { tags: ['scenarios'], summary: 'One scenario with its changes', params: id } },
      async (request) => {
        return getScenario(ctx, requireActor(request), request.params.id);
      },
    );

    app.post(
      '/api/scenarios',
      { schema: { tags: ['scenarios'], summary: 'Create a scenario (admin, planner)', body: scenarioBody } },
      async (request, reply) =>
        reply.status(201).send(await createScenario(ctx, requireActor(request), request.body)),
    );

    app.put(
      '/api/scenarios/:id',
      {
        schema: {
          tags: ['scenarios'],
          summary:
            'Change a scenario: name, description or its whole list of changes (the previous content is kept)',
          params: id,
          body: scenarioBody.extend({ reason: z.string().max(500).optional() }),
        },
      },
      async (request) => {
        const { reason, ...fields } = request.body;
        return updateScenario(ctx, requireActor(request), request.params.id, fields, reason);
      },
    );

    app.delete(
      '/api/scenarios/:id',
      {
        schema: {
          tags: ['scenarios'],
          summary: 'Delete a scenario (reason required; kept in its history)',
          params: id,
          querystring: z.object({ reason: z.string().optional() }),
        },
      },
      async (request) => {
        await deleteScenario(ctx, requireActor(request), request.params.id, request.query.reason);
        return { ok: true };
      },
    );

    app.get(
      '/api/scenarios/:id/revisions',
      { schema: { tags: ['scenarios'], summary: 'History of one scenario', params: id } },
      async (request) => {
        return scenarioRevisions(ctx, requireActor(request), request.params.id);
      },
    );

    app.post(
      '/api/scenarios/from-siting',
      {
        schema: {
          tags: ['scenarios'],
          summary:
            'Accept the proposed sites of a finished siting run into a new scenario (or append them to scenarioId), as added facilities with the run’s median capacity',
          body: z.object({
            jobId: z.string().max(100),
            scenarioId: z.number().int().positive().optional(),
            name: z.string().max(200).optional(),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await acceptSitingProposals(ctx, requireActor(request), request.body)),
    );

    app.get(
      '/api/scenarios/:id/compare',
      {
        schema: {
          tags: ['scenarios'],
          summary:
            'Compare the scenario with today (with=baseline) or another scenario (with=<id>) for a facility type: per district coverage, accessibility, norm gaps, registry indicators, and per residential point the change for the map',
          params: id,
          querystring: z.object({
            with: z.string().max(20).optional(),
            type: z.string().max(40),
            method: z.string().max(10).optional(),
          }),
        },
      },
      async (request) => {
        return compareScenarios(ctx, requireActor(request), request.params.id, request.query);
      },
    );
  };
}
