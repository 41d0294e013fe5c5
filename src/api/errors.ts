/**
 * One error body for every failure: `{ code, zh, en, problems }`. FuwuErrors carry their own words;
 * schema validation failures name the field and the reason; anything else is a 500 that says
 * nothing about internals (the log has the detail).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, FieldProblem } from '../domain/shared/errors.ts';
import { FuwuError } from '../domain/shared/errors.ts';
import { schemaReasonZh } from './schema-error-text.ts';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  import_rejected: 422,
  pack_invalid: 422,
  schema_too_new: 500,
  locked: 423,
  rate_limited: 429,
};

export interface ErrorBody {
  code: string;
  zh: string;
  en: string;
  problems: FieldProblem[];
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof FuwuError) {
      const body: ErrorBody = { code: error.code, zh: error.zh, en: error.message, problems: error.problems };
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(HTTP_STATUS[error.code]).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as { validationContext?: string }).validationContext ?? 'body';
      const problems: FieldProblem[] = error.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replaceAll('/', '.') || where;
        const zh = schemaReasonZh(v.keyword, v.params as Record<string, unknown>, v.message);
        return { field, zh, en: v.message ?? zh };
      });
      const body: ErrorBody = {
        code: 'invalid_input',
        zh: problems.map((p) => `${p.field}：${p.zh}`).join('；'),
        en: problems.map((p) => `${p.field}: ${p.en}`).join('; '),
        problems,
      };
      return reply.status(400).send(body);
    }
    if (error.statusCode && error.statusCode < 500) {
      const body: ErrorBody = {
        code: 'invalid_input',
        zh: `请求无效：${error.message}`,
        en: `bad request: ${error.message}`,
        problems: [],
      };
      return reply.status(error.statusCode).send(body);
    }
    request.log.error(error);
    const body: ErrorBody = {
      code: 'internal',
      zh: '服务器内部错误，请稍后重试',
      en: 'internal server error; please try again',
      problems: [],
    };
    return reply.status(500).send(body);
  });
}

export function notFoundBody(url: string): ErrorBody {
  return { code: 'not_found', zh: `未找到：${url}`, en: `not found: ${url}`, problems: [] };
}
