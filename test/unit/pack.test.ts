/**
 * The Chengdu plan pack against the plan itself. The expected rows of column 1 (专栏1) below were
 * read from the plan text (packs/chengdu-2021-2025/source/plan-text.txt, a copy of shared/seed/000_1928372780c66a2b.txt) by hand, not from the pack, so a
 * transcription slip in the pack shows up here. Every entry's `sourceText` must be found in the plan.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Indicator, PlanPack, Target } from '../../src/domain/plan/pack.schema.ts';
import { DEFAULT_PACK_DIR, loadPackFromDir } from '../../src/store/pack/pack-loader.ts';

const PLAN_PATH = fileURLToPath(
  new URL('../../packs/chengdu-2021-2025/source/plan-text.txt', import.meta.url),
);

/** Whitespace removed: the plan's table cells are tab-separated, its paragraphs wrapped. */
const squash = (s: string) => s.replace(/\s+/g, '');

let pack: PlanPack;
let plan: string;
let headline: Indicator[];

beforeAll(async () => {
  pack = await loadPackFromDir(DEFAULT_PACK_DIR);
  plan = readFileSync(PLAN_PATH, 'utf8');
  headline = pack.indicators.filter((i) => i.headline);
});

interface PlanRow {
  code: string;
  /** The name cell as printed, unit in brackets included. */
  cell: string;
  name: string;
  /** The unit in brackets at the end of the name cell; null where the plan prints none. */
  unit: string | null;
  baseline: number | null;
  baselineText: string;
  targetText: string;
  target: Target;
  natureZh: string;
  nature: 'binding' | 'expected';
  category: string;
}

// 专栏 1 “十四五”时期成都市公共服务重点领域主要发展指标, copied row by row from the plan:
// code | 指标名称 | 2020年情况 | 2025年目标 | 指标性质 | category (类别: 总体 overall, 基本 basic, 普惠性 inclusive)
// | how the target reads (= plain figure, ≥, >, ≈ value ±tolerance (左右; the tolerance is the pack's
// stated assumption), min–max, 0 for 动态清零, ? for qualitative).
const COLUMN_1_TEXT = `
H01 | 城镇调查失业率（%） | 4.8 | 5左右 | 预期性 | overall | ≈5±0.25
H02 | 劳动年龄人口平均受教育年限（年） | 11.5 | 12 | 约束性 | overall | =12
H03 | 每千人口拥有执业（助理）医师数（人） | 4.26 | 4.5 | 预期性 | overall | =4.5
H04 | 人均预期寿命（岁） | 81.5 | 82.4 | 预期性 | overall | =82.4
H05 | 基本养老保险参保率（%） | 93 | 95 | 预期性 | overall | =95
H06 | 每千人口拥有3岁以下婴幼儿托位数（个） | 2.7 | 6.5-8 | 预期性 | overall | 6.5–8
H07 | 适龄儿童免疫规划疫苗接种率（%） | 98.8 | 99.5 | 约束性 | overall | =99.5
H08 | 特殊儿童群体和困境儿童基本生活保障覆盖率（%） | — | 100 | 约束性 | overall | =100
H09 | 九年义务教育巩固率（%） | 99.11 | 99.5 | 约束性 | basic | =99.5
H10 | 符合条件的义务教育阶段城乡低保家庭学生及特困供养人员学生补助（元） | — | 宏志助学金标准 | 预期性 | basic | ?
H11 | 城镇新增就业人数（万人） | 134.9 | 115 | 约束性 | basic | =115
H12 | 零就业家庭动态清零 | — | 动态清零 | 约束性 | basic | 0
H13 | 每千人口医疗卫生机构床位数（张） | 7.34 | 8 | 约束性 | basic | =8
H14 | 每千人口拥有注册护士数（人） | 4.18 | ≥4.5 | 约束性 | basic | ≥4.5
H15 | 基本医疗保险参保率 | 95 | >95 | 约束性 | basic | >95
H16 | 社区日间照料机构覆盖率（%） | — | ≥95 | 预期性 | basic | ≥95
H17 | 养老机构护理型床位占比（%） | 35 | 55 | 约束性 | basic | =55
H18 | 城镇户籍低保、低收入家庭申请公租房的保障率（%） | — | 100 | 约束性 | basic | =100
H19 | 符合条件的困难残疾人生活补贴和重度残疾人护理补贴覆盖率（%） | 100 | 100 | 约束性 | basic | =100
H20 | 符合条件的低收入重度残疾人家居无障碍改造数（户）覆盖率（%） | — | ≥98 | 预期性 | basic | ≥98
H21 | 退役军人安置率（%） | 100 | 100 | 约束性 | basic | =100
H22 | 每万人公共文化设施建筑面积（平方米） | 600 | 1000 | 约束性 | basic | =1000
H23 | 人均体育场地面积（平方米） | 1.8 | 2.6 | 约束性 | basic | =2.6
H24 | 应急广播主动发布终端人口覆盖率（%） | — | 95 | 约束性 | basic | =95
H25 | 普惠性幼儿园覆盖率（%） | 82.75 | 88 | 预期性 | inclusive | =88
H26 | 学前三年毛入园率（%） | 99.5 | ≥99.6 | 预期性 | inclusive | ≥99.6
H27 | 高中阶段教育毛入学率（%） | 98.26 | ≥98.5 | 预期性 | inclusive | ≥98.5
H28 | 高等教育毛入学率（%） | 60 | 65 | 预期性 | inclusive | =65
H29 | 新建城区、居住（小）区配套建设养老服务设施达标率（%） | — | 100 | 约束性 | inclusive | =100
H30 | 普惠型和兜底型养老床位占比（%） | — | 65 | 预期性 | inclusive | =65
`;

