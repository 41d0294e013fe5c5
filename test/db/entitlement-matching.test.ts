/**
 * Proactive matching (服务找人) on a small synthetic population (5,000 people): the work lists the
 * batch writes are exactly those a brute-force pass of the one-person engine (evaluateService on
 * each person's decoded facts) gives; the snapshot is frozen (a rule changed afterwards changes
 * neither its lists nor its traces, a new run does); scopes, the audited trace with a purpose, and
 * the XLSX export through the API.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { addRuleVersion } from '../../src/app/entitlements/edit-catalog.ts';
import { loadCatalog } from '../../src/app/entitlements/load-catalog.ts';
import { matchingPopulation, trackedServices } from '../../src/app/entitlements/matching-population.ts';
import { getSnapshotCounts, listSnapshots } from '../../src/app/entitlements/matching-snapshots.ts';
import { getPersonTrace } from '../../src/app/entitlements/person-trace.ts';
import type { MatchingResult } from '../../src/app/entitlements/run-matching.ts';
import { startMatching } from '../../src/app/entitlements/run-matching.ts';
import { getWorklist } from '../../src/app/entitlements/worklist-items.ts';
import { waitForJob } from '../../src/app/jobs/jobs.ts';
import { evaluateService, ruleInForce } from '../../src/domain/entitlements/evaluate.ts';
import { indexParameters } from '../../src/domain/entitlements/parameters.ts';
import { factsOfPerson } from '../../src/domain/entitlements/person-facts.ts';
import { hasBit } from '../../src/domain/entitlements/population-columns.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import type { JobView } from '../../src/domain/shared/job-view.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { TestPlatform } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  USER_PASSWORD,
  countOf,
  createUserAs,
  engineName,
  expectFuwuError,
  openTestPlatform,
} from '../support/test-db.ts';

const DATE = '2025-06-30';
const SIZE = 5000;
const SEED = 11;

describe(`proactive matching (${engineName()})`, () => {
  let p: TestPlatform;
  let result: MatchingResult;
  beforeAll(async () => {
    p = await openTestPlatform();
    const job = await startMatching(p.ctx, p.admin, { date: DATE, seed: SEED, size: SIZE });
    const done = (await waitForJob(p.ctx, job.id)) as JobView<MatchingResult>;
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    result = done.result as MatchingResult;
  }, 120_000);
  afterAll(async () => {
    await p?.close();
  });

  const allItems = async (id: number) =>
    (
      await p.db.query<{ person: number; service: string; kind: string }>(
        `SELECT person_index AS person, service_code AS service, kind FROM entitlement_worklist_items
         WHERE snapshot_id = $1`,
        [id],
      )
    ).rows.map((r) => `${r.service}/${r.kind}/${r.person}`);

  it('writes the work lists a brute-force per-person evaluation gives, and the counts that go with them', async () => {
    expect(result.synthetic).toBe(true);
    expect(result.gap).toBeGreaterThan(0);
    expect(result.recheck).toBeGreaterThan(0);
    const catalog = await loadCatalog(p.ctx);
    const { pop } = await matchingPopulation(p.ctx, { seed: SEED, size: SIZE, date: DATE }, catalog);
    const params = indexParameters(catalog.parameters);
    const expected: string[] = [];
    let cannotDecide = 0;
    const tracked = new Set(trackedServices(catalog.services).map((s) => s.code));
    for (const s of catalog.services) {
      if (!ruleInForce(s, DATE)) continue;
      const bits = pop.receives.get(s.code);
      for (let i = 0; i < pop.size; i++) {
        const o = evaluateService(s, params, factsOfPerson(pop, i), DATE).outcome;
        if (o === 'cannotDecide') cannotDecide++;
        if (!tracked.has(s.code) || !bits) continue;
        const r = hasBit(bits, i);
        if (o === 'eligible' && !r) expected.push(`${s.code}/gap/${i}`);
        if (o === 'notEligible' && r) expected.push(`${s.code}/recheck/${i}`);
      }
    }
    const got = await allItems(result.snapshotId);
    expect(got.length).toBe(result.gap + result.recheck);
    expect(got.sort()).toEqual(expected.sort());
    expect(result.cannotDecide).toBe(cannotDecide);
  }, 120_000);

  it('lists the snapshot with what it ran on, and counts per district that add up to the population', async () => {
    const [s] = await listSnapshots(p.ctx, p.admin);
    expect(s).toMatchObject({
      id: result.snapshotId,
      onDate: DATE,
      populationSeed: SEED,
      populationSize: SIZE,
    });
    expect(s!.populationHash).toMatch(/^[0-9a-f]{64}$/);
    const view = await getSnapshotCounts(p.ctx, p.admin, result.snapshotId);
    const perService = new Map<string, number>();
    for (const r of view.rows)
      perService.set(r.serviceCode, (perService.get(r.serviceCode) ?? 0) + r.population);
    for (const n of perService.values()) expect(n).toBe(SIZE);
    for (const r of view.rows) expect(r.eligible + r.notEligible + r.cannotDecide).toBe(r.population);
    const h19 = view.indicators.find((i) => i.indicatorCode === 'H19');
    expect(h19?.serviceCodes.length).toBe(2);
    if (h19 && h19.eligible > 0)
      expect(h19.percent).toBeCloseTo((100 * h19.receivingEligible) / h19.eligible, 10);
  });

  it('freezes the snapshot: a rule changed afterwards changes neither its lists nor its traces; a new run does', async () => {
    const before = await allItems(result.snapshotId);
    const someone = (
      await getWorklist(p.ctx, p.admin, result.snapshotId, { service: 'S-5-01', kind: 'gap', limit: 1 })
    ).items[0];
    // From the run date on, the high-age allowance is for nobody (an absurd rule, easy to see).
    await addRuleVersion(
      p.ctx,
      p.admin,
      'S-5-01',
      {
        from: DATE,
        eligibility: { all: [{ fact: 'person.ageYears', op: 'ge', value: 200 }] },
        reference: '测试规则',
      },
      '测试：快照不随目录变更',
    );
    expect(await allItems(result.snapshotId)).toEqual(before);
    if (someone) {
      const trace = await getPersonTrace(
        p.ctx,
        p.admin,
        result.snapshotId,
        someone.personIndex,
        '核对工作清单',
      );
      expect(trace.services.find((s) => s.code === 'S-5-01')?.evaluation.outcome).toBe('eligible');
    }
    const job = await startMatching(p.ctx, p.admin, { date: DATE, seed: SEED, size: SIZE });
    const again = (await waitForJob(p.ctx, job.id)).result as MatchingResult;
    const page = await getWorklist(p.ctx, p.admin, again.snapshotId, { service: 'S-5-01', kind: 'gap' });
    expect(page.total).toBe(0);
  }, 120_000);

  it('scopes lists to the district officer and the department officer; viewers see counts only', async () => {
    const district = await createUserAs(p.ctx, p.admin, {
      username: 'jinjiang',
      role: 'districtOfficer',
      districtCode: '510104',
    });
    const page = await getWorklist(p.ctx, district, result.snapshotId, { limit: 500 });
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((i) => i.districtCode === '510104')).toBe(true);
    expect(page.total).toBe(
      await countOf(
        p.db,
        'SELECT count(*) AS n FROM entitlement_worklist_items WHERE snapshot_id = $1 AND district_code = $2',
        [result.snapshotId, '510104'],
      ),
    );
    // Asking for another district gives nothing, not that district.
    expect((await getWorklist(p.ctx, district, result.snapshotId, { district: '510107' })).total).toBe(0);
    const civil: Actor = await createUserAs(p.ctx, p.admin, {
      username: 'minzheng',
      role: 'departmentOfficer',
      sector: 'assistance',
    });
    const assistance = await getWorklist(p.ctx, civil, result.snapshotId, { limit: 500 });
    expect(assistance.items.every((i) => i.serviceCode.startsWith('S-7-'))).toBe(true);
    const viewer = await createUserAs(p.ctx, p.admin, { username: 'kan', role: 'viewer' });
    await expectFuwuError(getWorklist(p.ctx, viewer, result.snapshotId, {}), 'forbidden');
    expect((await getSnapshotCounts(p.ctx, viewer, result.snapshotId)).rows.length).toBeGreaterThan(0);
  });

  it('shows a person’s trace only with a purpose, and writes who read whom and why to the audit log', async () => {
    const e = await expectFuwuError(
      getPersonTrace(p.ctx, p.admin, result.snapshotId, 0, ''),
      'invalid_input',
    );
    expect(e.problems[0]?.field).toBe('purpose');
    const trace = await getPersonTrace(p.ctx, p.admin, result.snapshotId, 3, '入户核实');
    expect(trace.personId).toBe('SYN-0000003');
    expect(trace.synthetic).toBe(true);
    expect(trace.services.length).toBeGreaterThan(40);
    expect(trace.services[0]!.evaluation.trace.text.length).toBeGreaterThan(0);
    const audited = await p.db.query<{ detail: unknown }>(
      `SELECT detail FROM audit_log WHERE action = 'entitlement.person.read' AND entity_id = 'SYN-0000003'`,
    );
    const detail = audited.rows.map((r) => (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail));
    expect(detail).toContainEqual({ snapshotId: result.snapshotId, purpose: '入户核实' });
    await expectFuwuError(getPersonTrace(p.ctx, p.admin, result.snapshotId, SIZE, '核实'), 'invalid_input');
  });

  it('exports a filtered work list as XLSX through the API, one row per item plus the synthetic note', async () => {
    const app: FastifyInstance = await buildServer(p.ctx);
    try {
      const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
      const url = `/api/entitlements/matching/snapshots/${result.snapshotId}/items`;
      const json = await callAs(app, admin, 'GET', `${url}?kind=gap&service=S-7-01&limit=500`);
      expect(json.statusCode, json.body).toBe(200);
      const total = json.json<{ total: number }>().total;
      const res = await callAs(
        app,
        admin,
        'GET',
        `${url}.xlsx?kind=gap&service=S-7-01&purpose=${encodeURIComponent('年度核查')}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      expect(ws.rowCount).toBe(total + 2);
      expect(ws.getRow(2).getCell(2).value).toBe('S-7-01');
      expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^SYN-\d{7}$/);
      expect(String(ws.getRow(total + 2).getCell(1).value)).toContain('示例');
      const bad = await callAs(app, admin, 'GET', `${url}?kind=everyone`);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('kind');
      const district = await signIn(app, 'jinjiang', USER_PASSWORD);
      const trace = await callAs(
        app,
        district,
        'GET',
        `/api/entitlements/matching/snapshots/${result.snapshotId}/people/0?purpose=x`,
      );
      expect(trace.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});
