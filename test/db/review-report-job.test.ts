/**
 * Review documents rendered on the job queue (issue 7 §4, reports): the queued file is the very file
 * the request-time route renders for the same request at the same clock, bad requests are refused
 * naming the field before anything is queued, the file is seen only by the job's creator or an admin,
 * and a file whose job could not be marked succeeded is not kept.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { getJobOutput } from '../../src/app/jobs/get-job-output.ts';
import { enqueueJob, waitForJob } from '../../src/app/jobs/jobs.ts';
import { renderReviewDocument } from '../../src/app/plan/get-review.ts';
import { loadSampleData } from '../../src/app/plan/sample-data.ts';
import type { ReviewReportResult } from '../../src/app/plan/start-review-report.ts';
import {
  REVIEW_REPORT_KIND,
  runReviewReport,
  startReviewReport,
} from '../../src/app/plan/start-review-report.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import type { JobView } from '../../src/domain/shared/job-view.ts';
import { JobOutputRepository } from '../../src/store/repositories/job-output.repository.ts';
import { callAs, pollJob, signIn } from '../support/api-session.ts';
import { rewriteZip } from '../support/hostile-files.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  USER_PASSWORD,
  countOf,
  engineName,
  expectFuwuError,
  fieldsOf,
  fixedClock,
  openTestPlatformWith,
} from '../support/test-db.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * A document's parts by name, with what the docx library writes from outside the application's
 * inputs blanked: the machine's time in the core properties (created, modified) and the drawings'
 * ids, which it counts per process across every document rendered, not per document. (The workbook
 * takes its times from the application clock and has no drawings: nothing of it is blanked.)
 */
function partsOf(bytes: Uint8Array): Map<string, string> {
  const parts = new Map<string, string>();
  rewriteZip(bytes, (name, text) => {
    parts.set(
      name,
      text.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1').replace(/(<wp:docPr id=")\d+/g, '$1'),
    );
    return text;
  });
  return parts;
}

