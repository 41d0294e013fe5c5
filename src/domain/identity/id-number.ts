/**
 * The 18-digit citizen identity number (公民身份号码) of GB 11643-1999: a 6-digit region code
 * (GB/T 2260: province, city, county), the birth date YYYYMMDD, a 3-digit sequence code whose last
 * digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character (0–9 or X = 10).
 *
 * The synthetic population (示例) gets numbers of the same shape under province code 99, which
 * GB/T 2260 does not assign: they pass every check yet can never be a real person's number.
 */
import { isIsoDate } from '../shared/dates.ts';

/** ISO 7064 MOD 11-2 weights of the first 17 digits: 2^(17-i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

/** The province code no real number uses (not assigned by GB/T 2260): fuwu's synthetic people. */
const SYNTHETIC_PROVINCE = '99';

/**
 * Province-level codes of GB/T 2260 (with 81/82 Hong Kong and Macao, 83 Taiwan residence permits),
 * and fuwu's own synthetic 99. Below that level only the shape (digits) is checked: county codes
 * change every year and a valid old number keeps its old code.
 */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
  '83', SYNTHETIC_PROVINCE,
]); // prettier-ignore

/** Numbers with birth dates before this are not accepted (no living person). */
const EARLIEST_BIRTH = '1900-01-01';

/** The check character of the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

export type IdNumberCheck = { ok: true; idNumber: string } | { ok: false; zh: string; en: string };

/** The birth date of a well-formed number, as YYYY-MM-DD. */
export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/**
 * Checks a number against GB 11643-1999 on `today` (YYYY-MM-DD; the domain reads no clock). The
 * reason names what is wrong. A lower-case x is accepted and returned upper-case; spaces are not.
 */
export function validateIdNumber(value: unknown, today: string): IdNumberCheck {
  if (typeof value !== 'string' || !/^\d{17}[\dXx]$/.test(value))
    return {
      ok: false,
      zh: '应为 18 位公民身份号码（前 17 位数字，末位为数字或 X）',
      en: 'must be an 18-character citizen identity number (17 digits, then a digit or X)',
    };
  const id = value.toUpperCase();
  if (!PROVINCES.has(id.slice(0, 2)))
    return {
      ok: false,
      zh: `前 6 位地址码的省级代码“${id.slice(0, 2)}”不存在`,
      en: `the province part "${id.slice(0, 2)}" of the 6-digit region code does not exist`,
    };
  const birth = birthDateOf(id);
  if (!isIsoDate(birth))
    return {
      ok: false,
      zh: `第 7–14 位出生日期“${id.slice(6, 14)}”不是有效日期`,
      en: `the birth date in digits 7–14 ("${id.slice(6, 14)}") is not a real date`,
    };
  if (birth > today || birth < EARLIEST_BIRTH)
    return {
      ok: false,
      zh: `出生日期 ${birth} 应在 ${EARLIEST_BIRTH} 至今天（${today}）之间`,
      en: `the birth date ${birth} must be between ${EARLIEST_BIRTH} and today (${today})`,
    };
  const expected = checkCharacter(id);
  if (id[17] !== expected)
    return {
      ok: false,
      zh: `校验码不符（第 18 位应为 ${expected}，收到 ${id[17]}），号码可能抄错`,
      en: `the check character does not match (the 18th should be ${expected}, got ${id[17]}): a digit may be mistyped`,
    };
  return { ok: true, idNumber: id };
}

/** True for a well-formed number of fuwu's synthetic population (province 99). */
export function isSyntheticIdNumber(idNumber: string): boolean {
  return (
    idNumber.length === 18 &&
    idNumber.startsWith(SYNTHETIC_PROVINCE) &&
    /^\d{17}[\dX]$/.test(idNumber) &&
    idNumber[17] === checkCharacter(idNumber)
  );
}

/** Persons numbered below this get distinct synthetic numbers whatever their birth dates. */
export const SYNTHETIC_DISTINCT_BELOW = 5_000_000;

/**
 * The synthetic number of person `index` of the population, born on `birthDate` (YYYY-MM-DD), male
 * or female: derived on demand, so the generator stores nothing per person. Region 99 + the index's
 * last 4 digits, the birth date, then the index's next 2 digits and a sex digit carrying the index's
 * millions (0–4) — distinct for indexes below SYNTHETIC_DISTINCT_BELOW; above that two people share
 * a number only if they also share birth date, sex and index modulo 5,000,000.
 */
export function syntheticIdNumber(index: number, birthDate: string, female: boolean): string {
  const q = index % SYNTHETIC_DISTINCT_BELOW;
  const region = `${SYNTHETIC_PROVINCE}${String(q % 10_000).padStart(4, '0')}`;
  const sequence = String(Math.floor(q / 10_000) % 100).padStart(2, '0');
  const sexDigit = 2 * Math.floor(q / 1_000_000) + (female ? 0 : 1);
  const first17 = `${region}${birthDate.replaceAll('-', '')}${sequence}${sexDigit}`;
  return first17 + checkCharacter(first17);
}

/**
 * The number as lists and exports show it: the first 4 and the last 4 characters, the 10 between
 * them as `*` (5101**********123X). The hidden part holds the county code and the whole birth date,
 * so a masked number tells neither age nor birthday nor exact home county, but a clerk can still
 * match it against a card held out at the counter. Anything not 18 long is masked whole.
 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length !== 18) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(10)}${idNumber.slice(14)}`;
}
