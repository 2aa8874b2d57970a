/**
 * Application errors. Every error body is `{ code, message, fields? }` (contracts/errors.ts); messages exist in
 * Chinese and English and are chosen by the request's language. Anything that is not an AppError becomes a
 * generic 500 with no detail (SECURITY.md item 28).
 */
import type { ErrorCode } from '../../contracts/errors.ts';

export type Text = { zh: string; en: string };
export type LocalisedFieldError = { field: string; message: Text };

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  WEAK_PASSWORD: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  REAUTH_REQUIRED: 401,
  BAD_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FILE: 415,
  ALREADY_IMPORTED: 409,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly text: Text,
    readonly fields: LocalisedFieldError[] = [],
  ) {
    super(text.en);
    this.status = STATUS[code];
  }
}

export const notFound = (what: Text = { zh: '记录', en: 'record' }) =>
  new AppError('NOT_FOUND', { zh: `未找到该${what.zh}，或您无权查看`, en: `The ${what.en} was not found or you may not view it` });

export const forbidden = () => new AppError('FORBIDDEN', { zh: '您没有执行此操作的权限', en: 'You are not allowed to do this' });

export const unauthenticated = () => new AppError('UNAUTHENTICATED', { zh: '请先登录', en: 'Please log in' });

export const conflict = (text: Text) => new AppError('CONFLICT', text);

export const badRequest = (text: Text) => new AppError('BAD_REQUEST', text);

/** One or more field errors; the top message names the first field. */
export function validationError(fields: LocalisedFieldError[]): AppError {
  const first = fields[0];
  return new AppError('VALIDATION', first ? first.message : { zh: '输入有误', en: 'Invalid input' }, fields);
}

export function fieldError(field: string, zh: string, en: string): AppError {
  return validationError([{ field, message: { zh, en } }]);
}

export type Locale = 'zh-CN' | 'en';

export function pickText(text: Text, locale: Locale): string {
  return locale === 'en' ? text.en : text.zh;
}

/** Accept-Language → our locale; Chinese unless English is asked for first. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  return /^\s*en\b/i.test(header) ? 'en' : 'zh-CN';
}
