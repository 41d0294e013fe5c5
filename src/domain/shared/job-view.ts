/** What GET /api/jobs/:id sends: a background job's state, shared by the server and the web UI. */
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobProgress {
  /** What the job is doing now, a short code the UI translates (e.g. `reading`, `coverage:park`). */
  stage: string;
  done: number;
  total: number;
}

export interface JobError {
  code: string;
  zh: string;
  en: string;
}

export interface JobView<R = unknown> {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  status: JobStatus;
  progress: JobProgress | null;
  result: R | null;
  error: JobError | null;
  /** How many times a worker has started it (a job whose worker stopped is run again, up to three). */
  attempts: number;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
