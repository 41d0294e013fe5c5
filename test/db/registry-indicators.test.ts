/**
 * Indicators computed from the facility registry, on the real database: hand-made facilities with
 * known figures, the Chengdu pack's indicators found by name, the synthetic label, and the API route.
 */
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { createFacility } from '../../src/app/resources/facilities.ts';
import { getRegistryIndicator } from '../../src/app/resources/get-registry-indicators.ts';
import { loadSyntheticResources } from '../../src/app/resources/synthetic-resources.ts';
import { REGISTRY_INDICATORS, registryIndicatorFor } from '../../src/domain/resources/registry-indicators.ts';
import type { RegistryIndicatorView } from '../../src/domain/resources/registry-indicators.ts';
import type { Session } from '../support/api-session.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import { ADMIN_PASSWORD, engineName, expectFuwuError, openTestPlatform } from '../support/test-db.ts';

describe(`indicators computed from the facility registry (${engineName()})`, () => {
  let p: TestPlatform;
  let app: FastifyInstance;
  let admin: Session;
  beforeAll(async () => {
    p = await openTestPlatform();
    app = await buildServer(p.ctx);
    admin = await signIn(app, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await p?.close();
  });

  it('finds every definition among the Chengdu headline indicators by name', async () => {
    const plan = await p.ctx.plan.get();
    for (const def of REGISTRY_INDICATORS) {
      const indicator = plan.indicatorByCode.get(def.indicatorCode);
      expect(indicator, def.indicatorCode).toBeDefined();
      expect(registryIndicatorFor(indicator!)?.indicatorCode).toBe(def.indicatorCode);
    }
  });

  it('computes beds per 1,000 and day-care coverage from hand-made facilities, with the registry version', async () => {
    const plan = await p.ctx.plan.get();
    const jinjiang = plan.areaByCode.get('510104')!.residentPopulation!;
    const base = { lon: 104.08, lat: 30.65, districtCode: '510104', source: '卫健委' };
    await createFacility(p.ctx, p.admin, {
      ...base,
      name: '医院',
      type: 'hospital',
      capacities: { beds: 1000 },
    });
    await createFacility(p.ctx, p.admin, {
      ...base,
      name: '规划医院',
      type: 'hospital',
      status: 'planned',
      capacities: { beds: 5000 },
    });
    await createFacility(p.ctx, p.admin, {
      ...base,
      name: '日照中心',
      type: 'communityDayCareCentre',
      communityCode: '510104017001',
      source: '民政局',
    });

    const beds = await getRegistryIndicator(p.ctx, SYSTEM_ACTOR, 'H13');
    expect(beds).toMatchObject({ available: true, usesSyntheticFacilities: false });
    expect(beds.formula?.zh).toContain('常住人口 × 1,000');
    const d = beds.byDistrict.find((x) => x.areaCode === '510104')!;
    expect(d).toMatchObject({ name: '锦江区', numerator: 1000, denominator: jinjiang, facilities: 1 });
    expect(d.value).toBeCloseTo((1000 * 1000) / jinjiang, 9);
    expect(beds.city).toMatchObject({ areaCode: '510100', numerator: 1000 });
    expect(beds.registry).toMatchObject({ facilities: 3, open: 2, counted: 1, synthetic: 0 });
    expect(beds.registry?.sha256).toMatch(/^[0-9a-f]{64}$/);

    const daycare = await getRegistryIndicator(p.ctx, SYSTEM_ACTOR, 'H16');
    const urbanInJinjiang = daycare.byDistrict.find((x) => x.areaCode === '510104')!;
    expect(urbanInJinjiang.numerator).toBe(1);
    expect(urbanInJinjiang.denominator).toBeGreaterThan(40);
    expect(daycare.reading?.en).toContain('urban communities');

    expect(await getRegistryIndicator(p.ctx, SYSTEM_ACTOR, 'H01')).toMatchObject({
      available: false,
      city: null,
    });
    await expectFuwuError(getRegistryIndicator(p.ctx, SYSTEM_ACTOR, 'nope'), 'not_found');
  });

  it('says when the registry holds synthetic facilities, and answers over the API', async () => {
    await loadSyntheticResources(p.ctx, p.admin);
    const r = await callAs(app, admin, 'GET', '/api/indicators/H06/registry');
    expect(r.statusCode).toBe(200);
    const view = r.json<RegistryIndicatorView>();
    expect(view).toMatchObject({ indicatorCode: 'H06', available: true, usesSyntheticFacilities: true });
    expect(view.registry!.synthetic).toBeGreaterThan(3000);
    expect(view.byDistrict).toHaveLength(20);
    // Synthetic childcare is sized at 0.6–1.3 of 6.5 places per 1,000 in each district.
    for (const x of view.byDistrict.filter((x) => x.value !== null)) {
      expect(x.value).toBeGreaterThan(6.5 * 0.55);
      expect(x.value).toBeLessThan(6.5 * 1.35);
    }
    // Synthetic elderly-care institutions record 35–65 % of their beds as nursing-type.
    const nursing = await getRegistryIndicator(p.ctx, SYSTEM_ACTOR, 'H17');
    expect(nursing.city!.value).toBeGreaterThan(35);
    expect(nursing.city!.value).toBeLessThan(65);
    // Synthetic day-care centres name no community: only the hand-made one counts, and the note says
    // how many were left out.
    const daycare = await getRegistryIndicator(p.ctx, SYSTEM_ACTOR, 'H16');
    expect(daycare.city!.numerator).toBe(1);
    expect(daycare.city!.note?.en).toMatch(/^\d+ day-care centre\(s\) have no community code/);
    expect((await callAs(app, admin, 'GET', '/api/indicators/nope/registry')).statusCode).toBe(404);
  });
});
