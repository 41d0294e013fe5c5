/**
 * The one way the browser talks to the API: same-origin fetch with the session cookie, the CSRF
 * header on every write, and every failure turned into an `ApiError` carrying the API's
 * bilingual message and field problems (docs/api.md, Conventions).
 */
import type { Text } from './i18n.ts';

export interface Problem extends Text {
  field: string;
  /** 1-based row in an imported file (header is row 1). */
  row?: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly problems: Problem[];

  constructor(status: number, code: string, text: Text, problems: Problem[] = []) {
    super(text.en);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.zh = text.zh;
    this.en = text.en;
    this.problems = problems;
  }

  /** The problems that name `field` (exactly, or as the head of a dotted path). */
  problemsFor(field: string): Problem[] {
    return this.problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`));
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remember the token `GET/POST /api/session` returned; writes send it as `x-fuwu-csrf`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request comes back 401 (the session ended): the app shows the sign-in page. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-fuwu-csrf'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body; // the browser sets the multipart boundary
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', {
      zh: '无法连接服务器，请稍后重试。',
      en: 'Could not reach the server. Please try again.',
    });
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const error = toApiError(response.status, data);
    if (response.status === 401 && path !== '/api/session') onUnauthenticated?.();
    throw error;
  }
  return data as T;
}

function toApiError(status: number, data: unknown): ApiError {
  if (data && typeof data === 'object') {
    const d = data as Partial<{ code: string; zh: string; en: string; message: string; problems: Problem[] }>;
    if (typeof d.zh === 'string' && typeof d.en === 'string') {
      return new ApiError(
        status,
        d.code ?? 'error',
        { zh: d.zh, en: d.en },
        Array.isArray(d.problems) ? d.problems : [],
      );
    }
    if (typeof d.message === 'string') {
      return new ApiError(status, d.code ?? 'error', { zh: d.message, en: d.message });
    }
  }
  return new ApiError(status, 'unexpected', {
    zh: `服务器错误（HTTP ${status}）。`,
    en: `Server error (HTTP ${status}).`,
  });
}

/** Any failure as an ApiError: API errors as they are, anything else (a bug, a thrown value) with `text`. */
export function asApiError(err: unknown, text: Text): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'unexpected', text);
}

/** Build `path?k=v&…`, leaving out undefined values. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
