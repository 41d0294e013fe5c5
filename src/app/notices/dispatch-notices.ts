/**
 * The outbox dispatcher: claim the due deliveries (several dispatchers at once never take the same
 * one: notice.repository.ts), send each through its channel, and record the outcome. At least once:
 * a dispatcher that dies after sending leaves its claim to expire and the delivery is tried again,
 * with the same idempotency key. A failure is retried with growing waits until MAX_DELIVERY_ATTEMPTS,
 * then given up (failed, the reason kept). A channel not configured here, or one that cannot reach
 * the person, is recorded as notApplicable.
 */
import type { NoticeChannel, NoticeRecipient, OutgoingNotice } from '../../domain/notices/notice.ts';
import { CLAIM_LEASE_MS, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../../domain/notices/notice.ts';
import { NoticeRepository } from '../../store/repositories/notice.repository.ts';
import { ResidentProfileRepository } from '../../store/repositories/resident-profile.repository.ts';
import { SYSTEM_ACTOR, audit } from '../audit.ts';
import type { AppContext } from '../context.ts';
import { PHONE_FACT, inAppChannel } from './channels.ts';

export interface DispatchResult {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
  notApplicable: number;
}

export interface DispatchOptions {
  channels?: readonly NoticeChannel[];
  /** Deliveries claimed per round. */
  batch?: number;
}

async function recipientOf(ctx: AppContext, n: { userId: number | null; personId: string | null }) {
  const profiles = new ResidentProfileRepository(ctx.db);
  const profile =
    (n.userId !== null ? await profiles.findByUser(n.userId) : null) ??
    (n.personId !== null ? await profiles.findByPerson(n.personId) : null);
  const phone = profile?.facts[PHONE_FACT];
  const recipient: NoticeRecipient = {
    userId: n.userId ?? profile?.userId ?? null,
    personId: n.personId ?? profile?.personId ?? null,
    phone: typeof phone === 'string' ? phone : null,
  };
  return recipient;
}

/** One round over the due deliveries (up to `batch`); the timer and the CLI call this. */
export async function dispatchNotices(ctx: AppContext, opts: DispatchOptions = {}): Promise<DispatchResult> {
  const channels = opts.channels ?? [inAppChannel];
  const repo = new NoticeRepository(ctx.db);
  const now = ctx.clock.now();
  const claims = await ctx.db.transaction((tx) =>
    new NoticeRepository(tx).claimDue(now, new Date(now.getTime() + CLAIM_LEASE_MS), opts.batch ?? 100),
  );
  const result: DispatchResult = {
    claimed: claims.length,
    sent: 0,
    retrying: 0,
    failed: 0,
    notApplicable: 0,
  };
  if (claims.length === 0) return result;
  const notices = new Map(
    (await repo.findByIds([...new Set(claims.map((c) => c.noticeId))])).map((n) => [n.id, n]),
  );
  for (const claim of claims) {
    const n = notices.get(claim.noticeId)!;
    const channel = channels.find((c) => c.name === claim.channel);
    const recipient = await recipientOf(ctx, n);
    if (!channel || !channel.canReach(recipient)) {
      await repo.finish(claim, {
        status: 'notApplicable',
        reason: channel ? 'no contact for this channel' : 'channel not configured',
      });
      result.notApplicable++;
      continue;
    }
    const outgoing: OutgoingNotice = {
      id: n.id,
      kind: n.kind,
      serviceCode: n.serviceCode,
      title: n.title,
      body: n.body,
    };
    try {
      const { externalId } = await channel.send(outgoing, recipient);
      if (await repo.finish(claim, { status: 'sent', externalId, at: ctx.clock.now() })) result.sent++;
    } catch (e) {
      const giveUp = claim.attempts >= MAX_DELIVERY_ATTEMPTS;
      await repo.finish(claim, {
        status: giveUp ? 'failed' : 'pending',
        error: e instanceof Error ? e.message : String(e),
        nextAttemptAt: new Date(ctx.clock.now().getTime() + retryDelayMs(claim.attempts)),
      });
      if (giveUp) result.failed++;
      else result.retrying++;
    }
  }
  await audit(ctx.db, SYSTEM_ACTOR, ctx.clock.now(), 'notices.dispatch', 'notice_deliveries', null, {
    ...result,
  });
  return result;
}

/**
 * Dispatch on a timer (the server): one round every `intervalMs`, never two overlapping; the timer
 * does not keep the process alive. Returns stop(), which waits for a round in progress.
 */
export function startNoticeDispatcher(
  ctx: AppContext,
  opts: DispatchOptions & {
    intervalMs: number;
    onError?: (e: unknown) => void;
    /** Each finished round, for the server's log. */
    onRun?: (r: DispatchResult, durationMs: number) => void;
  },
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    const started = performance.now();
    running = dispatchNotices(ctx, opts)
      .then((r) => opts.onRun?.(r, performance.now() - started))
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        running = null;
      });
  }, opts.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
