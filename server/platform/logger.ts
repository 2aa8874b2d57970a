/**
 * Structured logs (pino, JSON lines). Never logged: passwords, session tokens, cookies, full ID numbers, phones.
 * Redaction covers known paths; request URLs never carry personal data (no ID numbers in paths or queries).
 */
import type { FastifyServerOptions } from 'fastify';

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.idNumber',
  '*.phone',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req(request: { method: string; url: string; ip?: string; routeOptions?: { url?: string } }) {
        // The route pattern, not the raw URL: query strings (search terms) stay out of the log.
        return { method: request.method, route: request.routeOptions?.url ?? request.url.split('?')[0], ip: request.ip };
      },
    },
  };
}
