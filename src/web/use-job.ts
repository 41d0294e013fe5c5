/**
 * Follow a background job (GET /api/jobs/:id) until it succeeds or fails: polls while it is queued or
 * running, then stops. `null` id: nothing to follow.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JobView } from '../domain/shared/job-view.ts';
import type { ApiError } from './api.ts';
import { api, asApiError } from './api.ts';

const POLL_MS = 500;

export function useJob<R = unknown>(id: string | null): { job: JobView<R> | null; error: ApiError | null } {
  const [job, setJob] = useState<JobView<R> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setJob(null);
    setError(null);
    if (!id) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.get<JobView<R>>(`/api/jobs/${encodeURIComponent(id)}`);
        if (stopped) return;
        setJob(next);
        if (next.status === 'queued' || next.status === 'running') timer = setTimeout(poll, POLL_MS);
      } catch (err) {
        if (!stopped)
          setError(
            asApiError(err, { zh: '无法读取任务进度。', en: 'Could not read the progress of the job.' }),
          );
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  return { job, error };
}

/** Share done of a job's current stage, 0–1 (0 when the job has not reported yet). */
export function jobFraction(job: Pick<JobView, 'progress' | 'status'> | null): number {
  if (!job) return 0;
  if (job.status === 'succeeded') return 1;
  const p = job.progress;
  return p && p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
}
