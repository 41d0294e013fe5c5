/** Proactive matching (服务找人) over HTTP: start a batch run, read its snapshots, work lists and traces. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getSnapshotCounts, listSnapshots } from '../../app/entitlements/matching-snapshots.ts';
import { getPersonTrace } from '../../app/entitlements/person-trace.ts';
import { startMatching } from '../../app/entitlements/run-matching.ts';
import { exportWorklistXlsx, getWorklist } from '../../app/entitlements/worklist-items.ts';
import { requireActor } from '../auth.ts';

const tags = ['entitlements'];
const snapshotId = z.object({ id: z.coerce.number().int().positive() });
const worklistQuery = z.object({
  district: z.string().max(12).optional(),
  service: z.string().max(12).optional(),
  department: z.string().max(60).optional(),
  kind: z.string().max(10).optional().describe('gap (应享未享) or recheck (应退未退)'),
  offset: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().optional(),
});

export function entitlementsMatchingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/entitlements/matching/runs',
      {
        schema: {
          tags,
          summary:
            'Start a batch run over the synthetic population and every service in force on a date; 202 with the job (its result names the snapshot)',
          body: z.object({
            date: z.string().max(10).optional().describe('YYYY-MM-DD; default today'),
            seed: z.number().int().optional(),
            size: z.number().int().optional().describe('People, default 1,000,000'),
          }),
        },
      },
      async (request, reply) =>
        reply.status(202).send(await startMatching(ctx, requireActor(request), request.body)),
    );
    app.get(
      '/api/entitlements/matching/snapshots',
      { schema: { tags, summary: 'Matching snapshots, newest first' } },
      async (request) => listSnapshots(ctx, requireActor(request)),
    );
    app.get(
      '/api/entitlements/matching/snapshots/:id/counts',
      {
        schema: {
          tags,
          summary:
            "A snapshot's counts per district × lead department × service, coverage (receiving / eligible) and the plan's coverage indicators",
          params: snapshotId,
          querystring: z.object({
            district: z.string().max(12).optional(),
            service: z.string().max(12).optional(),
          }),
        },
      },
      async (request) => getSnapshotCounts(ctx, requireActor(request), request.params.id, request.query),
    );
    app.get(
      '/api/entitlements/matching/snapshots/:id/items',
      {
        schema: {
          tags,
          summary: "A snapshot's work list, filtered and paged",
          params: snapshotId,
          querystring: worklistQuery,
        },
      },
      async (request) => getWorklist(ctx, requireActor(request), request.params.id, request.query),
    );
    app.get(
      '/api/entitlements/matching/snapshots/:id/items.xlsx',
      {
        schema: {
          tags,
          summary: 'The filtered work list as an Excel workbook',
          params: snapshotId,
          querystring: worklistQuery,
        },
      },
      async (request, reply) => {
        const { bytes } = await exportWorklistXlsx(
          ctx,
          requireActor(request),
          request.params.id,
          request.query,
        );
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="worklist-${request.params.id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`服务找人工作清单-${request.params.id}.xlsx`)}`,
          )
          .send(bytes);
      },
    );
    app.get(
      '/api/entitlements/matching/snapshots/:id/people/:person',
      {
        schema: {
          tags,
          summary:
            "One person's facts and the full trace of every service on the snapshot's date (personal data: a purpose is required and audited)",
          params: z.object({ id: z.coerce.number().int().positive(), person: z.coerce.number().int() }),
          querystring: z.object({ purpose: z.string().max(200).optional() }),
        },
      },
      async (request) =>
        getPersonTrace(
          ctx,
          requireActor(request),
          request.params.id,
          request.params.person,
          request.query.purpose,
        ),
    );
  };
}
