/**
 * Notices (issue 6 §2): the resident's inbox, and the officer's buttons on a work-list entry — tell
 * the person, or turn the entry into a proactive case. Thin: each route one use case, which checks
 * the permission first, then every field (bodies and ids are loose here) and the scope.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { openProactiveCase } from '../../app/cases/open-proactive-case.ts';
import type { AppContext } from '../../app/context.ts';
import { listMyNotices, markNoticeRead } from '../../app/notices/my-notices.ts';
import { sendWorklistNotices } from '../../app/notices/worklist-notices.ts';
import { requireActor } from '../auth.ts';

const tags = ['notices'];
const snapshot = z.object({ id: z.string().max(20).describe('A snapshot id') });

export function noticeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/my/notices',
      {
        schema: {
          tags,
          summary: "The signed-in resident's notices, newest first, with the unread count",
        },
      },
      async (request) => listMyNotices(ctx, requireActor(request)),
    );

    app.post(
      '/api/my/notices/:id/read',
      {
        schema: {
          tags,
          summary: 'Mark one of your notices read',
          params: z.object({ id: z.string().max(20) }),
        },
      },
      async (request) => markNoticeRead(ctx, requireActor(request), request.params.id),
    );

    app.post(
      '/api/entitlements/matching/snapshots/:id/worklist/notices',
      {
        schema: {
          tags,
          summary:
            'Notify one person of a work list (personIndex), or every 应享未享 person of a service in your scope (and districtCode); never twice',
          params: snapshot,
          body: z.object({
            serviceCode: z.unknown().optional().describe('(required)'),
            personIndex: z.unknown().optional(),
            districtCode: z.unknown().optional(),
          }),
        },
      },
      async (request) =>
        sendWorklistNotices(ctx, requireActor(request), Number(request.params.id), request.body),
    );

    app.post(
      '/api/entitlements/matching/snapshots/:id/worklist/cases',
      {
        schema: {
          tags,
          summary:
            'Turn a work-list entry into a proactive case (主动服务); the same entry again returns the same case',
          params: snapshot,
          body: z.object({
            serviceCode: z.unknown().optional().describe('(required)'),
            personIndex: z.unknown().optional().describe('(required)'),
          }),
        },
      },
      async (request, reply) => {
        const r = await openProactiveCase(
          ctx,
          requireActor(request),
          Number(request.params.id),
          request.body,
        );
        return reply.status(r.created ? 201 : 200).send(r);
      },
    );
  };
}
