/** Every write goes through here on its way out, inside the write's own transaction. */
import type { Actor } from '../domain/identity/roles.ts';
import type { Db } from '../store/db.ts';
import { AuditRepository } from '../store/repositories/audit.repository.ts';

/** The actor for writes made by the system itself (first start, pack load from the CLI). */
export const SYSTEM_ACTOR: Actor = {
  id: 0,
  username: 'system',
  displayName: '系统',
  role: 'admin',
  sector: null,
  districtCode: null,
};

export async function audit(
  db: Db,
  actor: Actor,
  at: Date,
  action: string,
  entity: string,
  entityId: string | null,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await new AuditRepository(db).append(
    { actorId: actor.id === 0 ? null : actor.id, actor: actor.username, action, entity, entityId, detail },
    at,
  );
}
