/**
 * One call from another system: find the token, check what it grants, then read or write through the
 * ordinary use cases as the token's actor. `trace` is filled as the call goes, so the call log (written
 * by logShareCall once the answer's status is known) names the token even when the call is refused.
 */
import type { ShareOperation } from '../../domain/sharing/datasets.ts';
import { isShareDataset } from '../../domain/sharing/datasets.ts';
import { inactiveRefusal, refusalFor, tokenActor, unknownToken } from '../../domain/sharing/token-rules.ts';
import { FuwuError } from '../../domain/shared/errors.ts';
import type { ShareCallEntry } from '../../store/repositories/sharing-call.repository.ts';
import { SharingCallRepository } from '../../store/repositories/sharing-call.repository.ts';
import type { AppContext } from '../context.ts';
import type { ObservationEntry } from '../plan/record-observation.ts';
import { recordObservation } from '../plan/record-observation.ts';
import { presentedToken } from './authenticate.ts';
import type { ShareQuery } from './shared-datasets.ts';
import { SHARED_READERS } from './shared-datasets.ts';

export interface ShareCall {
  authorization: string | undefined;
  dataset: string;
  operation: ShareOperation;
  query?: ShareQuery;
  body?: unknown;
}

/** What the log needs to know of a call before its answer is sent. */
export interface ShareTrace {
  tokenId: number | null;
  rows: number | null;
}

export async function callShared(
  ctx: AppContext,
  call: ShareCall,
  trace: ShareTrace,
): Promise<{ created: boolean; body: unknown }> {
  const now = ctx.clock.now();
  const token = await presentedToken(ctx, call.authorization);
  trace.tokenId = token?.id ?? null;
  // A token that grants nothing learns nothing, not even which datasets exist.
  if (!token) throw unknownToken();
  const inactive = inactiveRefusal(token, now);
  if (inactive) throw inactive;
  if (!isShareDataset(call.dataset)) {
    throw new FuwuError(
      'not_found',
      `没有名为 ${call.dataset} 的共享数据集`,
      `no shared dataset named ${call.dataset}`,
    );
  }
  const refusal = refusalFor(token, call.dataset, call.operation, now);
  if (refusal) throw refusal;
  const actor = tokenActor(token);
  if (call.operation === 'write') {
    // Only observations offer write (datasets.ts); the grant check above has made sure of it.
    const result = await recordObservation(ctx, actor, (call.body ?? {}) as ObservationEntry);
    trace.rows = 1;
    return { created: result.created, body: { dataset: call.dataset, ...result } };
  }
  const answer = await SHARED_READERS[call.dataset](ctx, token, actor, call.query ?? {});
  trace.rows = answer.rows.length;
  return { created: false, body: answer };
}

export async function logShareCall(ctx: AppContext, entry: ShareCallEntry): Promise<void> {
  await new SharingCallRepository(ctx.db).append(
    {
      ...entry,
      dataset: entry.dataset.slice(0, 60),
      clientAddress: entry.clientAddress?.slice(0, 100) ?? null,
      path: entry.path.slice(0, 500),
    },
    ctx.clock.now(),
  );
}
