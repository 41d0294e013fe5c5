/** Accessibility runs through the API: a job per run, followed to its result, for planners and admins. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { createFacility } from '../../src/app/resources/facilities.ts';
import { loadSyntheticResources } from '../../src/app/resources/synthetic-resources.ts';
import { ResidentialPointRepository } from '../../src/store/repositories/residential-point.repository.ts';
import type { AccessRunResult } from '../../src/domain/resources/access-run-view.ts';
import type { JobView } from '../../src/domain/shared/job-view.ts';
import type { Session } from '../support/api-session.ts';
import { callAs, pollJob, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  createUserAs,
  engineName,
  openTestPlatform,
} from '../support/test-db.ts';

describe(`accessibility runs (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let admin: Session;

  beforeAll(async () => {
    p = await openTestPlatform();
    await loadSyntheticResources(p.ctx, p.admin);
    app = await buildServer(p.ctx);
    admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('runs coverage and E2SFCA for the chosen types as a job and keeps the result', async () => {
    expect((await callAs(app, admin, 'GET', '/api/coverage/runs/latest')).json()).toBeNull();
    const started = await callAs(app, admin, 'POST', '/api/coverage/runs', { types: ['park', 'childcare'] });
    expect(started.statusCode, started.body).toBe(202);
    const job = started.json<JobView>();
    expect(job.kind).toBe('access.run');
    const done = await pollJob<JobView<AccessRunResult>>(app, admin, job.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    expect(done.progress).toEqual({ stage: 'done', done: 2, total: 2 });
    const result = done.result as AccessRunResult;
    expect(result.types.map((t) => t.type)).toEqual(['park', 'childcare']);
    expect(result.usesSyntheticData).toBe(true);
    // Each row is what the single-type coverage endpoint gives for the same inputs.
    for (const row of result.types) {
      const single = await callAs(app, admin, 'GET', `/api/coverage?type=${row.type}`);
      const c = single.json<{
        report: { all: { share: number; population: number } };
        inputs: { sha256: string };
      }>();
      expect(row.share).toBeCloseTo(c.report.all.share, 12);
      expect(row.population).toBe(c.report.all.population);
      expect(row.inputsSha256).toBe(c.inputs.sha256);
      expect(row.byDistrict.reduce((s, d) => s + d.population, 0)).toBe(row.population);
      expect(row.accessibility).toBeGreaterThan(0);
    }
    const latest = (await callAs(app, admin, 'GET', '/api/coverage/runs/latest')).json<JobView>();
    expect(latest.id).toBe(job.id);
  });

  it('moves the figures when the registry changes', async () => {
    const before = await pollJob<JobView<AccessRunResult>>(
      app,
      admin,
      (
        await callAs(app, admin, 'POST', '/api/coverage/runs', { types: ['legalServiceStation'] })
      ).json<JobView>().id,
    );
    // A station at each of a district's hundred most populous residential points can only raise its coverage.
    const district = '510112';
    const points = (await new ResidentialPointRepository(p.db).list())
      .filter((pt) => pt.districtCode === district)
      .sort((a, b) => b.total - a.total)
      .slice(0, 100);
    expect(points).toHaveLength(100);
    for (const [i, pt] of points.entries()) {
      await createFacility(p.ctx, p.admin, {
        name: `新站${i}`,
        type: 'legalServiceStation',
        lon: pt.lon,
        lat: pt.lat,
        districtCode: district,
        capacities: {},
        source: 'test',
      });
    }
    const after = await pollJob<JobView<AccessRunResult>>(
      app,
      admin,
      (
        await callAs(app, admin, 'POST', '/api/coverage/runs', { types: ['legalServiceStation'] })
      ).json<JobView>().id,
    );
    const share = (j: JobView<AccessRunResult>) =>
      j.result!.types[0]!.byDistrict.find((d) => d.districtCode === district)!.share!;
    expect(share(after)).toBeGreaterThan(share(before));
    expect(after.result!.types[0]!.facilities).toBe(before.result!.types[0]!.facilities + 100);
    expect(after.result!.types[0]!.inputsSha256).not.toBe(before.result!.types[0]!.inputsSha256);
  });

  it('refuses unknown types and roles that may not start runs', async () => {
    const bad = await callAs(app, admin, 'POST', '/api/coverage/runs', { types: ['park', 'castle'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ problems: Array<{ field: string }> }>().problems[0]?.field).toBe('types[1]');
    await createUserAs(p.ctx, p.admin, { username: 'run-viewer', role: 'viewer' });
    const viewer = await signIn(app, 'run-viewer', USER_PASSWORD);
    expect((await callAs(app, viewer, 'POST', '/api/coverage/runs', {})).statusCode).toBe(403);
    // Reading the latest run is open to anyone signed in.
    expect((await callAs(app, viewer, 'GET', '/api/coverage/runs/latest')).statusCode).toBe(200);
  });
});
