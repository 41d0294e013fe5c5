/**
 * Reads a plan pack from its folder of YAML and GeoJSON files and validates every entry.
 * A pack that breaks the schema is refused with one line per problem: file, entry, field, reason.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import type { Area, Indicator, Norm, PackProject, PlanPack, SubArea } from '../../domain/plan/pack.schema.ts';
import { parseSubAreas } from '../../domain/plan/sub-areas.ts';
import type { Parameter, RuleTest, Service } from '../../domain/entitlements/catalog.schema.ts';
import { parameterSchema, ruleTestSchema, serviceSchema } from '../../domain/entitlements/catalog.schema.ts';
import { validateCatalog } from '../../domain/entitlements/validate-catalog.ts';
import type { CalendarYear } from '../../domain/cases/calendar.schema.ts';
import { calendarYearSchema, duplicateYears } from '../../domain/cases/calendar.schema.ts';
import { parseCsv } from '../../domain/shared/csv.ts';
import {
  areaSchema,
  indicatorSchema,
  normSchema,
  packMetaSchema,
  projectSchema,
} from '../../domain/plan/pack.schema.ts';
import type { FieldProblem } from '../../domain/shared/errors.ts';
import { FuwuError } from '../../domain/shared/errors.ts';

/** The Chengdu pack shipped in the repository. */
export const DEFAULT_PACK_DIR = resolve(
  fileURLToPath(new URL('../../../packs/chengdu-2021-2025', import.meta.url)),
);

export async function loadPackFromDir(dir: string): Promise<PlanPack> {
  const problems: FieldProblem[] = [];
  const hash = createHash('sha256');
  const read = async (file: string): Promise<string> => {
    const text = utf8Text(await readFile(join(dir, file)));
    hash.update(file).update('\0').update(text);
    return text;
  };
  const yamlOf = async (file: string): Promise<unknown> => {
    try {
      return parse(await read(file));
    } catch (e) {
      problems.push({
        field: file,
        zh: `无法读取或解析：${(e as Error).message}`,
        en: `cannot read or parse: ${(e as Error).message}`,
      });
      return undefined;
    }
  };

  const metaResult = packMetaSchema.safeParse(await yamlOf('pack.yaml'));
  if (!metaResult.success) {
    collect(problems, 'pack.yaml', metaResult.error);
    throw packError(dir, problems);
  }
  const meta = metaResult.data;
  const indicators: Indicator[] = [];
  for (const file of meta.files.indicators)
    indicators.push(...entries(file, await yamlOf(file), indicatorSchema, problems));
  const norms: Norm[] = entries(meta.files.norms, await yamlOf(meta.files.norms), normSchema, problems);
  const areas: Area[] = entries(meta.files.areas, await yamlOf(meta.files.areas), areaSchema, problems);
  let boundaries: PlanPack['boundaries'] = { type: 'FeatureCollection', features: [] };
  try {
    boundaries = JSON.parse(await read(meta.files.boundaries)) as PlanPack['boundaries'];
  } catch (e) {
    problems.push({
      field: meta.files.boundaries,
      zh: `边界文件无效：${(e as Error).message}`,
      en: `invalid boundary file: ${(e as Error).message}`,
    });
  }

  unique(
    problems,
    'indicators',
    [...indicators, ...norms].map((x) => x.code),
  );
  unique(
    problems,
    meta.files.areas,
    areas.map((a) => a.code),
  );
  if (!areas.some((a) => a.kind === 'city' && a.code === meta.city.code)) {
    problems.push({
      field: `${meta.files.areas}`,
      zh: `缺少城市 ${meta.city.code}`,
      en: `the city ${meta.city.code} is missing`,
    });
  }
  const boundaryCodes = new Set(
    boundaries.features.map((f) => (f as { properties?: { code?: string } }).properties?.code),
  );
  for (const a of areas) {
    if (a.hasBoundary && !boundaryCodes.has(a.code)) {
      problems.push({
        field: `${meta.files.areas}:${a.code}.hasBoundary`,
        zh: '边界文件中无此区域',
        en: 'no such feature in the boundary file',
      });
    }
  }
  let subAreas: SubArea[] = [];
  if (meta.files.townships && meta.files.communities) {
    const csvOf = async (file: string): Promise<string[][]> => {
      try {
        return parseCsv(await read(file));
      } catch (e) {
        problems.push({
          field: file,
          zh: `无法读取：${(e as Error).message}`,
          en: `cannot read: ${(e as Error).message}`,
        });
        return [];
      }
    };
    const files = { townships: meta.files.townships, communities: meta.files.communities };
    const districts = new Set(areas.filter((a) => a.kind === 'district').map((a) => a.code));
    const parsed = parseSubAreas(
      await csvOf(files.townships),
      await csvOf(files.communities),
      districts,
      files,
    );
    subAreas = parsed.subAreas;
    problems.push(...parsed.problems);
  }
  const projects: PackProject[] = meta.files.projects
    ? entries(meta.files.projects, await yamlOf(meta.files.projects), projectSchema, problems)
    : [];
  if (meta.files.projects) checkProjects(problems, meta.files.projects, projects, indicators, areas);
  const services: Service[] = meta.files.services
    ? entries(meta.files.services, await yamlOf(meta.files.services), serviceSchema, problems)
    : [];
  const parameters: Parameter[] = meta.files.parameters
    ? entries(meta.files.parameters, await yamlOf(meta.files.parameters), parameterSchema, problems)
    : [];
  const ruleTests: RuleTest[] = [];
  if (meta.files.ruleTests) {
    for (const file of await yamlFilesIn(dir, meta.files.ruleTests, problems))
      ruleTests.push(...entries(file, await yamlOf(file), ruleTestSchema, problems));
  }
  if (meta.files.services) checkCatalog(problems, meta.files, services, parameters, ruleTests, areas);
  const calendar: CalendarYear[] = meta.files.calendar
    ? entries(meta.files.calendar, await yamlOf(meta.files.calendar), calendarYearSchema, problems)
    : [];
  for (const year of duplicateYears(calendar))
    problems.push({ field: `${meta.files.calendar}:${year}`, zh: '年份重复', en: 'year listed twice' });
  if (problems.length > 0) throw packError(dir, problems);
  return {
    meta,
    indicators,
    norms,
    areas,
    subAreas,
    projects,
    services,
    parameters,
    ruleTests,
    calendar,
    boundaries,
    contentHash: hash.digest('hex'),
  };
}

