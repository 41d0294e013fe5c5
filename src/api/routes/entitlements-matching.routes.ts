/**
 * Proactive matching (服务找人) over HTTP: start a batch run, read its snapshots, work lists and traces.
 * Ids and numbers come as text and are checked by the use cases after the permission, so a role
 * without it is told 403 whatever it sends.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { getSnapshotCounts, listSnapshots } from '../../app/entitlements/matching-snapshots.ts';
import { getPersonTrace } from '../../app/entitlements/person-trace.ts';
import { startMatching } from '../../app/entitlements/run-matching.ts';
import { exportWorklistXlsx, getWorklist } from '../../app/entitlements/worklist-items.ts';
import { requireActor } from '../auth.ts';

const tags = ['entitlements'];
const snapshotId = z.object({ id: z.string().max(20).describe('A snapshot id') });
const worklistQuery = z.object({
  district: z.string().max(12).optional(),
  service: z.string().max(12).optional(),
  department: z.string().max(60).optional(),
  kind: z.string().max(10).optional().describe('gap (应享未享) or recheck (应退未退)'),
  offset: z.string().max(12).optional(),
  limit: z.string().max(12).optional(),
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
            date: z.unknown().optional().describe('YYYY-MM-DD; default today'),
            seed: z.unknown().optional().describe('A whole number'),
            size: z.unknown().optional().describe('People, default 1,000,000'),
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
      async (request) =>
        getSnapshotCounts(ctx, requireActor(request), Number(request.params.id), request.query),
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
      async (request) => getWorklist(ctx, requireActor(request), Number(request.params.id), request.query),
    );
    app.get(
      '/api/entitlements/matching/snapshots/:id/items.xlsx',
      {
        schema: {
          tags,
          summary:
            'The filtered work list as an Excel workbook (personal data: a purpose is required; the export is audited and each person in it logged)',
          params: snapshotId,
          querystring: worklistQuery.extend({ purpose: z.string().max(200).optional() }),
        },
      },
      async (request, reply) => {
        // The use case has found the snapshot, so the number is a real id (never the raw text).
        const id = Number(request.params.id);
        const { bytes } = await exportWorklistXlsx(ctx, requireActor(request), id, request.query);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="worklist-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent(`服务找人工作清单-${id}.xlsx`)}`,
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
          params: snapshotId.extend({ person: z.string().max(20).describe('A person index') }),
          querystring: z.object({ purpose: z.string().max(200).optional() }),
        },
      },
      async (request) =>
        getPersonTrace(
          ctx,
          requireActor(request),
          Number(request.params.id),
          Number(request.params.person),
          request.query.purpose,
        ),
    );
  };
}
