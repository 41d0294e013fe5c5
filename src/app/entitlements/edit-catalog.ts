/**
 * The catalog edits (issue 5 §1, versioned): change a service's descriptive fields, add a rule
 * version from a date (possibly in the future: today's rule stays in force until then), add a dated
 * parameter value. Each keeps the previous document as a revision, is validated on the whole
 * resulting catalog (save-catalog-change.ts) and audited; only admins and the service's sector may
 * (catalog.write, then the sector in catalog-policy.ts).
 * Past versions are never changed: a correction is a new version (or value) from a later date.
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Parameter, RuleVersion, Service } from '../../domain/entitlements/catalog.schema.ts';
import {
  parameterValueSchema,
  ruleVersionSchema,
  serviceSchema,
} from '../../domain/entitlements/catalog.schema.ts';
import { withDatedItem } from '../../domain/entitlements/catalog-merge.ts';
import { schemaProblems } from '../../domain/entitlements/schema-problems.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { dateProblem } from '../../domain/projects/project.ts';
import { invalidField, notFound } from '../../domain/shared/errors.ts';
import { invalidInput, requireReason } from '../input-errors.ts';
import type { AppContext } from '../context.ts';
import { authorize } from '../policies.ts';
import { requireParameterEdit, requireServiceEdit } from './catalog-policy.ts';
import type { Catalog } from './load-catalog.ts';
import { saveCatalogChange } from './save-catalog-change.ts';

/** The fields an officer may reword; code, area, category and rules are not among them. */
export const EDITABLE_SERVICE_FIELDS = [
  'name',
  'nameEn',
  'beneficiary',
  'content',
  'standard',
  'leadDepartment',
  'fundingResponsibility',
  'legalBasis',
  'channels',
  'deadlineWorkingDays',
  'requiredMaterials',
  'pledgeAllowed',
  'applicationNeeded',
] as const;

const serviceFieldsSchema = serviceSchema.pick(
  Object.fromEntries(EDITABLE_SERVICE_FIELDS.map((k) => [k, true])) as {
    [K in (typeof EDITABLE_SERVICE_FIELDS)[number]]: true;
  },
);
const serviceEditSchema = serviceFieldsSchema.partial().strict();

function serviceOf(catalog: Catalog, code: string): Service {
  const s = catalog.services.find((x) => x.code === code);
  if (!s) throw notFound('service', '服务事项', code);
  return s;
}

function parameterOf(catalog: Catalog, code: string): Parameter {
  const p = catalog.parameters.find((x) => x.code === code);
  if (!p) throw notFound('parameter', '参数', code);
  return p;
}

/** Parse with the catalog schema; a `from` must also be a real calendar day (the schema checks the shape). */
function parsed<T>(schema: z.ZodType<T>, input: unknown, prefix: string): T {
  const r = schema.safeParse(input);
  const problems = r.success ? [] : schemaProblems(prefix, r.error);
  const from = (input as { from?: unknown } | null)?.from;
  if (typeof from === 'string' && !problems.some((p) => p.field === 'from')) {
    const p = dateProblem('from', from);
    if (p) problems.push(p);
  }
  if (problems.length > 0 || !r.success) throw invalidInput(problems);
  return r.data;
}

export async function updateServiceFields(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: unknown,
  reason: unknown,
): Promise<{ revision: number; service: Service }> {
  authorize(actor, 'catalog.write');
  const why = requireReason(typeof reason === 'string' ? reason : null);
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw invalidField('fields', '应为要修改的字段（对象）', 'must be an object of the fields to change');
  const fields = parsed(serviceEditSchema, input, '');
  if (Object.keys(fields).length === 0) throw invalidField('fields', '没有要修改的字段', 'nothing to change');
  const r = await saveCatalogChange(ctx, actor, { kind: 'service', code }, why, (catalog) => {
    const s = serviceOf(catalog, code);
    requireServiceEdit(actor, s);
    return {
      kind: 'service',
      document: { ...s, ...fields },
      action: 'catalog.service.update',
      detail: { fields: Object.keys(fields) },
    };
  });
  return { revision: r.revision, service: r.document as Service };
}

/**
 * The condition may come as structured data or as YAML/JSON text (the catalog page's editor): text
 * is parsed here so its mistakes come back with the same field paths.
 */
function conditionInput(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return parseYaml(v) as unknown;
  } catch (e) {
    throw invalidField(
      'eligibility',
      `不是有效的 YAML/JSON：${(e as Error).message.split('\n')[0]}`,
      `not valid YAML/JSON: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

export async function addRuleVersion(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: { from?: unknown; eligibility?: unknown; note?: unknown; reference?: unknown },
  reason: unknown,
): Promise<{ revision: number; service: Service }> {
  authorize(actor, 'catalog.write');
  const why = requireReason(typeof reason === 'string' ? reason : null);
  const version: RuleVersion = parsed(
    ruleVersionSchema,
    {
      from: input.from,
      eligibility: conditionInput(input.eligibility),
      reference: input.reference,
      ...(input.note === undefined || input.note === '' ? {} : { note: input.note }),
    },
    '',
  );
  const r = await saveCatalogChange(ctx, actor, { kind: 'service', code }, why, (catalog) => {
    const s = serviceOf(catalog, code);
    requireServiceEdit(actor, s);
    if (s.rules.some((v) => v.from === version.from))
      throw invalidField(
        'from',
        `${s.code} 已有 ${version.from} 起的规则版本；更正请另立更晚日期的版本`,
        `${s.code} already has a rule version from ${version.from}; add a correction from a later date`,
      );
    return {
      kind: 'service',
      document: { ...s, rules: withDatedItem(s.rules, version) },
      action: 'catalog.rule.add',
      detail: { from: version.from, reference: version.reference },
    };
  });
  return { revision: r.revision, service: r.document as Service };
}

export async function addParameterValue(
  ctx: AppContext,
  actor: Actor,
  code: string,
  input: unknown,
  reason: unknown,
): Promise<{ revision: number; parameter: Parameter }> {
  authorize(actor, 'catalog.write');
  const why = requireReason(typeof reason === 'string' ? reason : null);
  const value = parsed(parameterValueSchema, input, '');
  const r = await saveCatalogChange(ctx, actor, { kind: 'parameter', code }, why, (catalog) => {
    const p = parameterOf(catalog, code);
    requireParameterEdit(actor, p, catalog.services);
    if (p.values.some((v) => v.from === value.from))
      throw invalidField(
        'from',
        `参数 ${p.code} 已有 ${value.from} 起的取值；更正请另立更晚日期的取值`,
        `parameter ${p.code} already has a value from ${value.from}; add a correction from a later date`,
      );
    return {
      kind: 'parameter',
      document: { ...p, values: withDatedItem(p.values, value) },
      action: 'catalog.parameter.add',
      detail: { from: value.from, value: value.value, reference: value.reference },
    };
  });
  return { revision: r.revision, parameter: r.document as Parameter };
}
