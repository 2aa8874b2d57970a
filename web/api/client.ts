import type { ErrorCode, FieldError } from '../../contracts/errors.ts';
import { ERROR_CODES } from '../../contracts/errors.ts';
import i18n, { getLocale } from '../i18n/index.ts';

/** An error answered by the API (`{ code, message, fields? }`, contracts/errors.ts) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly fields: FieldError[];

  constructor(status: number, code: ErrorCode, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Hooks the React app installs so this module can ask for a login or a password without importing React. */
export type AuthHandlers = {
  /** the session is gone (401 UNAUTHENTICATED / SESSION_EXPIRED): go to /login?next=… */
  onSessionLost: (code: ErrorCode, opts: { silent: boolean }) => void;
  /** step-up authentication (401 REAUTH_REQUIRED): resolve true once POST /api/auth/reauth succeeded */
  reauthenticate: () => Promise<boolean>;
};

let handlers: AuthHandlers | null = null;
let pendingReauth: Promise<boolean> | null = null;

export function configureAuthHandlers(next: AuthHandlers | null): void {
  handlers = next;
}

export type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** do not redirect to /login on 401 (login page, bootstrap check of the session) */
  noAuthRedirect?: boolean;
  /** redirect on 401 but without the "session expired" message (first visit without a session) */
  silentAuthRedirect?: boolean;
  /** do not open the re-login modal on 401 REAUTH_REQUIRED */
  noReauth?: boolean;
};

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function toErrorCode(value: unknown): ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value) ? (value as ErrorCode) : 'INTERNAL';
}

function isFieldError(value: unknown): value is FieldError {
  return typeof value === 'object' && value !== null && typeof (value as FieldError).field === 'string' && typeof (value as FieldError).message === 'string';
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return apiErrorFromBody(response.status, body);
}

/** The ApiError for an error status and its parsed JSON body (also used by XMLHttpRequest uploads). */
export function apiErrorFromBody(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'message' in body) {
    const b = body as { code?: unknown; message?: unknown; fields?: unknown };
    const fields = Array.isArray(b.fields) ? b.fields.filter(isFieldError) : [];
    return new ApiError(status, toErrorCode(b.code), typeof b.message === 'string' ? b.message : i18n.t('common.unknownError'), fields);
  }
  const code: ErrorCode = status === 401 ? 'UNAUTHENTICATED' : status === 404 ? 'NOT_FOUND' : status === 403 ? 'FORBIDDEN' : 'INTERNAL';
  return new ApiError(status, code, status === 0 ? i18n.t('common.networkError') : i18n.t('common.unknownError'));
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLocale() };
  const init: RequestInit = { method: options.method ?? 'GET', credentials: 'same-origin', headers, signal: options.signal };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  try {
    return await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'INTERNAL', i18n.t('common.networkError'));
  }
}

function reauthenticateOnce(): Promise<boolean> {
  if (!handlers) return Promise.resolve(false);
  if (!pendingReauth) {
    pendingReauth = handlers.reauthenticate().finally(() => {
      pendingReauth = null;
    });
  }
  return pendingReauth;
}

/** The one fetch of the web app: JSON in and out, same-origin cookies, errors thrown as ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options);
  if (response.status === 401) {
    const error = await toApiError(response);
    if (error.code === 'REAUTH_REQUIRED' && !options.noReauth) {
      const ok = await reauthenticateOnce();
      if (!ok) throw error;
      response = await send(path, options);
      if (!response.ok) throw await handleFailure(response, options);
      return parseBody<T>(response);
    }
    throw raiseSessionLost(error, options);
  }
  if (!response.ok) throw await handleFailure(response, options);
  return parseBody<T>(response);
}

function raiseSessionLost(error: ApiError, options: RequestOptions): ApiError {
  if ((error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') && !options.noAuthRedirect) {
    handlers?.onSessionLost(error.code, { silent: Boolean(options.silentAuthRedirect) });
  }
  return error;
}

async function handleFailure(response: Response, options: RequestOptions): Promise<ApiError> {
  const error = await toApiError(response);
  return response.status === 401 ? raiseSessionLost(error, options) : error;
}

async function parseBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'INTERNAL', i18n.t('common.unknownError'));
  }
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, options: Omit<RequestOptions, 'method' | 'query' | 'body'> = {}) =>
    request<T>(path, { ...options, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...options, method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...options, method: 'PUT', body: body ?? {} }),
  patch: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...options, method: 'PATCH', body: body ?? {} }),
};

/**
 * For requests that do not go through `request` (XMLHttpRequest uploads): a 401 that means the session is gone
 * sends the user to /login?next=…, like every other call. Returns the error to throw.
 */
export function reportSessionLost(error: ApiError): ApiError {
  return error.status === 401 ? raiseSessionLost(error, {}) : error;
}

/** A downloaded file: the body and the name the server gave it (Content-Disposition), if any. */
export type DownloadedFile = { blob: Blob; fileName: string | null };

/** The file name of `Content-Disposition`: RFC 5987 `filename*=UTF-8''…` first, then the plain `filename="…"`. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
    } catch {
      // a malformed percent-encoding: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;\s]+)/i.exec(header);
  if (!plain) return null;
  const value = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1];
  return value ? value : null;
}

/**
 * A file download (GET): same cookies and error handling as `request`, including the re-login modal for
 * 401 REAUTH_REQUIRED followed by one retry. The caller saves the blob.
 */
export async function requestBlob(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<DownloadedFile> {
  const get: RequestOptions = { ...options, method: 'GET' };
  let response = await send(path, get);
  if (response.status === 401) {
    const error = await toApiError(response);
    if (error.code !== 'REAUTH_REQUIRED' || options.noReauth) throw raiseSessionLost(error, get);
    const ok = await reauthenticateOnce();
    if (!ok) throw error;
    response = await send(path, get);
  }
  if (!response.ok) throw await handleFailure(response, get);
  const fileName = fileNameFromDisposition(response.headers.get('content-disposition'));
  try {
    return { blob: await response.blob(), fileName };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'INTERNAL', i18n.t('common.networkError'));
  }
}

/** The text to show for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return i18n.t('common.unknownError');
}
