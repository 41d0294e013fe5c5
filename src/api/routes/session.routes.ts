/** Sign in, see who is signed in, sign out; an admin lifts a sign-in lock-out. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { csrfTokenFor, signIn, signOut } from '../../app/identity/sessions.ts';
import { toUserView } from '../../app/identity/users.ts';
import { changeOwnPassword } from '../../app/identity/account.ts';
import { unlockUser } from '../../app/identity/unlock-user.ts';
import type { SessionView } from '../../domain/plan/views.ts';
import { clearSessionCookie, requireActor, setSessionCookie } from '../auth.ts';

export function sessionRoutes(ctx: AppContext, opts: { secureCookies: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/session',
      { schema: { tags: ['session'], summary: 'Who is signed in' } },
      async (request): Promise<SessionView> => {
        const a = request.actor;
        return {
          user: a ? toUserView(a) : null,
          csrfToken: a && request.sessionToken ? csrfTokenFor(request.sessionToken) : null,
        };
      },
    );

    app.post(
      '/api/session',
      {
        schema: {
          tags: ['session'],
          summary: 'Sign in',
          body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }),
        },
      },
      async (request, reply): Promise<SessionView> => {
        const s = await signIn(ctx, request.body.username, request.body.password, request.ip);
        setSessionCookie(reply, s.token, s.expiresAt, opts.secureCookies);
        return { user: toUserView(s.actor), csrfToken: s.csrfToken };
      },
    );

    app.post(
      '/api/session/password',
      {
        schema: {
          tags: ['session'],
          summary: 'Change your own password (your other sessions end)',
          body: z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) }),
        },
      },
      async (request) => {
        const actor = requireActor(request);
        await changeOwnPassword(
          ctx,
          actor,
          request.sessionToken as string,
          request.body.currentPassword,
          request.body.newPassword,
        );
        return { ok: true };
      },
    );

    app.post(
      '/api/users/:id/unlock',
      {
        schema: {
          tags: ['session'],
          summary: 'Lift the sign-in lock-out of a user (admin): its failed sign-ins stop counting',
          params: z.object({ id: z.coerce.number().int().positive() }),
        },
      },
      async (request) => unlockUser(ctx, requireActor(request), request.params.id),
    );

    app.delete(
      '/api/session',
      { schema: { tags: ['session'], summary: 'Sign out' } },
      async (request, reply) => {
        const actor = requireActor(request);
        await signOut(ctx, request.sessionToken as string, actor);
        clearSessionCookie(reply);
        return { ok: true };
      },
    );
  };
}
