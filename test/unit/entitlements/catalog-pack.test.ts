/**
 * The service catalog of the Chengdu pack (services.yaml, parameters.yaml, rule-tests/) against the
 * plan and the national standard: it loads through the pack loader, covers the nine areas and every
 * service the issue names, quotes the plan verbatim, and has at least three hand-worked rule tests
 * per service. (Running the rule tests through the engine is rule-tests.test.ts's job.) The loader's
 * refusals of a broken catalog are checked on edited copies of the pack.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NINE_AREAS } from '../../../src/domain/entitlements/catalog.schema.ts';
import type { Condition } from '../../../src/domain/entitlements/catalog.schema.ts';
import { isDerivedFact } from '../../../src/domain/entitlements/derive.ts';
import { FACT_KEYS } from '../../../src/domain/entitlements/facts.ts';
import type { PlanPack } from '../../../src/domain/plan/pack.schema.ts';
import { FuwuError } from '../../../src/domain/shared/errors.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../../../src/store/pack/pack-loader.ts';

const PLAN = readFileSync(
  fileURLToPath(new URL('../../../packs/chengdu-2021-2025/source/plan-text.txt', import.meta.url)),
  'utf8',
);
/** Whitespace removed: the plan's table cells are tab-separated, its paragraphs wrapped. */
const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * The 22 categories of 国家基本公共服务标准（2021年版） with their area number (1 幼有所育 … 9 文体服务保障),
 * copied from the standard's table of contents (shared/data/basic-public-service-standard-2021.json).
 */
const NATIONAL_CATEGORIES: Record<number, [area: number, name: string]> = {
  1: [1, '优孕优生服务'],
  2: [1, '儿童健康服务'],
  3: [1, '儿童关爱服务'],
  4: [2, '学前教育助学服务'],
  5: [2, '义务教育服务'],
  6: [2, '普通高中助学服务'],
  7: [2, '中等职业教育助学服务'],
  8: [3, '就业创业服务'],
  9: [3, '工伤失业保险服务'],
  10: [4, '公共卫生服务'],
  11: [4, '医疗保险服务'],
  12: [4, '计划生育扶助服务'],
  13: [5, '养老助老服务'],
  14: [5, '养老保险服务'],
  15: [6, '公租房服务'],
  16: [6, '住房改造服务'],
  17: [7, '社会救助服务'],
  18: [7, '公共法律服务'],
  19: [7, '扶残助残服务'],
  20: [8, '优军优抚服务'],
  21: [9, '公共文化服务'],
  22: [9, '公共体育服务'],
};

/** Every service issue 5 names, by the words its catalog name must contain. */
const NAMED_IN_ISSUE = [
  '农村免费孕前优生健康检查',
  '托育',
  '免费义务教育',
  '低保家庭学生及特困供养学生生活补助',
  '零就业家庭就业援助',
  '城乡居民基本医疗保险',
  '城乡居民基本养老保险',
  '高龄津贴',
  '家庭养老照护床位',
  '最低生活保障',
  '特困人员救助供养',
  '临时救助',
  '公租房实物保障',
  '租赁补贴',
  '困难残疾人生活补贴',
  '重度残疾人护理补贴',
  '无障碍改造',
  '优抚对象抚恤和生活补助',
  '法律援助',
  '公共文化设施免费开放',
  '公共体育设施免费或低收费开放',
];

/** The facts a condition reads, in order. */
function factsOf(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(factsOf);
  if ('any' in c) return c.any.flatMap(factsOf);
  if ('not' in c) return factsOf(c.not);
  return [c.fact];
}

let pack: PlanPack;
beforeAll(async () => {
  pack = await loadPackFromDir(DEFAULT_PACK_DIR);
});

