/** What the sharing API shows an admin: tokens (never their secret, except once at creation) and calls. */
import type { ShareGrant, ShareScope, ShareTokenStatus } from './token-rules.ts';

export interface ShareTokenView {
  id: number;
  name: string;
  ownerSystem: string;
  grants: ShareGrant[];
  scope: ShareScope;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  status: ShareTokenStatus;
  calls: number;
  refusedCalls: number;
  lastUsedAt: string | null;
}

/** The answer to a creation: the only time the secret is shown. */
export interface CreatedShareTokenView {
  token: ShareTokenView;
  secret: string;
}

export interface ShareCallView {
  id: number;
  tokenId: number | null;
  at: string;
  dataset: string;
  operation: string;
  status: number;
  rows: number | null;
  clientAddress: string | null;
  path: string;
}
