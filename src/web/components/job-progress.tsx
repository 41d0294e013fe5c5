/**
 * The state of a background job as people read it: a progress bar with the stage in words while it
 * runs (and which run it is, when a stopped worker's job is run again), and the reason in their
 * language when it failed. `stageLabel` turns a stage code into words.
 */
import type { JobView } from '../../domain/shared/job-view.ts';
import { useApp } from '../app-context.ts';
import { jobFraction } from '../use-job.ts';

export function JobProgress({ job, stageLabel }: { job: JobView; stageLabel: (stage: string) => string }) {
  const { t, pick } = useApp();
  if (job.status === 'failed') {
    return (
      <p class="error" role="alert" data-testid="job-failed">
        {t('jobFailed')}
        {job.error ? pick(job.error) : ''}
      </p>
    );
  }
  if (job.status === 'succeeded') return null;
  const fraction = jobFraction(job);
  const stage = job.progress ? stageLabel(job.progress.stage) : t('jobQueued');
  return (
    <div class="job-progress" data-testid="job-progress" aria-live="polite">
      <progress max={1} value={fraction} aria-label={t('jobProgress')} />
      <span>
        {stage}
        {job.progress && job.progress.total > 0 ? ` (${job.progress.done}/${job.progress.total})` : ''}
      </span>
      {/* A worker stopped under it and it is being run again: say so, or the bar going back looks like a fault. */}
      {job.attempts > 1 ? (
        <span data-testid="job-attempt"> · {t('jobAttempt', { n: job.attempts })}</span>
      ) : null}
    </div>
  );
}
