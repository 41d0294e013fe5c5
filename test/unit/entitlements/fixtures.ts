/**
 * Small hand-made catalogs for the engine tests, built through the pack schemas so they are shaped
 * like real catalog entries. Amounts are the kind the plan's services use, not the pack's own.
 */
import type {
  Condition,
  Parameter,
  RuleVersion,
  Service,
} from '../../../src/domain/entitlements/catalog.schema.ts';
import { parameterSchema, serviceSchema } from '../../../src/domain/entitlements/catalog.schema.ts';

/** A service with these rule versions (each `[from, condition]`). */
export function service(code: string, rules: [string, Condition][], parameters: string[] = []): Service {
  return serviceSchema.parse({
    code,
    area: 'assistance',
    categoryNo: 17,
    category: '社会救助服务',
    name: `测试服务 ${code}`,
    nameEn: `Test service ${code}`,
    tier: 'basic',
    beneficiary: '示例对象',
    content: '示例内容',
    standard: '示例标准',
    parameters,
    leadDepartment: '市民政局',
    fundingResponsibility: '市、区两级',
    legalBasis: ['《社会救助暂行办法》'],
    channels: { online: '天府通办', offline: '社区' },
    deadlineWorkingDays: 20,
    requiredMaterials: ['身份证'],
    pledgeAllowed: true,
    applicationNeeded: true,
    provenance: [{ kind: 'assumption', ref: '测试', text: '单元测试用示例（synthetic）' }],
    rules: rules.map(([from, eligibility]): RuleVersion => ({
      from,
      eligibility,
      reference: `规则 ${from}`,
    })),
  });
}

/** 最低生活保障标准 by hukou type: raised on 2025-07-01 (a value that starts on a test date). */
export const DIBAO_LINE: Parameter = parameterSchema.parse({
  code: 'dibao_line',
  name: '最低生活保障标准',
  nameEn: 'minimum living allowance line',
  unit: '元/人·月',
  by: 'person.hukouType',
  values: [
    {
      from: '2024-07-01',
      value: { urban: 1050, rural: 850 },
      reference: '成民发〔2024〕1号（示例）',
      provenance: 'assumption',
    },
    {
      from: '2025-07-01',
      value: { urban: 1090, rural: 900 },
      reference: '成民发〔2025〕2号（示例）',
      provenance: 'assumption',
    },
  ],
});

export const HIGH_AGE_START: Parameter = parameterSchema.parse({
  code: 'high_age_start',
  name: '高龄津贴起始年龄',
  nameEn: 'high-age allowance starting age',
  unit: '周岁',
  values: [
    { from: '2020-01-01', value: 80, reference: '川民发〔2019〕1号（示例）', provenance: 'assumption' },
  ],
});

export const ASSET_LINE: Parameter = parameterSchema.parse({
  code: 'dibao_asset_line',
  name: '低保家庭人均金融资产上限',
  nameEn: 'dibao asset ceiling per member',
  unit: '元/人',
  values: [{ from: '2020-01-01', value: 30000, reference: '示例', provenance: 'assumption' }],
});

export const PARAMS: Parameter[] = [DIBAO_LINE, HIGH_AGE_START, ASSET_LINE];

/** 高龄津贴: age ≥ the starting age and a Chengdu hukou. */
export const HIGH_AGE = service(
  'S-5-01',
  [
    [
      '2021-01-01',
      {
        all: [
          { fact: 'person.ageYears', op: 'ge', param: 'high_age_start', label: '年满80周岁' },
          { fact: 'person.hukouPlace', op: 'eq', value: 'chengdu' },
        ],
      },
    ],
  ],
  ['high_age_start'],
);

/** 低保: per-capita income and assets at most the lines, or already in tekun support. */
export const DIBAO = service(
  'S-7-01',
  [
    [
      '2024-07-01',
      {
        any: [
          { fact: 'household.assistanceStatus', op: 'eq', value: 'tekun' },
          {
            all: [
              { fact: 'household.incomePerCapitaMonthly', op: 'le', param: 'dibao_line' },
              { fact: 'household.financialAssetsPerCapita', op: 'le', param: 'dibao_asset_line' },
            ],
          },
        ],
      },
    ],
  ],
  ['dibao_line', 'dibao_asset_line'],
);

/** 低收入: per-capita income at most 1.5 × the dibao line. */
export const LOW_INCOME = service(
  'S-7-05',
  [['2024-07-01', { fact: 'household.incomePerCapitaMonthly', op: 'le', param: 'dibao_line', factor: 1.5 }]],
  ['dibao_line'],
);

/** A rule changed with a future date: age ≥ 80 until 2025, age ≥ 70 from 2026-01-01. */
export const CHANGING = service('S-5-02', [
  ['2021-01-01', { fact: 'person.ageYears', op: 'ge', value: 80 }],
  ['2026-01-01', { fact: 'person.ageYears', op: 'ge', value: 70 }],
]);
