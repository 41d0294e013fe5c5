/**
 * Check the audit log's hash chain from the first entry to the last, a page at a time (bounded memory
 * for any length), and report the first broken entry or the head hash to anchor elsewhere.
 */
import type { AuditVerifyView } from '../../domain/audit/views.ts';
import { ChainVerifier, report } from '../../domain/audit/verify.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { AuditRepository, sha256Hex } from '../../store/repositories/audit.repository.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';

const PAGE = 1000;

export async function verifyAuditLog(
  ctx: AppContext,
  actor: Actor,
  opts: { pageSize?: number } = {},
): Promise<AuditVerifyView> {
  authorize(actor, 'audit.read');
  const repo = new AuditRepository(ctx.db);
  // A database upgraded from before the chain: link its old entries first (once; see migration 0018).
  const linkedNow = await repo.linkPreChainEntries();
  const pageSize = Math.max(1, opts.pageSize ?? PAGE);
  const v = new ChainVerifier(sha256Hex);
  const done = () => ({ ...report(v), linkedNow });
  let afterId: number | null = null;
  for (;;) {
    for (;;) {
      const page = await repo.page(afterId, pageSize);
      for (const e of page) if (v.check(e)) return done();
      const last = page.at(-1);
      if (!last) break;
      afterId = last.id;
    }
    // The head is read after the entries: an append that committed meanwhile moved it past what was
    // read, and its entry is visible now, so read on; only a head past the log's end is a break.
    const head = await repo.head();
    if (head.seq > v.head.seq && (await repo.page(afterId, 1)).length > 0) continue;
    v.end(head, head.seq < v.head.seq ? await repo.idOfSeq(head.seq + 1) : null);
    return done();
  }
}
