-- fuwu schema, version 21: the jobs table becomes a job queue shared by every process on the database
-- (issue 7 §4). A queued job carries what a worker needs to run it anywhere (payload, the actor it runs
-- as); a worker claims it with FOR UPDATE SKIP LOCKED, holds it by a lease it renews, and writes only
-- while it still owns it. A job whose lease ran out is claimed again (up to three attempts), unless it
-- is pinned to the process that took its upload, which is failed instead.
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS payload jsonb;
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS actor jsonb;
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS pinned boolean NOT NULL DEFAULT false;
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS owner text;
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS lease_until timestamptz;
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0;

-- Jobs left open by the version before the queue carry no payload to run them again with.
UPDATE jobs SET status = 'failed', finished_at = now(), error = jsonb_build_object(
    'code', 'interrupted',
    'zh', '任务因服务停止而中断，请重新提交',
    'en', 'the job was cut off when the server stopped; submit it again')
  WHERE status IN ('queued', 'running');

CREATE INDEX IF NOT EXISTS jobs_open ON jobs (created_at, id) WHERE status IN ('queued', 'running');
