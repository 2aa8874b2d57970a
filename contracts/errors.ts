/** The closed set of error codes; bodies are `{ code, message, fields? }` with messages in the caller's language. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'REAUTH_REQUIRED',
  'FORBIDDEN',
  'CSRF',
  'NOT_FOUND',
  'CONFLICT',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'BAD_CREDENTIALS',
  'WEAK_PASSWORD',
  'ILLEGAL_TRANSITION',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_FILE',
  'ALREADY_IMPORTED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type FieldError = { field: string; message: string };
export type ErrorBody = { code: ErrorCode; message: string; fields?: FieldError[] };
