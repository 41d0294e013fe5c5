/**
 * Townships and communities from the division tables (CSV rows), checked against the districts:
 * codes nest (a township's code starts with its district's, a community's with its township's), every
 * parent exists, no code repeats, and each township's stated community count is what the table holds.
 */
import type { SubArea } from './pack.schema.ts';
import type { FieldProblem } from '../shared/errors.ts';

const TOWNSHIP_TYPES = ['subdistrict', 'town'] as const;
const COMMUNITY_TYPES = ['community', 'village'] as const;

export function parseSubAreas(
  townshipRows: readonly (readonly string[])[],
  communityRows: readonly (readonly string[])[],
  districtCodes: ReadonlySet<string>,
  files: { townships: string; communities: string },
): { subAreas: SubArea[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const subAreas: SubArea[] = [];
  const seen = new Set<string>();
  const stated = new Map<string, number>();

  const townships = table(
    townshipRows,
    ['code', 'name', 'type', 'districtCode', 'communityCount'],
    files.townships,
    problems,
  );
  for (const { row, get } of townships) {
    const code = get('code');
    const district = get('districtCode');
    const type = get('type');
    const at = (field: string, zh: string, en: string) =>
      problems.push({ row, field: `${files.townships}:${field}`, zh, en });
    if (!/^\d{9}$/.test(code))
      at(
        'code',
        `乡镇（街道）代码应为 9 位数字，收到“${code}”`,
        `a township code has 9 digits; got "${code}"`,
      );
    else if (!districtCodes.has(district))
      at('districtCode', `未知区（市）县代码“${district}”`, `unknown district code "${district}"`);
    else if (!code.startsWith(district))
      at(
        'code',
        `代码 ${code} 不以所属区县代码 ${district} 开头`,
        `code ${code} does not start with its district ${district}`,
      );
    else if (!(TOWNSHIP_TYPES as readonly string[]).includes(type))
      at(
        'type',
        `类型应为 ${TOWNSHIP_TYPES.join('/')}，收到“${type}”`,
        `type must be ${TOWNSHIP_TYPES.join(' or ')}; got "${type}"`,
      );
    else if (seen.has(code)) at('code', `代码 ${code} 重复`, `code ${code} repeats`);
    else {
      seen.add(code);
      stated.set(code, Number(get('communityCount')));
      subAreas.push({
        code,
        name: get('name'),
        kind: 'township',
        type: type as SubArea['type'],
        parent: district,
        districtCode: district,
      });
    }
  }

  const held = new Map<string, number>();
  const communities = table(
    communityRows,
    ['code', 'name', 'type', 'townshipCode', 'districtCode'],
    files.communities,
    problems,
  );
  for (const { row, get } of communities) {
    const code = get('code');
    const township = get('townshipCode');
    const type = get('type');
    const at = (field: string, zh: string, en: string) =>
      problems.push({ row, field: `${files.communities}:${field}`, zh, en });
    if (!/^\d{12}$/.test(code))
      at(
        'code',
        `社区（村）代码应为 12 位数字，收到“${code}”`,
        `a community code has 12 digits; got "${code}"`,
      );
    else if (!stated.has(township))
      at('townshipCode', `未知乡镇（街道）代码“${township}”`, `unknown township code "${township}"`);
    else if (!code.startsWith(township))
      at(
        'code',
        `代码 ${code} 不以所属乡镇代码 ${township} 开头`,
        `code ${code} does not start with its township ${township}`,
      );
    else if (!(COMMUNITY_TYPES as readonly string[]).includes(type))
      at(
        'type',
        `类型应为 ${COMMUNITY_TYPES.join('/')}，收到“${type}”`,
        `type must be ${COMMUNITY_TYPES.join(' or ')}; got "${type}"`,
      );
    else if (seen.has(code)) at('code', `代码 ${code} 重复`, `code ${code} repeats`);
    else {
      seen.add(code);
      held.set(township, (held.get(township) ?? 0) + 1);
      subAreas.push({
        code,
        name: get('name'),
        kind: 'community',
        type: type as SubArea['type'],
        parent: township,
        districtCode: township.slice(0, 6),
      });
    }
  }

  for (const [township, n] of stated) {
    const actual = held.get(township) ?? 0;
    if (Number.isFinite(n) && n !== actual) {
      problems.push({
        field: `${files.townships}:${township}.communityCount`,
        zh: `写明有 ${n} 个社区（村），社区表中有 ${actual} 个`,
        en: `states ${n} communities, the community table holds ${actual}`,
      });
    }
  }
  return { subAreas, problems };
}

/** Rows after the header as lookups by column name; a missing column is one problem on row 1. */
function table(
  rows: readonly (readonly string[])[],
  columns: readonly string[],
  file: string,
  problems: FieldProblem[],
): Array<{ row: number; get: (column: string) => string }> {
  const header = (rows[0] ?? []).map((h) => h.trim());
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    problems.push({
      row: 1,
      field: file,
      zh: `缺少列：${missing.join('、')}`,
      en: `missing columns: ${missing.join(', ')}`,
    });
    return [];
  }
  const index = new Map(header.map((h, i) => [h, i]));
  return rows
    .slice(1)
    .flatMap((cells, i) =>
      cells.every((c) => c.trim() === '')
        ? []
        : [{ row: i + 2, get: (c: string) => (cells[index.get(c) as number] ?? '').trim() }],
    );
}
