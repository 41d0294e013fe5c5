/** Background jobs: progress recorded, results and errors kept, visible to their owner and admins only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failInterruptedJobs, getJob, listJobs, startJob, waitForJob } from '../../src/app/jobs/jobs.ts';
import { FuwuError } from '../../src/domain/shared/errors.ts';
import type { JobProgress } from '../../src/domain/shared/job-view.ts';
import { JobRepository } from '../../src/store/repositories/job.repository.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { createUserAs, engineName, expectFuwuError, openTestPlatform } from '../support/test-db.ts';

describe(`jobs (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('runs in the background, records progress and keeps the result', async () => {
    let release!: () => void;
    const gate = new Promise<void>((done) => (release = done));
    const seen: JobProgress[] = [];
    const queued = await startJob(p.ctx, p.admin, 'test.sum', { n: 3 }, async (progress) => {
      await progress({ stage: 'adding', done: 0, total: 3 });
      await gate;
      let sum = 0;
      for (let i = 1; i <= 3; i++) {
        sum += i;
        await progress({ stage: 'adding', done: i, total: 3 });
        seen.push({ stage: 'adding', done: i, total: 3 });
      }
      return { sum };
    });
    expect(queued.status).toBe('queued');
    expect(queued.params).toEqual({ n: 3 });
    // While the work waits at the gate, the job is running with its first progress recorded.
    for (let i = 0; i < 50 && (await getJob(p.ctx, p.admin, queued.id)).progress === null; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const mid = await getJob(p.ctx, p.admin, queued.id);
    expect(mid.status).toBe('running');
    expect(mid.progress).toEqual({ stage: 'adding', done: 0, total: 3 });
    expect(mid.startedAt).not.toBeNull();
    release();
    const done = await waitForJob(p.ctx, queued.id);
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ sum: 6 });
    // The last step is always written, whatever the throttle.
    expect(done.progress).toEqual({ stage: 'adding', done: 3, total: 3 });
    expect(done.error).toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect(seen).toHaveLength(3);
  });

  it('keeps a failure with its reason in both languages', async () => {
    const job = await startJob(p.ctx, p.admin, 'test.fail', {}, async () => {
      throw new FuwuError('import_rejected', '文件不完整', 'the file is truncated');
    });
    const done = await waitForJob(p.ctx, job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toEqual({ code: 'import_rejected', zh: '文件不完整', en: 'the file is truncated' });
    expect(done.result).toBeNull();

    const crash = await startJob(p.ctx, p.admin, 'test.fail', {}, async () => {
      throw new TypeError('x is undefined');
    });
    const crashed = await waitForJob(p.ctx, crash.id);
    expect(crashed.error?.code).toBe('internal');
    expect(crashed.error?.en).toContain('x is undefined');
  });

  it('shows a job to its creator and admins only', async () => {
    const viewer = await createUserAs(p.ctx, p.admin, { username: 'job-viewer', role: 'viewer' });
    const other = await createUserAs(p.ctx, p.admin, { username: 'job-other', role: 'viewer' });
    const job = await startJob(p.ctx, viewer, 'test.mine', {}, async () => 1);
    await waitForJob(p.ctx, job.id);
    expect((await getJob(p.ctx, viewer, job.id)).result).toBe(1);
    expect((await getJob(p.ctx, p.admin, job.id)).createdBy).toBe('job-viewer');
    await expectFuwuError(getJob(p.ctx, other, job.id), 'not_found');
    expect((await listJobs(p.ctx, other)).map((j) => j.id)).not.toContain(job.id);
    expect((await listJobs(p.ctx, viewer)).map((j) => j.id)).toEqual([job.id]);
    expect((await listJobs(p.ctx, p.admin, { kind: 'test.mine' })).map((j) => j.id)).toEqual([job.id]);
    await expectFuwuError(getJob(p.ctx, p.admin, 'no-such-job'), 'not_found');
  });

  it('fails jobs a stopped process left running, and only those', async () => {
    const repo = new JobRepository(p.db);
    const at = p.ctx.clock.now();
    await repo.create({ id: 'left-over', kind: 'test.cut', params: {}, createdBy: 'admin' }, at);
    await repo.markRunning('left-over', at);
    const finished = await startJob(p.ctx, p.admin, 'test.ok', {}, async () => 'ok');
    await waitForJob(p.ctx, finished.id);
    expect(await failInterruptedJobs(p.ctx)).toBe(1);
    const cut = await getJob(p.ctx, p.admin, 'left-over');
    expect(cut.status).toBe('failed');
    expect(cut.error?.code).toBe('interrupted');
    expect((await getJob(p.ctx, p.admin, finished.id)).status).toBe('succeeded');
  });
});
