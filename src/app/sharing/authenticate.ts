/** Which token a call presents: found by the id in the secret, then matched by hash in constant time. */
import { timingSafeEqual } from 'node:crypto';
import { bearerSecret, secretTokenId } from '../../domain/sharing/token-rules.ts';
import type { ShareTokenRow } from '../../store/repositories/sharing-token.repository.ts';
import { SharingTokenRepository } from '../../store/repositories/sharing-token.repository.ts';
import type { AppContext } from '../context.ts';
import { sha256Hex } from './tokens.ts';

/** The stored token behind an Authorization header, or null when none matches (whatever its state). */
export async function presentedToken(
  ctx: AppContext,
  authorization: string | undefined,
): Promise<ShareTokenRow | null> {
  const secret = bearerSecret(authorization);
  const id = secret === null ? null : secretTokenId(secret);
  if (secret === null || id === null) return null;
  const row = await new SharingTokenRepository(ctx.db).get(id);
  if (!row) return null;
  const presented = Buffer.from(sha256Hex(secret), 'hex');
  const stored = Buffer.from(row.secretHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored) ? row : null;
}
