/**
 * Siting runs on the synthetic city: the proposed sites, built as facilities, cover exactly the
 * people the run promised (checked by the independent coverage computation); the exact solver
 * bounds the heuristic; bad requests and roles are refused.
 */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { waitForJob } from '../../src/app/jobs/jobs.ts';
import { createFacility } from '../../src/app/resources/facilities.ts';
import { getCoverage } from '../../src/app/resources/get-coverage.ts';
import { loadSyntheticResources } from '../../src/app/resources/synthetic-resources.ts';
import { startSiting } from '../../src/app/siting/start-siting.ts';
import type { SitingResult } from '../../src/domain/siting/siting-view.ts';
import type { JobView } from '../../src/domain/shared/job-view.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  createUserAs,
  engineName,
  expectFuwuError,
  openTestPlatform,
} from '../support/test-db.ts';

const ELDERLY = ['60-64', '65-79', '80+'] as const;

describe(`siting (${engineName()})`, () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform();
    await loadSyntheticResources(p.ctx, p.admin);
  });
  afterAll(async () => {
    await p?.close();
  });

  const run = async (req: Parameters<typeof startSiting>[2]) => {
    const job = await startSiting(p.ctx, p.admin, req);
    const done = (await waitForJob(p.ctx, job.id)) as JobView<SitingResult>;
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    return done.result as SitingResult;
  };

  it('proposes elderly service stations whose promised cover the coverage computation confirms', async () => {
    const r = await run({ type: 'elderlyServiceStation', k: 8, candidates: 'grid', gridMetres: 1500 });
    expect(r.method).toBe('straightLine');
    expect(r.approximation?.zh).toContain('近似值');
    expect(r.sites).toHaveLength(8);
    expect(r.newlyCovered).toBeGreaterThan(0);
    expect(r.shareAfter!).toBeGreaterThan(r.shareBefore!);
    expect(r.demand.bands).toEqual(ELDERLY);
    expect(r.usesSyntheticData).toBe(true);
    // Gains are positive and never add up to more than the cover they claim.
    expect(r.sites.every((s) => s.gain > 0)).toBe(true);
    expect(r.sites.reduce((s, x) => s + x.gain, 0)).toBeLessThanOrEqual(r.newlyCovered + 1e-6);

    const before = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'elderlyServiceStation' });
    const elderlyCovered = (c: typeof before) => ELDERLY.reduce((s, b) => s + c.report.byBand[b].covered, 0);
    expect(elderlyCovered(before)).toBeCloseTo(r.demand.coveredBefore, 6);
    for (const s of r.sites) {
      await createFacility(p.ctx, p.admin, {
        name: `新站 ${s.rank}`,
        type: 'elderlyServiceStation',
        lon: s.lon,
        lat: s.lat,
        districtCode: s.districtCode,
        capacities: {},
        source: 'siting test',
      });
    }
    const after = await getCoverage(p.ctx, SYSTEM_ACTOR, { type: 'elderlyServiceStation' });
    // Independently recomputed: the stations cover what the run promised (to rounding at the rim).
    const promised = r.demand.coveredBefore + r.newlyCovered;
    expect(Math.abs(elderlyCovered(after) - promised)).toBeLessThanOrEqual(promised * 1e-3);
  });

  it('solves township centres exactly with HiGHS and reports the heuristic’s gap', async () => {
    const r = await run({ type: 'communityDayCareCentre', k: 5, candidates: 'townshipCentres' });
    expect(r.candidates.count).toBeGreaterThan(200);
    expect(r.exact).not.toBeNull();
    expect(r.exact!.status).toBe('optimal');
    expect(r.exact!.objective!).toBeGreaterThanOrEqual(r.newlyCovered - 1e-6);
    expect(r.exact!.gap!).toBeLessThanOrEqual(0.05);
    expect(r.exact!.gap!).toBeCloseTo((r.exact!.bound! - r.newlyCovered) / r.exact!.bound!, 9);
    // Every site's district is the township's.
    for (const s of r.sites) expect(s.label.startsWith(s.districtCode)).toBe(true);
    // Day-care places move the district's norm gap, when the norm counts them.
    for (const g of r.normGaps) expect(g.gapAfter).toBeLessThanOrEqual(g.gapBefore);
  });

  it('takes given points with costs and a budget', async () => {
    const r = await run({
      type: 'childcare',
      budget: 3,
      candidates: 'points',
      points: [
        { lon: 104.06, lat: 30.66, name: '甲', cost: 2 },
        { lon: 104.1, lat: 30.62, name: '乙', cost: 1 },
        { lon: 103.9, lat: 30.8, name: '丙', cost: 1 },
        { lon: 104.07, lat: 30.67, name: '丁', cost: 3 },
      ],
    });
    expect(r.sites.reduce((s, x) => s + x.cost, 0)).toBeLessThanOrEqual(3);
    expect(r.sites.every((s) => ['甲', '乙', '丙', '丁'].includes(s.label))).toBe(true);
    expect(r.capacityPerSite?.key).toBe('places');
    const touched = new Set(r.sites.map((s) => s.districtCode));
    expect(r.normGaps.every((g) => touched.has(g.districtCode))).toBe(true);
    expect(r.normGaps.some((g) => g.added > 0)).toBe(r.sites.length > 0);
  });

  it('refuses unclear requests and roles that may not plan, through the API too', async () => {
    await expectFuwuError(startSiting(p.ctx, p.admin, { type: 'park', candidates: 'grid' }), 'invalid_input');
    await expectFuwuError(
      startSiting(p.ctx, p.admin, { type: 'park', k: 2, budget: 2, candidates: 'grid' }),
      'invalid_input',
    );
    await expectFuwuError(
      startSiting(p.ctx, p.admin, { type: 'castle', k: 2, candidates: 'grid' }),
      'invalid_input',
    );
    await expectFuwuError(
      startSiting(p.ctx, p.admin, { type: 'park', k: 2, candidates: 'points' }),
      'invalid_input',
    );
    const viewer = await createUserAs(p.ctx, p.admin, { username: 'siting-viewer', role: 'viewer' });
    await expectFuwuError(
      startSiting(p.ctx, viewer, { type: 'park', k: 2, candidates: 'grid' }),
      'forbidden',
    );

    const app: FastifyInstance = await buildServer(p.ctx);
    try {
      const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      const bad = await callAs(app, admin, 'POST', '/api/siting/runs', {
        type: 'park',
        k: 0,
        candidates: 'grid',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ problems: Array<{ field: string }> }>().problems[0]?.field).toBe('k');
      const v = await signIn(app, 'siting-viewer', USER_PASSWORD);
      expect(
        (await callAs(app, v, 'POST', '/api/siting/runs', { type: 'park', k: 1, candidates: 'grid' }))
          .statusCode,
      ).toBe(403);
      const ok = await callAs(app, admin, 'POST', '/api/siting/runs', {
        type: 'park',
        k: 2,
        candidates: 'grid',
      });
      expect(ok.statusCode, ok.body).toBe(202);
      const done = await waitForJob(p.ctx, ok.json<JobView>().id);
      expect(done.status).toBe('succeeded');
    } finally {
      await app.close();
    }
  });
});
