/** The audit log, for admins and auditors: who did what, when, newest first. */
import type { Actor } from '../../domain/identity/roles.ts';
import type { AuditView } from '../../domain/plan/views.ts';
import { AuditRepository } from '../../store/repositories/audit.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';

export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  limit: number,
  beforeId?: number,
): Promise<AuditView[]> {
  authorize(actor, 'audit.read');
  const rows = await new AuditRepository(ctx.db).list(Math.min(Math.max(1, limit), 500), beforeId);
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    detail: r.detail,
  }));
}