describe(`review reports as jobs (${engineName()})`, () => {
  let p: TestPlatform;
  let planner: Actor;
  let otherPlanner: Actor;
  let viewer: Actor;
  let resident: Actor;

  beforeAll(async () => {
    // A clock that stands still: the worker's "generated at" equals the direct rendering's.
    const opened = await openTestPlatformWith({
      clock: fixedClock('2026-01-15T02:00:00.000Z'),
      users: {
        planner: { username: 'rr-planner', role: 'planner' },
        otherPlanner: { username: 'rr-planner2', role: 'planner' },
        viewer: { username: 'rr-viewer', role: 'viewer' },
        resident: { username: 'rr-resident', role: 'resident' },
      },
    });
    p = opened;
    ({ planner, otherPlanner, viewer, resident } = opened.users);
    await loadSampleData(p.ctx, p.admin); // synthetic sample figures (示例), so reports have content
  });
  afterAll(async () => {
    await p?.close();
  });

  const finished = async (job: JobView) => (await waitForJob(p.ctx, job.id)) as JobView<ReviewReportResult>;

  for (const [req, format] of [
    [{ kind: 'midTerm' }, 'docx'],
    [{ kind: 'annual', year: 2022 }, 'xlsx'],
  ] as const) {
    it(`the queued ${req.kind} .${format} is the same file the request renders`, async () => {
      const queued = await startReviewReport(p.ctx, planner, { ...req, format });
      expect(queued.kind).toBe(REVIEW_REPORT_KIND);
      expect(queued.params).toEqual({ ...req, format });
      const done = await finished(queued);
      expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
      expect(done.attempts).toBe(1);

      const direct = await renderReviewDocument(p.ctx, planner, req, format);
      const out = await getJobOutput(p.ctx, planner, queued.id);
      expect(out.fileName).toBe(direct.fileName);
      expect(out.contentType).toBe(direct.contentType);
      expect(sha256(out.bytes)).toBe(out.sha256); // the bytes came back from bytea unchanged
      expect(done.result).toEqual({
        fileName: out.fileName,
        contentType: out.contentType,
        bytes: out.bytes.byteLength,
        sha256: out.sha256,
      });
      // The same parts, byte for byte once decompressed: the ZIP's own entry times are the machine's
      // clock at packing (a second apart, two renderings differ there), not part of the document.
      const queuedParts = partsOf(out.bytes);
      expect([...queuedParts.keys()]).toContain(format === 'docx' ? 'word/document.xml' : 'xl/workbook.xml');
      expect(queuedParts).toEqual(partsOf(direct.bytes));
      expect(
        await countOf(p.db, 'SELECT count(*) AS n FROM job_outputs WHERE job_id = $1', [queued.id]),
      ).toBe(1);
    });
  }

  it('refuses a bad request naming the field, before anything is queued', async () => {
    const before = await countOf(p.db, 'SELECT count(*) AS n FROM jobs');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'weekly', format: 'docx' }, 'kind'],
      [{ kind: 'midTerm', format: 'pdf' }, 'format'],
      [{ kind: 'annual', format: 'xlsx' }, 'year'],
      [{ kind: 'annual', year: 2030, format: 'xlsx' }, 'year'],
      [{ kind: 'annual', year: 2022.5, format: 'xlsx' }, 'year'],
    ];
    for (const [req, field] of cases) {
      const e = await expectFuwuError(startReviewReport(p.ctx, planner, req), 'invalid_input');
      expect(fieldsOf(e)).toEqual([field]);
      expect(e.problems[0]!.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(e.problems[0]!.en).toMatch(/[a-z]/);
    }
    expect(await countOf(p.db, 'SELECT count(*) AS n FROM jobs')).toBe(before);
  });

  it('a viewer may queue and fetch a report; a resident may do neither', async () => {
    const job = await finished(await startReviewReport(p.ctx, viewer, { kind: 'final', format: 'xlsx' }));
    expect(job.status).toBe('succeeded');
    const out = await getJobOutput(p.ctx, viewer, job.id);
    expect(Buffer.from(out.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
    await expectFuwuError(startReviewReport(p.ctx, resident, { kind: 'final', format: 'xlsx' }), 'forbidden');
    await expectFuwuError(getJobOutput(p.ctx, resident, job.id), 'forbidden');
  });

  it('the file is for the job’s creator and admins: another user finds nothing', async () => {
    const job = await finished(await startReviewReport(p.ctx, planner, { kind: 'final', format: 'docx' }));
    await expectFuwuError(getJobOutput(p.ctx, otherPlanner, job.id), 'not_found');
    await expectFuwuError(getJobOutput(p.ctx, viewer, job.id), 'not_found');
    expect((await getJobOutput(p.ctx, p.admin, job.id)).sha256).toBe(job.result?.sha256);
    await expectFuwuError(getJobOutput(p.ctx, planner, 'no-such-job'), 'not_found');
  });

  it('a job without a file yet is not found', async () => {
    // No worker runs this kind: the job stays queued and has no output.
    const waiting = await enqueueJob(p.ctx, planner, 'test.never-run', {});
    await expectFuwuError(getJobOutput(p.ctx, planner, waiting.id), 'not_found');
  });

  it('the file is kept only with the job’s success: a run that lost its job keeps nothing', async () => {
    const job = await enqueueJob(p.ctx, planner, 'test.never-run', {});
    const run = runReviewReport(
      p.ctx,
      { kind: 'midTerm', format: 'xlsx' },
      {
        id: job.id,
        actor: planner,
        attempt: 1,
        progress: async () => undefined,
        finishIn: async () => {
          throw new Error('the job is no longer held');
        },
      },
    );
    await expect(run).rejects.toThrow(/no longer held/);
    expect(await new JobOutputRepository(p.db).find(job.id)).toBeNull();
  });

  it('over HTTP: 202 with the queued job, then the file with its type and name', async () => {
    const app: FastifyInstance = await buildServer(p.ctx);
    try {
      const s = await signIn(app, 'rr-planner', USER_PASSWORD);
      const started = await callAs(app, s, 'POST', '/api/reviews/annual/document.docx/jobs?year=2023');
      expect(started.statusCode, started.body).toBe(202);
      const view = started.json<JobView>();
      expect(view.kind).toBe(REVIEW_REPORT_KIND);
      expect(view.params).toEqual({ kind: 'annual', year: 2023, format: 'docx' });
      const done = await pollJob<JobView<ReviewReportResult>>(app, s, view.id);
      expect(done.status).toBe('succeeded');

      const res = await callAs(app, s, 'GET', `/api/jobs/${view.id}/output`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="output.docx"; filename*=UTF-8''${encodeURIComponent('成都市2023年年度评价.docx')}`,
      );
      expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(sha256(res.rawPayload)).toBe(done.result?.sha256);

      const bad = await callAs(app, s, 'POST', '/api/reviews/annual/document.xlsx/jobs');
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ problems: Array<{ field: string }> }>().problems[0]?.field).toBe('year');

      const other = await signIn(app, 'rr-planner2', USER_PASSWORD);
      expect((await callAs(app, other, 'GET', `/api/jobs/${view.id}/output`)).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
