/** The plan's major projects (重大项目) over HTTP: thin, each route one use case. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getProjection } from '../../app/projects/projection.ts';
import {
  addMilestone,
  addProgressReport,
  completeProject,
  createProject,
  getProject,
  listProjects,
  updateMilestone,
  updateProject,
} from '../../app/projects/projects.ts';
import { PROJECT_KINDS, SECTORS } from '../../domain/plan/pack.schema.ts';
import { PROJECT_STATUSES } from '../../domain/projects/project.ts';
import { CAPACITY_KEYS, FACILITY_TYPES } from '../../domain/resources/facility.ts';
import { requireActor } from '../auth.ts';

const code = z.object({ code: z.string().min(1).max(40) });
const tags = ['projects'];

const projectBody = z.object({
  name: z.unknown().describe('Name (required)'),
  nameEn: z.unknown().optional(),
  sector: z.unknown().describe(`One of ${SECTORS.join(', ')}`),
  column: z.unknown().optional().describe('The plan column (专栏) number, optional'),
  programme: z.unknown().optional(),
  districtCode: z.unknown().optional().describe('District or zone code; empty: city-wide'),
  kind: z.unknown().describe(`One of ${PROJECT_KINDS.join(', ')}`),
  facilityType: z
    .unknown()
    .optional()
    .describe(`One of ${FACILITY_TYPES.join(', ')}, or empty`),
  capacities: z
    .unknown()
    .optional()
    .describe(`Planned capacity: object with any of ${CAPACITY_KEYS.join(', ')}`),
  count: z.unknown().optional().describe('For programmes: how many'),
  countText: z.unknown().optional(),
  plannedStart: z.unknown().describe('YYYY-MM-DD'),
  plannedEnd: z.unknown().describe('YYYY-MM-DD'),
  responsibleUnit: z.unknown().optional(),
  indicators: z.unknown().optional().describe('Indicator codes the project should move'),
  sourceRef: z.unknown().optional(),
  sourceText: z.unknown().optional(),
  notes: z.unknown().optional(),
  location: z
    .unknown()
    .optional()
    .describe(
      'Where it is built: {lon, lat} in WGS84 degrees, inside the city and the project’s district; null: not placed. Left out on a change: the location held is kept',
    ),
});

export function projectRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/projects',
      {
        schema: {
          tags,
          summary: 'Major projects, with milestones (overdue flagged), latest progress and filters',
          querystring: z.object({
            sector: z.enum(SECTORS).optional(),
            district: z.string().max(40).optional(),
            status: z.enum(PROJECT_STATUSES).optional(),
            overdue: z
              .enum(['true', 'false'])
              .optional()
              .describe(
                'Only projects with (true) or without (false) an overdue milestone or past their end',
              ),
          }),
        },
      },
      async (request) => {
        const q = request.query;
        return listProjects(ctx, requireActor(request), {
          sector: q.sector,
          districtCode: q.district,
          status: q.status,
          overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
        });
      },
    );

    app.get(
      '/api/projects/projection',
      {
        schema: {
          tags,
          summary:
            'Registry-computed indicators per district at the end of the plan if the projects finish as planned',
          querystring: z.object({ year: z.coerce.number().int().optional() }),
        },
      },
      async (request) => {
        return getProjection(ctx, requireActor(request), request.query.year);
      },
    );

    app.get(
      '/api/projects/:code',
      {
        schema: {
          tags,
          summary: 'One project with milestones, reports, facilities and history',
          params: code,
        },
      },
      async (request) => {
        return getProject(ctx, requireActor(request), request.params.code);
      },
    );

    app.post(
      '/api/projects',
      { schema: { tags, summary: 'Add a project', body: projectBody } },
      async (request, reply) =>
        reply
          .status(201)
          .send(await createProject(ctx, requireActor(request), request.body as Record<string, unknown>)),
    );

    app.put(
      '/api/projects/:code',
      {
        schema: {
          tags,
          summary: 'Change a project (reason required; the previous content is kept)',
          params: code,
          body: projectBody.extend({
            status: z.unknown().optional().describe('planned, underway or cancelled'),
            reason: z.string().optional(),
          }),
        },
      },
      async (request) => {
        const { reason, ...fields } = request.body;
        return updateProject(
          ctx,
          requireActor(request),
          request.params.code,
          fields as Record<string, unknown>,
          reason,
        );
      },
    );

    app.post(
      '/api/projects/:code/milestones',
      {
        schema: {
          tags,
          summary: 'Add a milestone',
          params: code,
          body: z.object({
            name: z.unknown(),
            plannedDate: z.unknown().describe('YYYY-MM-DD'),
            doneDate: z.unknown().optional().describe('YYYY-MM-DD, when done'),
          }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await addMilestone(
              ctx,
              requireActor(request),
              request.params.code,
              request.body as Record<string, unknown>,
            ),
          ),
    );

    app.put(
      '/api/projects/:code/milestones/:id',
      {
        schema: {
          tags,
          summary: 'Change a milestone or mark it done (a reason is needed unless only marking done)',
          params: code.extend({ id: z.coerce.number().int().positive() }),
          body: z.object({
            name: z.unknown().optional(),
            plannedDate: z.unknown().optional(),
            doneDate: z.unknown().optional(),
            reason: z.string().optional(),
          }),
        },
      },
      async (request) => {
        const { reason, ...fields } = request.body;
        return updateMilestone(
          ctx,
          requireActor(request),
          request.params.code,
          request.params.id,
          fields as Record<string, unknown>,
          reason,
        );
      },
    );

    app.post(
      '/api/projects/:code/reports',
      {
        schema: {
          tags,
          summary: 'Add a progress report',
          params: code,
          body: z.object({
            reportDate: z.unknown().optional().describe('YYYY-MM-DD (default today)'),
            percent: z.unknown().describe('0–100'),
            text: z.unknown(),
          }),
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await addProgressReport(
              ctx,
              requireActor(request),
              request.params.code,
              request.body as Record<string, unknown>,
            ),
          ),
    );

    app.post(
      '/api/projects/:code/complete',
      {
        schema: {
          tags,
          summary: 'Complete a project: it becomes facilities of the registry (actual capacity and location)',
          params: code,
          body: z.object({
            completedOn: z.unknown().optional().describe('YYYY-MM-DD (default today)'),
            facilities: z
              .unknown()
              .optional()
              .describe(
                'List of { name?, type?, lon, lat, districtCode?, communityCode?, capacities?, ownership? }',
              ),
          }),
        },
      },
      async (request) =>
        completeProject(
          ctx,
          requireActor(request),
          request.params.code,
          request.body as Record<string, unknown>,
        ),
    );
  };
}
