import type { ApiError } from '../../../common/src/schemas/common.js';

// One fetch wrapper for the whole app: JSON in and out, the CSRF token on unsafe methods, the UI
// language as Accept-Language (so server messages come back in it), and errors as ApiRequestError.

let csrfToken = '';
let currentLocale = 'zh-CN';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}
export function setApiLocale(locale: string): void {
  currentLocale = locale;
}

export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  readonly requestId?: string;
  constructor(status: number, body: ApiError) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? {};
    this.requestId = body.requestId;
  }
}

/** Listeners told when the server says the session is gone (401), so the app can go to login. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

const BUSY_RETRIES = 15;
const BUSY_RETRY_MS = 2000;

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': currentLocale, Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  let data: any;
  // 503 'busy': the embedded database is committing a large import; nothing was written, so the
  // same request is retried for a while before the user hears about it.
  for (let attempt = 0; ; attempt++) {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const text = await res.text();
    data = text ? JSON.parse(text) : undefined;
    if (res.status !== 503 || data?.code !== 'busy' || attempt >= BUSY_RETRIES) break;
    await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
  }
  if (!res.ok) {
    const err = new ApiRequestError(res.status, data ?? { code: 'internal', message: res.statusText });
    if (res.status === 401 && path !== '/auth/login' && path !== '/auth/me') unauthorizedListeners.forEach((l) => l());
    throw err;
  }
  return data as T;
}

export const apiGet = <T>(path: string, query?: Query) => api<T>('GET', withQuery(path, query));
export const apiPost = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const apiPatch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const apiPut = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const apiDelete = <T>(path: string) => api<T>('DELETE', path);

/**
 * POSTs a file's raw bytes (`application/octet-stream`, not multipart) with query parameters, e.g. an
 * import upload; JSON back, errors as ApiRequestError like every other call.
 */
export async function apiUpload<T>(path: string, file: Blob, query?: Query): Promise<T> {
  const res = await fetch(`/api/v1${withQuery(path, query)}`, {
    method: 'POST',
    headers: {
      'Accept-Language': currentLocale,
      Accept: 'application/json',
      'Content-Type': 'application/octet-stream',
      'X-CSRF-Token': csrfToken,
    },
    body: file,
    credentials: 'same-origin',
  });
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined; // e.g. a proxy's HTML page for 413
  }
  if (!res.ok) {
    const err = new ApiRequestError(res.status, (data as ApiError | undefined) ?? { code: 'internal', message: res.statusText });
    if (res.status === 401) unauthorizedListeners.forEach((l) => l());
    throw err;
  }
  return data as T;
}
