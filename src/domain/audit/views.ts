/** What the audit chain check returns to the API, the web page and the CLI. */
import type { ChainReport } from './verify.ts';

export interface AuditVerifyView extends ChainReport {
  /** Entries written before the chain existed that this check linked first (once, in id order). */
  linkedNow: number;
}
