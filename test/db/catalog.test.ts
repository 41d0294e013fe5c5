/**
 * The service catalog store on the real database (issue 5 §1 versioning, §5 API): loaded from a
 * pack with a revision per entry; the same pack again writes nothing; a newer pack version updates
 * entries and keeps both the old revisions and the rule versions users added; edits are validated
 * on the whole catalog (a bad rule refused with the field and nothing written), revisioned, audited
 * and allowed only to admins and the service's sector; a future-dated rule version changes the
 * outcome on its date and not before. The self-check API is open, stores nothing and names a bad
 * fact. Runs on a copy of the pack with a small synthetic catalog (test/fixtures/catalog), so the
 * outcomes can be worked out by hand; the last block checks the real pack's catalog arrives whole.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/api/server.ts';
import { SYSTEM_ACTOR } from '../../src/app/audit.ts';
import type { AppContext } from '../../src/app/context.ts';
import { createContext } from '../../src/app/context.ts';
import { getCatalogItem, listCatalog } from '../../src/app/entitlements/catalog-queries.ts';
import { checkEntitlements } from '../../src/app/entitlements/check-entitlements.ts';
import {
  addParameterValue,
  addRuleVersion,
  updateServiceFields,
} from '../../src/app/entitlements/edit-catalog.ts';
import { loadCatalog } from '../../src/app/entitlements/load-catalog.ts';
import { ensureFirstAdmin } from '../../src/app/identity/first-admin.ts';
import { toActor } from '../../src/app/identity/sessions.ts';
import { loadPack } from '../../src/app/plan/load-pack.ts';
import type { Actor } from '../../src/domain/identity/roles.ts';
import type { Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { DEFAULT_PACK_DIR } from '../../src/store/pack/pack-loader.ts';
import { UserRepository } from '../../src/store/repositories/user.repository.ts';
import { callAs, signIn } from '../support/api-session.ts';
import type { FixedClock } from '../support/test-db.ts';
import {
  ADMIN_PASSWORD,
  countOf,
  createUserAs,
  engineName,
  expectFuwuError,
  fieldsOf,
  fixedClock,
  openTestDb,
  openTestPlatform,
} from '../support/test-db.ts';

const FIXTURE = new URL('../fixtures/catalog/', import.meta.url).pathname;

/** A copy of the pack with the test catalog in place of the pack's own, at `version`. */
function fixturePack(dir: string, version: string, edit?: (services: string) => string): string {
  cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
  const services = readFileSync(join(FIXTURE, 'services.yaml'), 'utf8');
  writeFileSync(join(dir, 'services.yaml'), edit ? edit(services) : services);
  writeFileSync(join(dir, 'parameters.yaml'), readFileSync(join(FIXTURE, 'parameters.yaml'), 'utf8'));
  rmSync(join(dir, 'rule-tests'), { recursive: true, force: true });
  cpSync(join(FIXTURE, 'rule-tests'), join(dir, 'rule-tests'), { recursive: true });
  const meta = readFileSync(join(dir, 'pack.yaml'), 'utf8').replace(/^version: .*$/m, `version: ${version}`);
  writeFileSync(join(dir, 'pack.yaml'), meta);
  return dir;
}

const revisionsOf = (db: Db, table: string, key: string) =>
  countOf(db, 'SELECT count(*) AS n FROM revisions WHERE table_name = $1 AND row_key = $2', [table, key]);

const ELDER = { 'person.birthDate': '1948-03-01', 'person.hukouPlace': 'chengdu' } as const;

