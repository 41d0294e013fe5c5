/**
 * The basic public service catalog (基本公共服务清单, 第三章第一节) and its entitlement rules as
 * declarative, typed, dated data (rules as code). These schemas validate the pack's YAML on load;
 * `validateCatalog` (validate-catalog.ts) then checks what a schema cannot: facts exist and are
 * compared with values of their kind, parameters exist and have a value on every rule date.
 *
 * A condition is data, never code:
 *   { all: [c…] } | { any: [c…] } | { not: c }            (three-valued: true / false / unknown)
 *   { fact, op, value }          compare a fact with a literal
 *   { fact, op, param, factor? } compare a fact with a parameter's value on the evaluation date
 *                                (times `factor`, e.g. low income = 1.5 × the dibao line)
 * `label` (optional, Chinese) names the condition in a trace, e.g. "年满80周岁".
 */
import { z } from 'zod';

export const NINE_AREAS = [
  'childcare', // 幼有所育
  'education', // 学有所教
  'employment', // 劳有所得
  'health', // 病有所医
  'elderly', // 老有所养
  'housing', // 住有所居
  'assistance', // 弱有所扶
  'veterans', // 优军服务保障
  'cultureSports', // 文体服务保障
] as const;
export type ServiceArea = (typeof NINE_AREAS)[number];

export const COMPARISON_OPS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in', 'notIn'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const literal = z.union([z.number().finite(), z.boolean(), z.string().min(1)]);

export type Literal = z.infer<typeof literal>;

export type Condition =
  | { all: Condition[]; label?: string }
  | { any: Condition[]; label?: string }
  | { not: Condition; label?: string }
  | {
      fact: string;
      op: ComparisonOp;
      value?: Literal | Literal[];
      param?: string;
      factor?: number;
      label?: string;
    };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema), label: z.string().optional() }),
    z.strictObject({ any: z.array(conditionSchema).min(1), label: z.string().optional() }),
    z.strictObject({ not: conditionSchema, label: z.string().optional() }),
    z
      .strictObject({
        fact: z.string().min(1),
        op: z.enum(COMPARISON_OPS),
        value: z.union([literal, z.array(literal).min(1)]).optional(),
        param: z.string().min(1).optional(),
        factor: z.number().finite().positive().optional(),
        label: z.string().optional(),
      })
      .refine((c) => (c.value === undefined) !== (c.param === undefined), {
        message: 'give exactly one of value or param',
      }),
  ]),
);

/** Where a fact of the catalog came from: the plan, the national standard, or an assumption. */
export const provenanceSchema = z.strictObject({
  kind: z.enum(['plan', 'nationalStandard', 'policy', 'assumption']),
  /** 第四章第七节, 专栏8, 国家基本公共服务标准（2021年版）17-1, a policy document number … */
  ref: z.string().min(1),
  /** The source's own words where we have them; for an assumption, what was assumed and why. */
  text: z.string().min(1),
});
export type Provenance = z.infer<typeof provenanceSchema>;

/** A dated value of a parameter: valid from `from` until the next value's `from`. */
export const parameterValueSchema = z.strictObject({
  from: isoDate,
  /** One number, or one per value of the parameter's `by` fact (e.g. per hukou type). */
  value: z.union([z.number().finite(), z.record(z.string(), z.number().finite())]),
  /** The legal or policy reference that set this value. */
  reference: z.string().min(1),
  provenance: z.enum(['plan', 'nationalStandard', 'policy', 'assumption']),
});

export const parameterSchema = z.strictObject({
  /** lower_snake code, e.g. dibao_line, high_age_allowance_80. */
  code: z.string().regex(/^[a-z][a-z0-9_]*$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  unit: z.string(),
  /** An enum fact the value varies by (e.g. person.hukouType); absent: one value for everyone. */
  by: z.string().optional(),
  values: z.array(parameterValueSchema).min(1),
});
export type Parameter = z.infer<typeof parameterSchema>;

/** One version of a service's rule: in force from `from` until the next version's `from`. */
export const ruleVersionSchema = z.strictObject({
  from: isoDate,
  eligibility: conditionSchema,
  /** What changed in this version and why (Chinese). */
  note: z.string().optional(),
  reference: z.string().min(1),
});
export type RuleVersion = z.infer<typeof ruleVersionSchema>;

export const serviceSchema = z.strictObject({
  /** S-<area number 1–9>-<NN>, e.g. S-7-01 for the minimum living allowance. */
  code: z.string().regex(/^S-[1-9]-\d{2}$/),
  area: z.enum(NINE_AREAS),
  /** The national standard's category (1–22) and its name, e.g. 17 社会救助服务. */
  categoryNo: z.number().int().min(1).max(22),
  category: z.string().min(1),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  /** basic: 基本公共服务; inclusive: 普惠性非基本公共服务. */
  tier: z.enum(['basic', 'inclusive']),
  beneficiary: z.string().min(1),
  content: z.string().min(1),
  /** The standard in words; amounts live in `parameters` (named here). */
  standard: z.string().min(1),
  parameters: z.array(z.string()).default([]),
  leadDepartment: z.string().min(1),
  fundingResponsibility: z.string().min(1),
  legalBasis: z.array(z.string().min(1)).min(1),
  channels: z.strictObject({
    online: z.string().nullable(),
    offline: z.string().nullable(),
  }),
  /** Time limit for a decision, in working days; null where none is set (e.g. open facilities). */
  deadlineWorkingDays: z.number().int().positive().nullable(),
  requiredMaterials: z.array(z.string().min(1)),
  /** Whether pledge-based approval (告知承诺制) is allowed. */
  pledgeAllowed: z.boolean(),
  /** Whether the service is applied for (a case) or simply open to all who qualify. */
  applicationNeeded: z.boolean(),
  provenance: z.array(provenanceSchema).min(1),
  rules: z.array(ruleVersionSchema).min(1),
});
export type Service = z.infer<typeof serviceSchema>;

/** A rule test as data: facts, a date, and the expected result for one service. */
export const ruleTestSchema = z.strictObject({
  service: z.string().regex(/^S-[1-9]-\d{2}$/),
  name: z.string().min(1),
  date: isoDate,
  facts: z.record(z.string(), z.union([z.number().finite(), z.boolean(), z.string()])),
  expected: z.enum(['eligible', 'notEligible', 'cannotDecide']),
  /** For cannotDecide: the facts the engine must ask for (any order). */
  missing: z.array(z.string()).optional(),
});
export type RuleTest = z.infer<typeof ruleTestSchema>;

export type Outcome = RuleTest['expected'];