function readTarget(spec: string): Target {
  if (spec === '?') return { kind: 'qualitative', description: '?' };
  if (spec === '0') return { kind: 'zero' };
  const approx = /^≈(.+)±(.+)$/.exec(spec);
  if (approx) return { kind: 'approximately', value: Number(approx[1]), tolerance: Number(approx[2]) };
  const range = /^(.+)–(.+)$/.exec(spec);
  if (range) return { kind: 'range', min: Number(range[1]), max: Number(range[2]) };
  const kinds = { '=': 'equals', '≥': 'atLeast', '>': 'greaterThan' } as const;
  const kind = kinds[spec[0] as keyof typeof kinds];
  if (!kind) throw new Error(`unreadable target spec ${spec}`);
  return { kind, value: Number(spec.slice(1)) };
}

const COLUMN_1: PlanRow[] = COLUMN_1_TEXT.trim()
  .split('\n')
  .map((line) => {
    const [code, cell, baselineText, targetText, natureZh, category, spec] = line.split(' | ') as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const unitMatch = /^(.*)（([^（）]+)）$/.exec(cell);
    return {
      code,
      cell,
      name: unitMatch ? (unitMatch[1] as string) : cell,
      unit: unitMatch ? (unitMatch[2] as string) : null,
      baseline: baselineText === '—' ? null : Number(baselineText),
      baselineText,
      targetText,
      target: readTarget(spec),
      natureZh,
      nature: natureZh === '约束性' ? 'binding' : 'expected',
      category,
    };
  });

describe('the plan text (fixture check)', () => {
  it('holds every row of column 1 as written out in this test', () => {
    // Guards the expected table above against typos: each row is found in the plan, cell by cell.
    const squashed = squash(plan);
    for (const row of COLUMN_1) {
      const printed = squash(
        `${row.cell}\t${row.baselineText}\t${row.targetText}\t${row.nature === 'binding' ? '约束性' : '预期性'}`,
      );
      expect(squashed, row.code).toContain(printed);
    }
  });
});

