/** Admin: users, the audit log, and the generated sample data. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../../app/admin/list-audit.ts';
import { verifyAuditLog } from '../../app/admin/verify-audit.ts';
import type { AppContext } from '../../app/context.ts';
import { createUser, listUsers } from '../../app/identity/users.ts';
import { updateAccount } from '../../app/identity/account.ts';
import { loadSampleData, removeSampleData } from '../../app/plan/sample-data.ts';
import { loadSyntheticResources, removeSyntheticResources } from '../../app/resources/synthetic-resources.ts';
import { ROLES } from '../../domain/identity/roles.ts';
import { listDataAccessLog } from '../../app/privacy/data-access.ts';
import { requireActor } from '../auth.ts';

export function adminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/users', { schema: { tags: ['admin'], summary: 'Users and roles' } }, async (request) =>
      listUsers(ctx, requireActor(request)),
    );

    app.post(
      '/api/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'Create a user',
          body: z.object({
            username: z.string(),
            displayName: z.string().max(100).default(''),
            password: z.string().max(200),
            role: z.enum(ROLES),
            sector: z.string().nullish(),
            districtCode: z.string().nullish(),
            officeCode: z.string().nullish(),
          }),
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createUser(ctx, requireActor(request), request.body)),
    );

    app.patch(
      '/api/users/:id',
      {
        schema: {
          tags: ['admin'],
          summary: "Reset a user's password or disable/enable the account (ends the user's sessions)",
          params: z.object({ id: z.coerce.number().int().positive() }),
          body: z.object({ password: z.string().max(200).optional(), disabled: z.boolean().optional() }),
        },
      },
      async (request) => {
        await updateAccount(ctx, requireActor(request), request.params.id, request.body);
        return { ok: true };
      },
    );

    app.get(
      '/api/audit',
      {
        schema: {
          tags: ['admin'],
          summary: 'Audit log, newest first',
          querystring: z.object({
            limit: z.coerce.number().int().default(100),
            before: z.coerce.number().int().optional(),
          }),
        },
      },
      async (request) => listAudit(ctx, requireActor(request), request.query.limit, request.query.before),
    );

    app.get(
      '/api/audit/verify',
      {
        schema: {
          tags: ['admin'],
          summary: "Check the audit log's hash chain: the head hash, or the first broken entry and why",
        },
      },
      async (request) => verifyAuditLog(ctx, requireActor(request)),
    );

    app.get(
      '/api/audit/data-access',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Who read whose personal data (admin, auditor): every logged staff read, newest first, narrowed by subject or reader',
          querystring: z.object({
            subjectUserId: z.string().optional().describe('The resident (user id) whose data was read'),
            subjectPersonId: z
              .string()
              .max(40)
              .optional()
              .describe('The person (SYN-… id) whose data was read'),
            readerId: z.string().optional().describe('The official (user id) who read'),
            offset: z.string().optional(),
            limit: z.string().optional(),
          }),
        },
      },
      async (request) => listDataAccessLog(ctx, requireActor(request), request.query),
    );

    app.post(
      '/api/sample-data',
      { schema: { tags: ['admin'], summary: 'Load the generated 示例数据' } },
      async (request) => loadSampleData(ctx, requireActor(request)),
    );
    app.delete(
      '/api/sample-data',
      { schema: { tags: ['admin'], summary: 'Remove the generated 示例数据' } },
      async (request) => removeSampleData(ctx, requireActor(request)),
    );
    app.post(
      '/api/synthetic-resources',
      {
        schema: {
          tags: ['admin'],
          summary: 'Generate the 示例 facilities and residential points (replaces earlier ones)',
        },
      },
      async (request) => loadSyntheticResources(ctx, requireActor(request)),
    );
    app.delete(
      '/api/synthetic-resources',
      { schema: { tags: ['admin'], summary: 'Remove the generated facilities and residential points' } },
      async (request) => removeSyntheticResources(ctx, requireActor(request)),
    );
  };
}
