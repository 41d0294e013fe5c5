/** What a failed background run (a timer, a job worker round) logs: the error code and message, never the stack of a user's data. */
import { FuwuError } from '../domain/shared/errors.ts';

export function errorFields(e: unknown): { errorCode: string; error: string } {
  if (e instanceof FuwuError) return { errorCode: e.code, error: e.message };
  return { errorCode: 'internal', error: e instanceof Error ? e.message : String(e) };
}
