/**
 * The queued job kinds and the work each runs: what a worker (`fuwu serve`, `fuwu worker`) claims.
 * A network import is not here: it is pinned to the process that received the upload.
 */
import { MATCHING_KIND, runMatchingJob } from '../entitlements/run-matching.ts';
import { REVIEW_REPORT_KIND, runReviewReport } from '../plan/start-review-report.ts';
import { ACCESS_RUN_KIND, runAccessRun } from '../resources/start-access-run.ts';
import { SITING_KIND, runSitingJob } from '../siting/start-siting.ts';
import type { JobHandler } from './job-runner.ts';

export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  [ACCESS_RUN_KIND]: runAccessRun,
  [SITING_KIND]: runSitingJob,
  [MATCHING_KIND]: runMatchingJob,
  [REVIEW_REPORT_KIND]: runReviewReport,
};
