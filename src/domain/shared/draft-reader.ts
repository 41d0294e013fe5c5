/**
 * Reading a loosely typed draft (a form or an imported row) field by field: each reader returns the
 * value or null and records a bilingual problem naming the field, so a validator lists every fault
 * at once instead of stopping at the first.
 */
import { dateProblem } from './dates.ts';
import type { FieldProblem } from './errors.ts';

/** A value as trimmed text; null and undefined read as empty. */
export function textOf(v: unknown): string {
  return v === null || v === undefined ? '' : String(v).trim();
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A cell or form value as a number: a number as it is, text only when written in decimal. NaN
 * otherwise — `Number()` alone would read "0x68" as 104 and "Infinity" as a number.
 */
export function numberOf(v: unknown): number {
  if (typeof v === 'number') return v;
  const s = textOf(v);
  return DECIMAL.test(s) ? Number(s) : NaN;
}

export function draftReader(problems: FieldProblem[]) {
  const bad = (field: string, zh: string, en: string): void => {
    problems.push({ field, zh, en });
  };
  return {
    bad,
    text: textOf,
    /** Text up to `max` characters; empty is null. */
    optionalText(field: string, v: unknown, max: number): string | null {
      const s = textOf(v);
      if (s.length > max) bad(field, `不超过 ${max} 字`, `at most ${max} characters`);
      return s === '' ? null : s;
    },
    oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[]): T | null {
      const s = textOf(v);
      if ((allowed as readonly string[]).includes(s)) return s as T;
      bad(
        field,
        `应为 ${allowed.join('/')} 之一，收到“${s}”`,
        `must be one of ${allowed.join(', ')}; got "${s}"`,
      );
      return null;
    },
    /** A finite number, given as a number or numeric text. */
    num(field: string, v: unknown): number | null {
      const n = numberOf(v);
      if (textOf(v) === '' || !Number.isFinite(n)) {
        bad(field, `应为数字，收到“${textOf(v)}”`, `must be a number; got "${textOf(v)}"`);
        return null;
      }
      return n;
    },
    /** A real YYYY-MM-DD date. */
    date(field: string, v: unknown): string | null {
      const s = textOf(v);
      const problem = dateProblem(field, s);
      if (problem) {
        problems.push(problem);
        return null;
      }
      return s;
    },
  };
}