describe(`service catalog store (${engineName()})`, () => {
  let db: Db;
  let ctx: AppContext;
  let clock: FixedClock;
  let admin: Actor;
  let app: FastifyInstance;
  const tmp = mkdtempSync(join(tmpdir(), 'fuwu-catalog-'));

  beforeAll(async () => {
    clock = fixedClock('2025-06-15T04:00:00Z');
    db = await openTestDb();
    await migrate(db);
    ctx = createContext(db, { clock });
    await loadPack(ctx, SYSTEM_ACTOR, fixturePack(join(tmp, 'v1'), '9.0.0'));
    await ensureFirstAdmin(ctx, ADMIN_PASSWORD);
    admin = toActor((await new UserRepository(db).findByUsername('admin'))!);
    app = await buildServer(ctx);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('loads the pack catalog in pack order, each entry with its first revision', async () => {
    const catalog = await loadCatalog(ctx);
    expect(catalog.services.map((s) => s.code)).toEqual(['S-5-01', 'S-7-01']);
    expect(catalog.parameters.map((p) => p.code)).toEqual(['dibao_line', 'high_age_allowance_80']);
    const file = parse(readFileSync(join(FIXTURE, 'services.yaml'), 'utf8')) as Array<{ name: string }>;
    expect(catalog.services[0]?.name).toBe(file[0]?.name);
    expect(await revisionsOf(db, 'catalog_services', 'S-5-01')).toBe(1);
    expect(await revisionsOf(db, 'catalog_parameters', 'dibao_line')).toBe(1);
  });

  it('loading the same pack again changes nothing', async () => {
    const again = await loadPack(ctx, SYSTEM_ACTOR, join(tmp, 'v1'));
    expect(again.catalog).toEqual({
      services: { added: 0, updated: 0 },
      parameters: { added: 0, updated: 0 },
    });
    expect(await countOf(db, "SELECT count(*) AS n FROM revisions WHERE table_name LIKE 'catalog_%'")).toBe(
      4,
    );
  });

  it('lists by area and by name, public to read', async () => {
    expect((await listCatalog(ctx, { area: 'elderly' })).map((s) => s.code)).toEqual(['S-5-01']);
    expect((await listCatalog(ctx, { q: '低保' })).map((s) => s.code)).toEqual([]);
    expect((await listCatalog(ctx, { q: '最低生活' })).map((s) => s.code)).toEqual(['S-7-01']);
    const res = await app.inject({ method: 'GET', url: '/api/catalog?area=assistance' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Array<{ code: string; ruleFrom: string }>>()).toMatchObject([
      { code: 'S-7-01', ruleFrom: '2021-01-01' },
    ]);
  });

  it('refuses a rule naming an unknown fact, with the field and the reason, and writes nothing', async () => {
    const before = await getCatalogItem(ctx, 'S-5-01');
    const err = await expectFuwuError(
      addRuleVersion(
        ctx,
        admin,
        'S-5-01',
        {
          from: '2026-01-01',
          reference: '示例',
          eligibility: { all: [{ fact: 'person.shoeSize', op: 'ge', value: 40 }] },
        },
        '测试',
      ),
      'invalid_input',
    );
    expect(fieldsOf(err).join(' ')).toContain('services[S-5-01].rules[1].eligibility.all[0].fact');
    expect(err.zh).toMatch(/[\u4e00-\u9fff]/);
    const after = await getCatalogItem(ctx, 'S-5-01');
    expect(after.service).toEqual(before.service);
    expect(after.revision).toBe(before.revision);
    expect(await revisionsOf(db, 'catalog_services', 'S-5-01')).toBe(1);
  });

  it('refuses a malformed condition and bad YAML text with the path inside the edit', async () => {
    const bad = await expectFuwuError(
      addRuleVersion(
        ctx,
        admin,
        'S-5-01',
        {
          from: '2026-01-01',
          reference: '示例',
          eligibility: { fact: 'person.ageYears', op: 'bigger', value: 1 },
        },
        '测试',
      ),
      'invalid_input',
    );
    expect(fieldsOf(bad).some((f) => f.startsWith('eligibility'))).toBe(true);
    const yaml = await expectFuwuError(
      addRuleVersion(
        ctx,
        admin,
        'S-5-01',
        { from: '2026-01-01', reference: '示例', eligibility: 'all: [' },
        '测试',
      ),
      'invalid_input',
    );
    expect(fieldsOf(yaml)).toEqual(['eligibility']);
    const noReason = await expectFuwuError(
      addRuleVersion(ctx, admin, 'S-5-01', { from: '2026-01-01', reference: '示例', eligibility: {} }, ''),
      'invalid_input',
    );
    expect(fieldsOf(noReason)).toEqual(['reason']);
    expect(await revisionsOf(db, 'catalog_services', 'S-5-01')).toBe(1);
  });

  it('refuses an officer of another sector and lets the sector officer edit', async () => {
    const education = await createUserAs(ctx, admin, {
      username: 'edu',
      role: 'departmentOfficer',
      sector: 'education',
    });
    const err = await expectFuwuError(
      updateServiceFields(ctx, education, 'S-5-01', { content: '改写' }, '测试'),
      'forbidden',
    );
    expect(err.zh).toContain('S-5-01');
    expect((await getCatalogItem(ctx, 'S-5-01')).service.content).toBe('按月发放高龄津贴');
    const elderly = await createUserAs(ctx, admin, {
      username: 'elderly',
      role: 'departmentOfficer',
      sector: 'elderly',
    });
    const r = await updateServiceFields(
      ctx,
      elderly,
      'S-5-01',
      { content: '按月发放高龄津贴，打卡到账' },
      '措辞',
    );
    expect(r.revision).toBe(2);
    const item = await getCatalogItem(ctx, 'S-5-01');
    expect(item.service.content).toBe('按月发放高龄津贴，打卡到账');
    const last = item.history.at(-1)!;
    expect(last).toMatchObject({ revision: 2, changedBy: 'elderly', reason: '措辞' });
    expect((last.previous as { content: string }).content).toBe('按月发放高龄津贴');
    expect(
      await countOf(
        db,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'catalog.service.update' AND entity_id = 'S-5-01'",
      ),
    ).toBe(1);
    // A rule field is not a descriptive field: refused by name.
    const rules = await expectFuwuError(
      updateServiceFields(ctx, elderly, 'S-5-01', { rules: [] }, '测试'),
      'invalid_input',
    );
    expect(fieldsOf(rules)).toEqual(['rules']);
  });

  it('a future-dated rule version: the old rule holds until its date, the new one from it', async () => {
    // The catalog is read once while it does not change (a cache), and again after the edit below.
    const first = await loadCatalog(ctx);
    expect(await loadCatalog(ctx)).toBe(first);
    const versions = (c: Awaited<ReturnType<typeof loadCatalog>>) =>
      c.services.find((x) => x.code === 'S-5-01')!.rules.length;
    // Born 1948-03-01: 77 in 2025. The new version lowers the age to 75 from 2026-01-01.
    await addRuleVersion(
      ctx,
      admin,
      'S-5-01',
      {
        from: '2026-01-01',
        reference: '示例：将起始年龄调整为75周岁',
        note: '起始年龄由80周岁降为75周岁',
        eligibility:
          'all:\n  - { fact: person.ageYears, op: ge, value: 75 }\n  - { fact: person.hukouPlace, op: eq, value: chengdu }\n',
      },
      '政策调整',
    );
    expect(versions(await loadCatalog(ctx))).toBe(versions(first) + 1);
    const outcome = async (date: string) =>
      (await checkEntitlements(ctx, { facts: ELDER, date, services: ['S-5-01'] })).evaluations[0]!;
    const before = await outcome('2025-12-31');
    const after = await outcome('2026-01-01');
    expect(before).toMatchObject({ outcome: 'notEligible', ruleFrom: '2021-01-01' });
    expect(after).toMatchObject({ outcome: 'eligible', ruleFrom: '2026-01-01' });
    // Today (2025-06-15, the fixed clock) the old rule is in force and the new one waits.
    const item = await getCatalogItem(ctx, 'S-5-01');
    expect(item.rules.map((r) => [r.from, r.state, r.until])).toEqual([
      ['2021-01-01', 'inForce', '2025-12-31'],
      ['2026-01-01', 'future', null],
    ]);
    expect(item.inForce?.from).toBe('2021-01-01');
    // A second version on the same date is refused: past and waiting versions are never rewritten.
    const again = await expectFuwuError(
      addRuleVersion(
        ctx,
        admin,
        'S-5-01',
        { from: '2026-01-01', reference: 'x', eligibility: item.rules[1]!.eligibility },
        '重复',
      ),
      'invalid_input',
    );
    expect(fieldsOf(again)).toEqual(['from']);
  });

  it('a dated parameter value: used from its date; only the sectors that read it may add one', async () => {
    const facts = {
      'person.hukouPlace': 'chengdu',
      'household.incomeMonthly': 2100,
      'household.memberCount': 2,
    };
    const culture = await createUserAs(ctx, admin, {
      username: 'culture',
      role: 'departmentOfficer',
      sector: 'culture',
    });
    await expectFuwuError(
      addParameterValue(
        ctx,
        culture,
        'dibao_line',
        { from: '2025-07-01', value: 1100, reference: 'x', provenance: 'policy' },
        '调整',
      ),
      'forbidden',
    );
    const assistance = await createUserAs(ctx, admin, {
      username: 'assist',
      role: 'departmentOfficer',
      sector: 'assistance',
    });
    await addParameterValue(
      ctx,
      assistance,
      'dibao_line',
      {
        from: '2025-07-01',
        value: 1100,
        reference: '示例：2025年7月1日起低保标准调整为1100元',
        provenance: 'policy',
      },
      '年度调整',
    );
    const on = async (date: string) =>
      (await checkEntitlements(ctx, { facts, date, services: ['S-7-01'] })).evaluations[0]!.outcome;
    // 2100 / 2 = 1050 per head: above the line of 1000, below the new 1100.
    expect(await on('2025-06-30')).toBe('notEligible');
    expect(await on('2025-07-01')).toBe('eligible');
    expect(await revisionsOf(db, 'catalog_parameters', 'dibao_line')).toBe(2);
    const bad = await expectFuwuError(
      addParameterValue(
        ctx,
        admin,
        'dibao_line',
        { from: '2025-13-01', value: 'a lot', reference: 'x', provenance: 'policy' },
        '调整',
      ),
      'invalid_input',
    );
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['from', 'value']));
  });

  it('a newer pack version updates the pack part, keeps the old revisions and the users’ rule versions', async () => {
    const v2 = fixturePack(join(tmp, 'v2'), '9.1.0', (s) =>
      s.replace(
        'standard: 80至89周岁每人每月发放高龄津贴',
        'standard: 80周岁以上每人每月发放高龄津贴（新版）',
      ),
    );
    const before = await revisionsOf(db, 'catalog_services', 'S-5-01');
    const r = await loadPack(ctx, SYSTEM_ACTOR, v2);
    expect(r.catalog.services).toEqual({ added: 0, updated: 1 });
    const item = await getCatalogItem(ctx, 'S-5-01');
    expect(item.service.standard).toBe('80周岁以上每人每月发放高龄津贴（新版）');
    expect(item.rules.map((x) => x.from)).toEqual(['2021-01-01', '2026-01-01']);
    expect(await revisionsOf(db, 'catalog_services', 'S-5-01')).toBe(before + 1);
    expect(item.history.at(-1)?.reason).toContain('9.1.0');
    // The parameter users extended is unchanged in the pack: not touched, its added value stays.
    expect((await loadCatalog(ctx)).parameters[0]?.values.map((v) => v.from)).toEqual([
      '2021-01-01',
      '2025-07-01',
    ]);
  });

  it('POST /api/entitlements/check: open to anyone, explains, asks next; a bad fact is a 400 naming it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/entitlements/check',
      payload: { facts: { 'person.hukouPlace': 'chengdu' }, date: '2025-06-15' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{
      date: string;
      evaluations: Array<{
        service: string;
        outcome: string;
        missing: string[];
        brief: { leadDepartment: string };
      }>;
      nextQuestion: { fact: string; question: string; options: unknown[] } | null;
    }>();
    expect(body.date).toBe('2025-06-15');
    expect(body.evaluations.map((e) => [e.service, e.outcome])).toEqual([
      ['S-5-01', 'cannotDecide'],
      ['S-7-01', 'cannotDecide'],
    ]);
    expect(body.evaluations[0]?.missing).toEqual(['person.birthDate']);
    expect(body.evaluations[0]?.brief.leadDepartment).toBe('市民政局');
    expect(body.nextQuestion?.question).toMatch(/[\u4e00-\u9fff]/);
    // Skipped facts are not asked again.
    const skipped = await app.inject({
      method: 'POST',
      url: '/api/entitlements/check',
      payload: { facts: {}, skipped: ['person.hukouPlace', 'person.birthDate'] },
    });
    expect(skipped.json<{ nextQuestion: { fact: string } }>().nextQuestion.fact).not.toMatch(
      /person\.(hukouPlace|birthDate)/,
    );
    const bad = await app.inject({
      method: 'POST',
      url: '/api/entitlements/check',
      payload: { facts: { 'person.shoeSize': 42, 'person.hukouPlace': 'mars' } },
    });
    expect(bad.statusCode).toBe(400);
    const problems = bad.json<{ problems: Array<{ field: string; zh: string }> }>().problems;
    expect(problems.map((p) => p.field)).toEqual(['facts.person.shoeSize', 'facts.person.hukouPlace']);
    expect(problems[1]?.zh).toContain('chengdu');
    // The self-check writes nothing.
    expect(await countOf(db, "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'entitlement%'")).toBe(0);
  });

  it('the item and edit routes: readable without an account, edits need one', async () => {
    const item = await app.inject({ method: 'GET', url: '/api/catalog/S-5-01' });
    expect(item.statusCode, item.body).toBe(200);
    expect(item.json<{ parameters: Array<{ code: string }> }>().parameters.map((p) => p.code)).toEqual([
      'high_age_allowance_80',
    ]);
    expect((await app.inject({ method: 'GET', url: '/api/catalog/S-9-99' })).statusCode).toBe(404);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/catalog/S-5-01/rules',
      payload: { from: '2027-01-01', reference: 'x', eligibility: 'all: []', reason: 'x' },
    });
    expect(anonymous.statusCode).toBe(401);
    const s = await signIn(app, 'admin', ADMIN_PASSWORD);
    const ok = await callAs(app, s, 'POST', '/api/catalog/parameters/high_age_allowance_80/values', {
      from: '2027-01-01',
      value: 60,
      reference: '示例',
      provenance: 'assumption',
      reason: '示例调整',
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe(`the plan pack's catalog (${engineName()})`, () => {
  it('arrives whole: every service and parameter of the pack files, each valid today', async () => {
    const p = await openTestPlatform({ clock: fixedClock('2025-06-15T04:00:00Z') });
    try {
      const files = (name: string) =>
        parse(readFileSync(join(DEFAULT_PACK_DIR, name), 'utf8')) as Array<{ code: string }>;
      const catalog = await loadCatalog(p.ctx);
      expect(catalog.services.map((s) => s.code)).toEqual(files('services.yaml').map((s) => s.code));
      expect(catalog.parameters.map((x) => x.code)).toEqual(files('parameters.yaml').map((x) => x.code));
      expect(catalog.services.length).toBeGreaterThanOrEqual(40);
      const list = await listCatalog(p.ctx);
      expect(list.every((s) => s.ruleFrom !== null)).toBe(true);
    } finally {
      await p.close();
    }
  });
});