describe('Chengdu pack: column 1 (专栏1)', () => {
  it('has exactly 30 headline indicators, H01 to H30 in table order', () => {
    expect(headline.map((i) => i.code)).toEqual(
      Array.from({ length: 30 }, (_, k) => `H${String(k + 1).padStart(2, '0')}`),
    );
    for (const i of headline) {
      expect(i.sourceRef).toBe('专栏1');
      expect(i.natureStated).toBe(true);
      expect(i.baselineYear).toBe(2020);
      expect(i.targetYear).toBe(2025);
    }
  });

  it("has the plan's category counts: 8 overall (总体), 16 basic (基本), 6 inclusive (普惠性)", () => {
    const count = (c: string) => headline.filter((i) => i.category === c).length;
    expect(count('overall')).toBe(8);
    expect(count('basic')).toBe(16);
    expect(count('inclusive')).toBe(6);
    expect(count('lifeService')).toBe(0);
  });

  it('has 17 binding (约束性) and 13 expected (预期性) headline indicators, as the plan prints', () => {
    const binding = COLUMN_1.filter((r) => r.nature === 'binding').length;
    expect(headline.filter((i) => i.nature === 'binding').length).toBe(binding);
    expect(binding).toBe(17);
  });

  for (const row of COLUMN_1) {
    it(`${row.code} ${row.name}: baseline, target, nature, unit and category as printed`, () => {
      const ind = headline.find((i) => i.code === row.code) as Indicator;
      expect(ind, row.code).toBeDefined();
      expect(ind.name).toBe(row.name);
      expect(ind.category).toBe(row.category);
      expect(ind.nature).toBe(row.nature);
      expect(ind.baseline).toBe(row.baseline);
      expect(ind.baselineText).toBe(row.baselineText);
      expect(ind.targetText).toBe(row.targetText);
      if (row.unit !== null) expect(ind.unit).toBe(row.unit);
      if (row.target.kind === 'qualitative') {
        expect(ind.target.kind).toBe('qualitative');
        expect((ind.target as { description: string }).description).toContain(row.targetText);
      } else {
        expect(ind.target).toEqual(row.target);
      }
      // The row verbatim: name cell, 2020, 2025 and nature, whitespace aside.
      expect(squash(ind.sourceText)).toContain(squash(`${row.cell}\t${row.baselineText}\t${row.targetText}`));
    });
  }

  it('reads 城镇新增就业人数 as a five-year total compared with a running total, shared by population', () => {
    const jobs = headline.find((i) => i.code === 'H11') as Indicator;
    expect(jobs.cumulativeOverPeriod).toBe(true);
    expect(jobs.direction).toBe('increase');
    expect(jobs.districtRule).toBe('populationShare');
  });

  it('reads directions sensibly: unemployment and 动态清零 fall, 100% coverage already reached is kept', () => {
    const dir = (code: string) => headline.find((i) => i.code === code)?.direction;
    expect(dir('H01')).toBe('decrease');
    expect(dir('H12')).toBe('decrease');
    expect(dir('H19')).toBe('maintain');
    expect(dir('H21')).toBe('maintain');
    expect(dir('H04')).toBe('increase');
  });
});

describe('Chengdu pack: every entry is traceable to the plan', () => {
  it("every indicator's sourceText is in the plan (whitespace aside)", () => {
    const squashed = squash(plan);
    const missing = pack.indicators
      .filter((i) => !squashed.includes(squash(i.sourceText)))
      .map((i) => i.code);
    expect(missing).toEqual([]);
  });

  it("every norm's sourceText is in the plan (whitespace aside)", () => {
    const squashed = squash(plan);
    const missing = pack.norms.filter((n) => !squashed.includes(squash(n.sourceText))).map((n) => n.code);
    expect(missing).toEqual([]);
  });

  it('indicator and norm codes are unique; chapter-4 targets are T-<sector>-NN', () => {
    const codes = [...pack.indicators, ...pack.norms].map((x) => x.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of pack.indicators.filter((x) => !x.headline)) {
      expect(i.code).toMatch(new RegExp(`^T-${i.sector}-\\d{2}$`));
    }
  });
});

describe('Chengdu pack: areas and meta', () => {
  it('is the 2021–2025 plan of Chengdu (510100), baseline 2020, mid-term 2023', () => {
    expect(pack.meta.city.code).toBe('510100');
    expect(pack.meta.periodStart).toBe(2021);
    expect(pack.meta.periodEnd).toBe(2025);
    expect(pack.meta.baselineYear).toBe(2020);
    expect(pack.meta.midTermYear).toBe(2023);
    expect(pack.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('has the city and 20 districts with 6-digit GB/T 2260 codes under it', () => {
    const city = pack.areas.filter((a) => a.kind === 'city');
    expect(city.map((a) => a.code)).toEqual(['510100']);
    const districts = pack.areas.filter((a) => a.kind === 'district');
    expect(districts).toHaveLength(20);
    for (const d of districts) {
      expect(d.code).toMatch(/^5101\d{2}$/);
      expect(d.parent).toBe('510100');
    }
    expect(new Set(districts.map((d) => d.name)).size).toBe(20);
    for (const name of ['锦江区', '青羊区', '金牛区', '武侯区', '成华区', '双流区', '简阳市', '蒲江县']) {
      expect(districts.map((d) => d.name)).toContain(name);
    }
  });

  it('has the three functional zones the plan names: 天府新区, 高新区, 东部新区', () => {
    const zones = pack.areas.filter((a) => a.kind === 'zone');
    expect(zones.map((z) => z.code).sort()).toEqual([
      'Z-eastern-new-area',
      'Z-high-tech-zone',
      'Z-tianfu-new-area',
    ]);
    for (const key of ['天府新区', '高新区', '东部新区']) {
      expect(zones.some((z) => z.name.includes(key))).toBe(true);
      expect(plan).toContain(key);
    }
  });
});
