/**
 * Jobs and the job queue: progress recorded, results and errors kept, visible to their owner and
 * admins only; queued jobs claimed by exactly one worker among several, leases that run out handed to
 * another worker, writes refused to a worker that lost its job, pinned jobs failed rather than rerun,
 * and a job's output committed with its outcome or not at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.ts';
import { createContext } from '../../src/app/context.ts';
import type { JobHandler } from '../../src/app/jobs/job-runner.ts';
import { INTERRUPTED, JOB_DEFAULTS, JobLeaseLost, jobRunnerOf } from '../../src/app/jobs/job-runner.ts';
import type { JobWorker } from '../../src/app/jobs/job-worker.ts';
import { startJobWorker } from '../../src/app/jobs/job-worker.ts';
import {
  enqueueJob,
  getJob,
  listJobs,
  recoverJobs,
  releaseJobs,
  startLocalJob,
  waitForJob,
} from '../../src/app/jobs/jobs.ts';
import { FuwuError } from '../../src/domain/shared/errors.ts';
import type { JobProgress } from '../../src/domain/shared/job-view.ts';
import { JobRepository } from '../../src/store/repositories/job.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { createUserAs, engineName, expectFuwuError, openTestPlatform } from '../support/test-db.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A gate a handler waits at until the test opens it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

async function until<T>(what: string, f: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe(`jobs (${engineName()})`, () => {
  let p: TestPlatform;
  const workers: JobWorker[] = [];
  /** Another process on the same database: its own context, runner (owner id) and worker. */
  const otherProcess = (handlers: Record<string, JobHandler>): { ctx: AppContext; worker: JobWorker } => {
    const ctx = createContext(p.db);
    const worker = startJobWorker(ctx, { handlers, pollMs: 50 });
    workers.push(worker);
    return { ctx, worker };
  };
  beforeAll(async () => {
    p = await openTestPlatform();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await p?.close();
  });

  it('runs a local job in the background, records progress and keeps the result', async () => {
    const g = gate();
    const seen: JobProgress[] = [];
    const started = await startLocalJob(p.ctx, p.admin, 'test.sum', { n: 3 }, async ({ progress }) => {
      await progress({ stage: 'adding', done: 0, total: 3 });
      await g.opened;
      let sum = 0;
      for (let i = 1; i <= 3; i++) {
        sum += i;
        await progress({ stage: 'adding', done: i, total: 3 });
        seen.push({ stage: 'adding', done: i, total: 3 });
      }
      return { sum };
    });
    expect(started.status).toBe('running');
    expect(started.params).toEqual({ n: 3 });
    expect(started.attempts).toBe(1);
    const mid = await until('the first progress', async () => {
      const j = await getJob(p.ctx, p.admin, started.id);
      return j.progress ? j : undefined;
    });
    expect(mid.status).toBe('running');
    expect(mid.progress).toEqual({ stage: 'adding', done: 0, total: 3 });
    expect(mid.startedAt).not.toBeNull();
    g.open();
    const done = await waitForJob(p.ctx, started.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ sum: 6 });
    // The last step is always written, whatever the throttle.
    expect(done.progress).toEqual({ stage: 'adding', done: 3, total: 3 });
    expect(done.error).toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect(seen).toHaveLength(3);
  });

  it('keeps a failure with its reason in both languages', async () => {
    const job = await startLocalJob(p.ctx, p.admin, 'test.fail', {}, async () => {
      throw new FuwuError('import_rejected', '文件不完整', 'the file is truncated');
    });
    const done = await waitForJob(p.ctx, job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toEqual({ code: 'import_rejected', zh: '文件不完整', en: 'the file is truncated' });
    expect(done.result).toBeNull();

    const crash = await startLocalJob(p.ctx, p.admin, 'test.fail', {}, async () => {
      throw new TypeError('x is undefined');
    });
    const crashed = await waitForJob(p.ctx, crash.id);
    expect(crashed.error?.code).toBe('internal');
    expect(crashed.error?.en).toContain('x is undefined');
  });

  it('shows a job to its creator and admins only', async () => {
    const viewer = await createUserAs(p.ctx, p.admin, { username: 'job-viewer', role: 'viewer' });
    const other = await createUserAs(p.ctx, p.admin, { username: 'job-other', role: 'viewer' });
    const job = await startLocalJob(p.ctx, viewer, 'test.mine', {}, async () => 1);
    await waitForJob(p.ctx, job.id);
    expect((await getJob(p.ctx, viewer, job.id)).result).toBe(1);
    expect((await getJob(p.ctx, p.admin, job.id)).createdBy).toBe('job-viewer');
    await expectFuwuError(getJob(p.ctx, other, job.id), 'not_found');
    expect((await listJobs(p.ctx, other)).map((j) => j.id)).not.toContain(job.id);
    expect((await listJobs(p.ctx, viewer)).map((j) => j.id)).toEqual([job.id]);
    expect((await listJobs(p.ctx, p.admin, { kind: 'test.mine' })).map((j) => j.id)).toEqual([job.id]);
    await expectFuwuError(getJob(p.ctx, p.admin, 'no-such-job'), 'not_found');
  });

  it('a queued job runs once, on a worker that has its kind, with its payload and actor', async () => {
    const { ctx } = otherProcess({
      'test.echo': async (_ctx, payload, run) => ({
        payload,
        actor: run.actor.username,
        attempt: run.attempt,
      }),
    });
    const job = await enqueueJob(p.ctx, p.admin, 'test.echo', { shown: 1 }, { shown: 1, hidden: [1, 2, 3] });
    expect(job.status).toBe('queued');
    expect(job.params).toEqual({ shown: 1 });
    const done = await waitForJob(p.ctx, job.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ payload: { shown: 1, hidden: [1, 2, 3] }, actor: 'admin', attempt: 1 });
    expect(done.attempts).toBe(1);
    expect(await new JobRepository(p.db).ownerOf(job.id)).toBe(jobRunnerOf(ctx).owner);
  });

  it('two workers share the queue: every job runs exactly once, some on each', async () => {
    const g = gate();
    const runs = new Map<string, string[]>();
    const handler =
      (name: string): JobHandler =>
      async (_ctx, payload, run) => {
        runs.set(run.id, [...(runs.get(run.id) ?? []), name]);
        await g.opened;
        return (payload as { n: number }).n * 2;
      };
    otherProcess({ 'test.share': handler('a') });
    otherProcess({ 'test.share': handler('b') });
    const ids: string[] = [];
    for (let n = 0; n < 8; n++) ids.push((await enqueueJob(p.ctx, p.admin, 'test.share', { n })).id);
    // Each worker runs one job at a time: both are busy before the gate opens.
    await until('both workers to hold a job', async () =>
      new Set([...runs.values()].flat()).size === 2 ? true : undefined,
    );
    g.open();
    const done = await Promise.all(ids.map((id) => waitForJob(p.ctx, id)));
    expect(done.map((j) => j.result)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    expect(ids.map((id) => runs.get(id)?.length)).toEqual(Array(8).fill(1));
    const owners = new Set(await Promise.all(ids.map((id) => new JobRepository(p.db).ownerOf(id))));
    expect(owners.size).toBe(2);
  });

  it('a job whose worker stopped is run again once its lease runs out; the stopped one can no longer write', async () => {
    const repo = new JobRepository(p.db);
    const job = await enqueueJob(p.ctx, p.admin, 'test.resume', { n: 5 });
    // A process that claimed it and then died (no worker of this kind runs yet).
    const dead = await repo.claimNext(
      'dead-host:1:aaaa',
      ['test.resume'],
      { leaseSeconds: 60, maxAttempts: 3 },
      new Date(),
    );
    expect(dead?.id).toBe(job.id);
    expect(dead?.attempt).toBe(1);
    const { ctx } = otherProcess({
      'test.resume': async (_c, payload, run) => ({ payload, attempt: run.attempt }),
    });
    await sleep(200);
    expect((await getJob(p.ctx, p.admin, job.id)).status).toBe('running'); // its lease still holds
    await p.db.query(`UPDATE jobs SET lease_until = clock_timestamp() - interval '1 second' WHERE id = $1`, [
      job.id,
    ]);
    const done = await waitForJob(p.ctx, job.id);
    expect(done.result).toEqual({ payload: { n: 5 }, attempt: 2 });
    expect(done.attempts).toBe(2);
    expect(await repo.ownerOf(job.id)).toBe(jobRunnerOf(ctx).owner);
    // The dead process, were it only stalled, cannot overwrite the outcome.
    const late = await repo.finish(
      job.id,
      { owner: 'dead-host:1:aaaa', attempt: 1 },
      { status: 'succeeded', result: 'stale' },
      new Date(),
    );
    expect(late).toBe(false);
    expect((await getJob(p.ctx, p.admin, job.id)).result).toEqual({ payload: { n: 5 }, attempt: 2 });
  });

  it('a worker that lost its job stops at its next progress and writes nothing', async () => {
    const g = gate();
    let thrown: unknown = null;
    otherProcess({
      'test.stolen': async (_c, _payload, run) => {
        await run.progress({ stage: 'one', done: 0, total: 2 });
        await g.opened;
        try {
          await run.progress({ stage: 'two', done: 1, total: 2 });
        } catch (e) {
          thrown = e;
          throw e;
        }
        return 'finished anyway';
      },
    });
    const job = await enqueueJob(p.ctx, p.admin, 'test.stolen', {});
    await until('the job to run', async () =>
      (await getJob(p.ctx, p.admin, job.id)).progress ? true : undefined,
    );
    await p.db.query(`UPDATE jobs SET owner = 'thief:2:bbbb' WHERE id = $1`, [job.id]);
    g.open();
    await until('the worker to notice', async () => (thrown ? true : undefined));
    await sleep(100);
    expect(thrown).toBeInstanceOf(JobLeaseLost);
    const after = await getJob(p.ctx, p.admin, job.id);
    expect(after.status).toBe('running'); // the thief's now; the loser wrote neither progress nor outcome
    expect(after.progress).toEqual({ stage: 'one', done: 0, total: 2 });
    await p.db.query(`UPDATE jobs SET status = 'failed' WHERE id = $1`, [job.id]);
  });

  it('fails, with the reason, a pinned job whose process stopped and a job out of attempts', async () => {
    const repo = new JobRepository(p.db);
    const at = new Date();
    await repo.createPinned(
      { id: 'pinned-left', kind: 'test.pinned', params: {}, actor: p.admin, owner: 'gone:3:cccc' },
      60,
      at,
    );
    const tired = await enqueueJob(p.ctx, p.admin, 'test.tired', {});
    for (let i = 0; i < JOB_DEFAULTS.maxAttempts; i++) {
      expect(
        (await repo.claimNext(`gone:${i}:dddd`, ['test.tired'], { leaseSeconds: 60, maxAttempts: 3 }, at))
          ?.id,
      ).toBe(tired.id);
      await p.db.query(
        `UPDATE jobs SET lease_until = clock_timestamp() - interval '1 second' WHERE id = $1`,
        [tired.id],
      );
    }
    // Out of attempts: no worker may claim it again.
    expect(
      await repo.claimNext('fresh:4:eeee', ['test.tired'], { leaseSeconds: 60, maxAttempts: 3 }, at),
    ).toBeNull();
    await p.db.query(
      `UPDATE jobs SET lease_until = clock_timestamp() - interval '1 second' WHERE id = 'pinned-left'`,
    );
    // Every worker's round does this too; whichever comes first, both end failed with the reason.
    await repo.failAbandoned(INTERRUPTED, JOB_DEFAULTS.maxAttempts, at);
    for (const id of ['pinned-left', tired.id]) {
      const j = await getJob(p.ctx, p.admin, id);
      expect(j.status).toBe('failed');
      expect(j.error).toEqual(INTERRUPTED);
    }
  });

  it('a stop hands its running jobs back: queued again for another worker, pinned ones failed', async () => {
    const g = gate();
    const stopping = otherProcess({
      'test.handback': async () => g.opened.then(() => 'from the stopped one'),
    });
    const job = await enqueueJob(p.ctx, p.admin, 'test.handback', {});
    await until('the job to run', async () =>
      (await getJob(p.ctx, p.admin, job.id)).status === 'running' ? true : undefined,
    );
    const pinned = await startLocalJob(stopping.ctx, p.admin, 'test.pinned-upload', {}, () => g.opened);
    // The bounded stop: the worker stops claiming; its jobs are still running at the deadline.
    void stopping.worker.stop();
    expect(await releaseJobs(stopping.ctx)).toBe(2);
    const back = await getJob(p.ctx, p.admin, job.id);
    expect(back.status).toBe('queued');
    expect(back.attempts).toBe(0); // a clean hand-back does not use up an attempt
    const cut = await getJob(p.ctx, p.admin, pinned.id);
    expect(cut.status).toBe('failed');
    expect(cut.error?.code).toBe('interrupted');
    // The stopped process's work ends late: its outcome is refused; another worker runs the job.
    otherProcess({ 'test.handback': async () => 'from the next one' });
    g.open();
    const done = await waitForJob(p.ctx, job.id);
    expect(done.result).toBe('from the next one');
    expect(done.attempts).toBe(1);
  }, 30_000);

  it('output and outcome commit together: a worker that lost the job leaves no output', async () => {
    await p.db.exec('CREATE TABLE IF NOT EXISTS test_job_outputs (job text PRIMARY KEY)');
    const steal = { next: false };
    otherProcess({
      'test.output': async (ctx, _payload, run) =>
        ctx.db.transaction(async (tx) => {
          await tx.query('INSERT INTO test_job_outputs (job) VALUES ($1)', [run.id]);
          if (steal.next) await tx.query(`UPDATE jobs SET owner = 'thief:5:ffff' WHERE id = $1`, [run.id]);
          await run.finishIn(tx, { wrote: run.id });
          return 'never seen: finishIn recorded it';
        }),
    });
    const kept = await waitForJob(p.ctx, (await enqueueJob(p.ctx, p.admin, 'test.output', {})).id);
    expect(kept.result).toEqual({ wrote: kept.id });
    steal.next = true;
    const lost = await waitForJob(p.ctx, (await enqueueJob(p.ctx, p.admin, 'test.output', {})).id);
    const rows = await p.db.query<{ job: string }>('SELECT job FROM test_job_outputs ORDER BY job');
    expect(rows.rows.map((r) => r.job)).toEqual([kept.id]);
    // The steal rolled back with the output, so the job was still the worker's, and it failed it.
    expect(lost.status).toBe('failed');
    expect(lost.error?.code).toBe('conflict');
    expect(lost.error?.en).toContain('no longer held by this process');
  });

  it('on start, the embedded database frees what a previous process left running at once', async () => {
    const repo = new JobRepository(p.db);
    const job = await enqueueJob(p.ctx, p.admin, 'test.left', {});
    await repo.claimNext(
      'previous:6:gggg',
      ['test.left'],
      { leaseSeconds: 3600, maxAttempts: 3 },
      new Date(),
    );
    const freed = await recoverJobs(p.ctx);
    if (p.db.engine === 'pglite') {
      expect(freed).toBeGreaterThanOrEqual(1);
      otherProcess({ 'test.left': async () => 'again' });
      expect((await waitForJob(p.ctx, job.id)).result).toBe('again');
    } else {
      // Other live servers may hold theirs: only the lease decides.
      expect(freed).toBe(0);
      expect((await getJob(p.ctx, p.admin, job.id)).status).toBe('running');
      await p.db.query(`UPDATE jobs SET status = 'failed' WHERE id = $1`, [job.id]);
    }
  });
});