describe('the Chengdu service catalog', () => {
  it('loads with the pack (version 1.3.1) with at least 40 services, their parameters and rule tests', () => {
    expect(pack.meta.version).toBe('1.3.1');
    expect(pack.services.length).toBeGreaterThanOrEqual(40);
    expect(pack.parameters.length).toBeGreaterThanOrEqual(10);
    expect(pack.ruleTests.length).toBeGreaterThanOrEqual(3 * pack.services.length);
  });

  it('has services in each of the nine areas, coded S-<area number>-NN in 七有两保障 order', () => {
    for (const area of NINE_AREAS)
      expect(pack.services.filter((s) => s.area === area).length).toBeGreaterThan(0);
    const misfiled = pack.services.filter((s) => NINE_AREAS[Number(s.code[2]) - 1] !== s.area);
    expect(misfiled.map((s) => s.code)).toEqual([]);
  });

  it("files every service under a national category of its own area, with the standard's name", () => {
    const wrong = pack.services.filter((s) => {
      const [area, name] = NATIONAL_CATEGORIES[s.categoryNo]!;
      return name !== s.category || NINE_AREAS[area - 1] !== s.area;
    });
    expect(wrong.map((s) => `${s.code} ${s.categoryNo} ${s.category}`)).toEqual([]);
  });

  it('covers all 22 categories of the national standard, 12 计划生育扶助服务 included', () => {
    const covered = new Set(pack.services.map((s) => s.categoryNo));
    const absent = Object.keys(NATIONAL_CATEGORIES)
      .map(Number)
      .filter((n) => !covered.has(n));
    expect(absent).toEqual([]);
    expect(covered.size).toBe(22);
    const familyPlanning = pack.services.filter((s) => s.categoryNo === 12).map((s) => s.name);
    expect(familyPlanning).toEqual(['农村部分计划生育家庭奖励扶助', '计划生育家庭特别扶助']);
  });

  it('contains every service the issue names', () => {
    const names = pack.services.map((s) => s.name);
    expect(NAMED_IN_ISSUE.filter((words) => !names.some((n) => n.includes(words)))).toEqual([]);
  });

  it('quotes the plan verbatim wherever it cites the plan (whitespace aside)', () => {
    const plan = squash(PLAN);
    const quotes = pack.services.flatMap((s) =>
      s.provenance.filter((p) => p.kind === 'plan').map((p) => ({ code: s.code, text: p.text })),
    );
    expect(quotes.length).toBeGreaterThanOrEqual(pack.services.length);
    expect(quotes.filter((q) => !plan.includes(squash(q.text)))).toEqual([]);
  });

  it('has at least three rule tests per service, each service with an eligible and a not-eligible case', () => {
    const few = pack.services.filter((s) => {
      const tests = pack.ruleTests.filter((t) => t.service === s.code);
      const outcomes = new Set(tests.map((t) => t.expected));
      return tests.length < 3 || !outcomes.has('eligible') || !outcomes.has('notEligible');
    });
    expect(few.map((s) => s.code)).toEqual([]);
    // A case is found by its service and name (the loader reports problems that way): no repeats.
    const keys = pack.ruleTests.map((t) => `${t.service} ${t.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every cannot-decide case the facts to ask for, and only for those cases', () => {
    const undecided = pack.ruleTests.filter((t) => t.expected === 'cannotDecide');
    expect(undecided.length).toBeGreaterThanOrEqual(40);
    expect(undecided.filter((t) => !t.missing || t.missing.length === 0).map((t) => t.name)).toEqual([]);
    expect(
      pack.ruleTests.filter((t) => t.expected !== 'cannotDecide' && t.missing).map((t) => t.name),
    ).toEqual([]);
    // Engine semantics: the questions are input facts (a birth date), never derived ones (an age).
    const derived = FACT_KEYS.filter((k) => isDerivedFact(k)) as string[];
    expect(derived).toContain('person.spouseAgeYears');
    expect(undecided.filter((t) => t.missing!.some((m) => derived.includes(m))).map((t) => t.name)).toEqual(
      [],
    );
  });

  it('tests the edges: a birthday on the date, an amount exactly at a line, the first day of a change', () => {
    const named = (words: string) => pack.ruleTests.filter((t) => t.name.includes(words)).length;
    expect(named('当天满')).toBeGreaterThanOrEqual(10);
    expect(named('恰好')).toBeGreaterThanOrEqual(6);
    expect(named('生效当天') + named('施行当天')).toBeGreaterThanOrEqual(4);
  });

  it('dates parameter values from 2021-01-01, with a mid-period change and a value that varies by an enum fact', () => {
    for (const p of pack.parameters) {
      const froms = p.values.map((v) => v.from);
      expect(froms, p.code).toEqual([...froms].sort());
      expect(froms[0]! >= '2021-01-01', p.code).toBe(true);
    }
    const dibao = pack.parameters.find((p) => p.code === 'dibao_line')!;
    expect(dibao.values.length).toBeGreaterThanOrEqual(2);
    const byStage = pack.parameters.find((p) => p.by === 'person.studentStage')!;
    expect(byStage.values[0]!.value).toEqual({ primary: 1000, juniorSecondary: 1250 });
  });

  it('never presents an assumption as a fact: every assumed value says 假设 in its reference', () => {
    const assumed = pack.parameters.flatMap((p) =>
      p.values
        .filter((v) => v.provenance === 'assumption')
        .map((v) => ({ code: p.code, reference: v.reference })),
    );
    expect(assumed.length).toBeGreaterThan(0);
    expect(assumed.filter((a) => !a.reference.includes('假设'))).toEqual([]);
    const assumedSources = pack.services.flatMap((s) => s.provenance.filter((p) => p.kind === 'assumption'));
    expect(assumedSources.filter((p) => !p.text.includes('假设'))).toEqual([]);
  });

  it('has a rule version dated in the future (after 2026-11-29), documented as assumed, with tests either side', () => {
    const future = pack.services.filter((s) => s.rules.some((r) => r.from > '2026-11-29'));
    expect(future.length).toBeGreaterThanOrEqual(1);
    for (const s of future) {
      const version = s.rules.find((r) => r.from > '2026-11-29')!;
      expect(version.note).toContain('假设');
      const dates = pack.ruleTests.filter((t) => t.service === s.code).map((t) => t.date);
      expect(dates.some((d) => d < version.from)).toBe(true);
      expect(dates).toContain(version.from);
    }
  });

  it('reads only registered facts and names only parameters it lists', () => {
    for (const s of pack.services) {
      for (const r of s.rules) {
        for (const fact of factsOf(r.eligibility)) expect(fact, s.code).toMatch(/^(person|household)\./);
      }
      expect(s.parameters.every((code) => pack.parameters.some((p) => p.code === code))).toBe(true);
    }
  });
});

describe('the pack loader refuses a broken catalog', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'fuwu-catalog-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** A copy of the pack with one catalog file rewritten; returns the loader's error. */
  async function loadEdited(
    name: string,
    file: string,
    edit: (entries: Array<Record<string, unknown>>) => void,
  ): Promise<FuwuError> {
    const dir = join(tmp, name);
    cpSync(DEFAULT_PACK_DIR, dir, { recursive: true });
    const entries = parse(readFileSync(join(dir, file), 'utf8')) as Array<Record<string, unknown>>;
    edit(entries);
    writeFileSync(join(dir, file), stringify(entries));
    try {
      await loadPackFromDir(dir);
    } catch (e) {
      return e as FuwuError;
    }
    throw new Error('the edited pack loaded');
  }

  it('names the file, the service and the field of a schema error', async () => {
    const err = await loadEdited('bad-area', 'services.yaml', (e) => {
      e[0]!.area = 'leisure';
    });
    expect(err).toBeInstanceOf(FuwuError);
    expect(err.code).toBe('pack_invalid');
    expect(err.problems?.map((p) => p.field)).toContain('services.yaml:S-1-01.area');
  });

  it('refuses a service naming a parameter the pack does not have (validateCatalog, prefixed by the file)', async () => {
    const err = await loadEdited('bad-param', 'services.yaml', (e) => {
      e[0]!.parameters = ['no_such_parameter'];
    });
    expect(err.problems).toContainEqual(
      expect.objectContaining({
        field: 'services.yaml:services[S-1-01].parameters[0]',
        en: 'no parameter no_such_parameter',
      }),
    );
  });

  it('refuses a rule comparing a fact with a value of the wrong kind', async () => {
    const err = await loadEdited('bad-value', 'services.yaml', (e) => {
      const rule = (e[0]!.rules as Array<{ eligibility: { all: Array<Record<string, unknown>> } }>)[0]!;
      rule.eligibility.all[1]!.value = 'mountain';
    });
    expect(
      err.problems?.some((p) => p.field.startsWith('services.yaml:services[S-1-01].rules[0].eligibility')),
    ).toBe(true);
  });

  it('refuses two services with one code', async () => {
    const err = await loadEdited('dup', 'services.yaml', (e) => {
      e[1]!.code = e[0]!.code;
    });
    expect(err.problems?.map((p) => p.field)).toContain('services.yaml:services[S-1-01].code');
  });

  it('refuses a rule test for a service the catalog does not have', async () => {
    const err = await loadEdited('bad-test', 'rule-tests/1-childcare.yaml', (e) => {
      e[0]!.service = 'S-1-99';
    });
    const first = pack.ruleTests[0]!.name;
    expect(err.problems).toContainEqual(
      expect.objectContaining({ field: `rule-tests:${first}.service`, en: 'unknown service S-1-99' }),
    );
  });

  it('refuses a rule test whose expected result is not one of the three', async () => {
    const err = await loadEdited('bad-expected', 'rule-tests/2-education.yaml', (e) => {
      e[0]!.expected = 'maybe';
    });
    const first = pack.ruleTests.find((t) => t.service.startsWith('S-2-'))!.name;
    expect(err.problems?.map((p) => p.field)).toContain(`rule-tests/2-education.yaml:${first}.expected`);
  });
});
