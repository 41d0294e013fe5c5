/**
 * Residents (issue 6 §1): public sign-up, the held facts of the signed-in resident, and an admin's
 * link of a resident to a person of the records. Bodies are loosely typed: the use cases check them.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { toUserView } from '../../app/identity/users.ts';
import { getMyDataAccess } from '../../app/privacy/data-access.ts';
import { linkResidentPerson } from '../../app/residents/link-person.ts';
import { getMyProfile } from '../../app/residents/my-profile.ts';
import { signUpResident } from '../../app/residents/sign-up.ts';
import type { SessionView } from '../../domain/plan/views.ts';
import { requireActor, setSessionCookie } from '../auth.ts';

const tags = ['residents'];

export function residentRoutes(ctx: AppContext, opts: { secureCookies: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/residents',
      {
        schema: {
          tags,
          summary:
            'Sign up as a resident (no session needed) and be signed in; linkSamplePerson links a 示例 person of the latest snapshot',
          body: z.object({
            username: z.unknown(),
            displayName: z.unknown().optional(),
            password: z.unknown(),
            linkSamplePerson: z.unknown().optional(),
            idNumber: z.unknown().optional().describe('Citizen identity number (GB 11643), optional'),
          }),
        },
      },
      async (request, reply) => {
        const s = await signUpResident(ctx, request.body, request.ip);
        setSessionCookie(reply, s.token, s.expiresAt, opts.secureCookies);
        const view: SessionView = { user: toUserView(s.actor), csrfToken: s.csrfToken };
        return reply.status(201).send(view);
      },
    );

    app.get(
      '/api/my/profile',
      {
        schema: {
          tags,
          summary:
            "The signed-in resident's linked person and the facts held about them (null when not linked)",
        },
      },
      async (request) => getMyProfile(ctx, requireActor(request)),
    );

    app.get(
      '/api/my/data-access',
      {
        schema: {
          tags,
          summary:
            "The resident's data tracker: every logged staff read of their data (who, when, why, what), newest first",
          querystring: z.object({
            offset: z.coerce.number().int().optional(),
            limit: z.coerce.number().int().optional(),
          }),
        },
      },
      async (request) => getMyDataAccess(ctx, requireActor(request), request.query),
    );

    app.put(
      '/api/admin/residents/:userId/person',
      {
        schema: {
          tags,
          summary: 'Link (or relink) a resident to a person of the latest matching snapshot (admin)',
          params: z.object({ userId: z.string().max(20).describe('A user id') }),
          body: z.object({ personId: z.unknown().optional().describe('(required)') }),
        },
      },
      async (request) =>
        linkResidentPerson(ctx, requireActor(request), Number(request.params.userId), request.body),
    );
  };
}
