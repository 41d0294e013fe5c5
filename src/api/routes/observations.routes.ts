/** Figures: enter, correct, delete, list, their history, file import, and judgements. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { correctObservation } from '../../app/plan/correct-observation.ts';
import { deleteObservation } from '../../app/plan/delete-observation.ts';
import { importObservations } from '../../app/plan/import-observations.ts';
import { listObservations, observationRevisions } from '../../app/plan/list-observations.ts';
import { recordJudgement } from '../../app/plan/record-judgement.ts';
import { recordObservation } from '../../app/plan/record-observation.ts';
import { requireActor } from '../auth.ts';
import { uploadedFile } from '../upload.ts';

const id = z.object({ id: z.coerce.number().int().positive() });
// Field values are checked by the domain (observation-rows.ts) so that entry and import give the same words.
const figure = z.union([z.number(), z.string()]);

export function observationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/observations',
      {
        schema: {
          tags: ['observations'],
          summary: 'List observations',
          querystring: z.object({
            indicator: z.string().max(32).optional(),
            area: z.string().max(32).optional(),
            year: z.coerce.number().int().optional(),
          }),
        },
      },
      async (request) => {
        const q = request.query;
        return listObservations(ctx, requireActor(request), {
          indicatorCode: q.indicator,
          areaCode: q.area,
          year: q.year,
        });
      },
    );

    app.post(
      '/api/observations',
      {
        schema: {
          tags: ['observations'],
          summary: 'Enter an observation (or correct the one held for the same key, with a reason)',
          body: z.object({
            indicatorCode: z.string(),
            areaCode: z.string(),
            year: figure,
            value: figure,
            source: z.string(),
            note: z.string().nullish(),
            reason: z.string().nullish(),
          }),
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const r = await recordObservation(ctx, actor, request.body);
        return reply.status(r.created ? 201 : 200).send(r);
      },
    );

    app.put(
      '/api/observations/:id',
      {
        schema: {
          tags: ['observations'],
          summary: 'Correct an observation; the previous value is kept with the reason',
          params: id,
          body: z.object({
            value: figure,
            source: z.string(),
            note: z.string().nullish(),
            reason: z.string(),
          }),
        },
      },
      async (request) => correctObservation(ctx, requireActor(request), request.params.id, request.body),
    );

    app.delete(
      '/api/observations/:id',
      {
        schema: {
          tags: ['observations'],
          summary: 'Delete an observation (kept in its history)',
          params: id,
          querystring: z.object({ reason: z.string().optional() }),
        },
      },
      async (request) => {
        await deleteObservation(ctx, requireActor(request), request.params.id, request.query.reason);
        return { ok: true };
      },
    );

    app.get(
      '/api/observations/:id/revisions',
      { schema: { tags: ['observations'], summary: 'History of one observation', params: id } },
      async (request) => observationRevisions(ctx, requireActor(request), request.params.id),
    );

    app.post(
      '/api/observations/import',
      {
        schema: {
          tags: ['observations'],
          summary: 'Import a CSV or XLSX file (multipart field `file`): all rows or none',
          consumes: ['multipart/form-data'],
        },
      },
      async (request) => importObservations(ctx, requireActor(request), () => uploadedFile(request)),
    );

    app.post(
      '/api/judgements',
      {
        schema: {
          tags: ['observations'],
          summary: 'Record a judgement for a qualitative or 动态清零 target',
          body: z.object({
            indicatorCode: z.string(),
            areaCode: z.string(),
            year: z.coerce.number().int(),
            status: z.string(),
            reason: z.string(),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordJudgement(ctx, requireActor(request), request.body)),
    );
  };
}