/**
 * A pack file's text; refused when it is not UTF-8 (a file saved as GBK would otherwise load as
 * mojibake). The BOM is kept, as reading with 'utf8' kept it, so content hashes stay the same.
 */
function utf8Text(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error('the file is not UTF-8 text (文件不是 UTF-8 编码)');
  }
}

/** Projects name indicators and areas of the same pack: codes must exist, and be unique. */
function checkProjects(
  problems: FieldProblem[],
  file: string,
  projects: readonly PackProject[],
  indicators: readonly Indicator[],
  areas: readonly Area[],
): void {
  unique(
    problems,
    file,
    projects.map((p) => p.code),
  );
  const indicatorCodes = new Set(indicators.map((i) => i.code));
  const areaCodes = new Set(areas.filter((a) => a.kind !== 'city').map((a) => a.code));
  for (const p of projects) {
    for (const code of p.indicators) {
      if (!indicatorCodes.has(code))
        problems.push({
          field: `${file}:${p.code}.indicators`,
          zh: `未知指标 ${code}`,
          en: `unknown indicator ${code}`,
        });
    }
    if (p.districtCode !== null && !areaCodes.has(p.districtCode))
      problems.push({
        field: `${file}:${p.code}.districtCode`,
        zh: `未知区（市）县 ${p.districtCode}`,
        en: `unknown district ${p.districtCode}`,
      });
  }
}

/** The `.yaml` files of a pack folder, as paths relative to the pack, in name order (stable hash). */
async function yamlFilesIn(dir: string, folder: string, problems: FieldProblem[]): Promise<string[]> {
  try {
    const names = await readdir(join(dir, folder));
    return names
      .filter((n) => n.endsWith('.yaml'))
      .sort()
      .map((n) => `${folder}/${n}`);
  } catch (e) {
    problems.push({
      field: folder,
      zh: `无法读取目录：${(e as Error).message}`,
      en: `cannot read the folder: ${(e as Error).message}`,
    });
    return [];
  }
}

/**
 * What the catalog's schemas cannot see: the entitlement validator's checks (facts exist and are
 * compared with values of their kind, parameters exist and have a value on every rule date, codes
 * unique), and that every rule test is for a service of the catalog.
 */
function checkCatalog(
  problems: FieldProblem[],
  files: { services?: string; ruleTests?: string },
  services: readonly Service[],
  parameters: readonly Parameter[],
  ruleTests: readonly RuleTest[],
  areas: readonly Area[],
): void {
  // Rules may name districts and functional zones (person.residenceDistrict), not the city itself.
  const districtCodes = areas.filter((a) => a.kind !== 'city').map((a) => a.code);
  for (const p of validateCatalog(services, parameters, districtCodes))
    problems.push({ ...p, field: `${files.services ?? 'services'}:${p.field}` });
  const serviceCodes = new Set(services.map((s) => s.code));
  for (const t of ruleTests) {
    if (!serviceCodes.has(t.service))
      problems.push({
        field: `${files.ruleTests ?? 'rule-tests'}:${t.name}.service`,
        zh: `未知服务 ${t.service}`,
        en: `unknown service ${t.service}`,
      });
  }
}

function entries<T>(file: string, data: unknown, schema: z.ZodType<T>, problems: FieldProblem[]): T[] {
  if (data === undefined) return []; // unreadable: already reported
  if (!Array.isArray(data)) {
    problems.push({ field: file, zh: '应为条目列表', en: 'expected a list of entries' });
    return [];
  }
  const out: T[] = [];
  data.forEach((item, i) => {
    const r = schema.safeParse(item);
    const named = item as { code?: string; name?: string; year?: number } | null;
    const code = named?.code ?? named?.name ?? named?.year ?? `#${i + 1}`;
    if (r.success) out.push(r.data);
    else collect(problems, `${file}:${code}`, r.error);
  });
  return out;
}

function collect(problems: FieldProblem[], where: string, error: z.ZodError): void {
  for (const issue of error.issues) {
    const field = `${where}.${issue.path.join('.')}`;
    problems.push({ field, zh: issue.message, en: issue.message });
  }
}

function unique(problems: FieldProblem[], where: string, codes: string[]): void {
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) problems.push({ field: `${where}:${c}`, zh: '代码重复', en: 'duplicate code' });
    seen.add(c);
  }
}

function packError(dir: string, problems: FieldProblem[]): FuwuError {
  const lines = problems.map((p) => `${p.field}: ${p.en}`).join('\n');
  return new FuwuError(
    'pack_invalid',
    `规划包无效（${dir}），共 ${problems.length} 处问题`,
    `invalid plan pack at ${dir} (${problems.length} problems):\n${lines}`,
    problems,
  );
}
