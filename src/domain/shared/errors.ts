/**
 * Errors with a stable `code`, the field at fault, and a message in Chinese and English.
 * The API maps codes to HTTP statuses; messages are public, so they say what was expected
 * and what was received, never internals.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'import_rejected'
  | 'schema_too_new'
  | 'pack_invalid'
  | 'locked'
  | 'rate_limited';

export interface FieldProblem {
  /** Dotted path of the field at fault, e.g. `value` or `rows[3].year`. */
  field: string;
  zh: string;
  en: string;
  /** 1-based row number in an imported file (header is row 1), when the problem is in a file. */
  row?: number;
}

export class FuwuError extends Error {
  readonly code: ErrorCode;
  readonly zh: string;
  readonly problems: FieldProblem[];
  /** Seconds until trying again may succeed (a lock-out, a rate limit); the API sends it as Retry-After. */
  retryAfterSeconds?: number;

  constructor(code: ErrorCode, zh: string, en: string, problems: FieldProblem[] = []) {
    super(en);
    this.name = 'FuwuError';
    this.code = code;
    this.zh = zh;
    this.problems = problems;
  }
}

/** One field is wrong: say which, and why, in both languages. */
export function invalidField(field: string, zh: string, en: string): FuwuError {
  return new FuwuError('invalid_input', `${field}：${zh}`, `${field}: ${en}`, [{ field, zh, en }]);
}

export function notFound(what: string, whatZh: string, id: string): FuwuError {
  return new FuwuError('not_found', `未找到${whatZh}：${id}`, `${what} not found: ${id}`);
}

/** Too many attempts: refused for now, with when to try again. */
export function tooManyAttempts(
  code: 'rate_limited' | 'locked',
  zh: string,
  en: string,
  retryAfterSeconds: number,
): FuwuError {
  const e = new FuwuError(code, zh, en);
  e.retryAfterSeconds = retryAfterSeconds;
  return e;
}
