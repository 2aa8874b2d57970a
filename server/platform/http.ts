/**
 * HTTP platform: the policy hook (deny by default), the Origin check on state-changing requests, security
 * headers, the error handler (generic bodies, localised messages) and the session cookie.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError, forbidden, localeFromHeader, pickText, unauthenticated, validationError, type Locale } from './errors.ts';
import { hasPermission, type Actor } from './scope.ts';
import type { RoutePolicy } from './policy.ts';
import { fieldErrorsFromValidation, type AjvLikeError } from './validation-messages.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** a machine API authenticated by a key in the request (Open311 `api_key`), never by cookies: no Origin check */
    apiKeyClient?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
}

export function sessionCookieName(config: Config): string {
  return config.publicOrigin?.startsWith('https://') ? '__Host-bw_sid' : 'bw_sid';
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookieName(config), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicOrigin?.startsWith('https://') ?? false,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), { path: '/', httpOnly: true, sameSite: 'lax', secure: config.publicOrigin?.startsWith('https://') ?? false });
}

export function sessionToken(request: FastifyRequest, config: Config): string | null {
  const raw = request.cookies[sessionCookieName(config)];
  return raw && /^[A-Za-z0-9_-]{20,100}$/.test(raw) ? raw : null;
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originAllowed(request: FastifyRequest, config: Config): boolean {
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    if (config.publicOrigin) return origin === config.publicOrigin;
    return origin === `${request.protocol}://${request.host}`;
  }
  // Browsers that omit Origin still send Fetch Metadata.
  return request.headers['sec-fetch-site'] === 'same-origin';
}

export type PolicyHookOptions = {
  config: Config;
  authenticate: (token: string) => Promise<Actor>;
};

/** Installs the policy point. Must be registered before any route. */
export function registerPolicyPoint(app: FastifyInstance, options: PolicyHookOptions): void {
  const { config } = options;
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');

  app.addHook('onRequest', async (request) => {
    request.locale = localeFromHeader(request.headers['accept-language']);
    if (!SAFE_METHODS.has(request.method) && request.routeOptions.config?.apiKeyClient !== true && !originAllowed(request, config)) {
      request.log.warn({ event: 'csrf_rejected', method: request.method, url: request.routeOptions.url }, 'cross-origin state change refused');
      throw new AppError('CSRF', { zh: '请求来源校验失败，请刷新页面后重试', en: 'Request origin check failed; reload the page and try again' });
    }
    if (request.is404) return;
    let routePolicy: RoutePolicy | undefined;
    try {
      routePolicy = request.routeOptions.config.policy;
    } catch {
      routePolicy = undefined;
    }
    if (!routePolicy) throw forbidden(); // deny by default
    const token = sessionToken(request, config);
    if (routePolicy.kind === 'public') {
      // Public routes still learn who is calling when a session exists (e.g. /api/auth/me), but never require it.
      if (token) request.actor = await options.authenticate(token).catch(() => null);
      return;
    }
    if (!token) throw unauthenticated();
    request.actor = await options.authenticate(token);
    if (routePolicy.kind === 'permission') {
      let allowed = false;
      try {
        allowed = hasPermission(request.actor, routePolicy.permission);
      } catch {
        allowed = false; // fail closed
      }
      if (!allowed) {
        request.log.warn({ event: 'authz_denied', user: request.actor.userId, permission: routePolicy.permission }, 'permission denied');
        throw forbidden();
      }
    }
  });

  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
  });
}

/** Every route must carry a policy; called from onRoute so a forgotten policy stops the server from starting. */
export function assertRoutePolicy(route: { url: string; method: string | string[]; config?: { policy?: RoutePolicy } }): void {
  if (!route.config?.policy) {
    throw new Error(`route ${String(route.method)} ${route.url} declares no policy (config.policy); every route must`);
  }
}

type FastifyLikeError = Error & { statusCode?: number; code?: string; validation?: AjvLikeError[] };

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyLikeError, request, reply) => {
    const locale = request.locale;
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (error.validation) appError = validationError(fieldErrorsFromValidation(error.validation));
    else if (error.statusCode === 413) appError = new AppError('PAYLOAD_TOO_LARGE', { zh: '提交的内容过大', en: 'The request is too large' });
    else if (error.statusCode === 429) appError = new AppError('RATE_LIMITED', { zh: '请求过于频繁，请一分钟后再试', en: 'Too many requests; try again in a minute' });
    else if (error.statusCode === 415) appError = new AppError('BAD_REQUEST', { zh: '请以 JSON 格式提交', en: 'Send the request body as JSON' });
    else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) appError = new AppError('BAD_REQUEST', { zh: '请求格式不正确', en: 'The request is malformed' });
    else {
      request.log.error({ err: error }, 'unhandled error');
      appError = new AppError('INTERNAL', { zh: '服务器内部错误，请稍后再试；如持续出现请联系系统管理员', en: 'Internal error; try again later' });
    }
    if (appError.status === 401 || appError.status === 403) {
      request.log.info({ event: 'access_refused', code: appError.code, url: request.routeOptions.url }, 'access refused');
    }
    void reply.status(appError.status).send({
      code: appError.code,
      message: pickText(appError.text, locale),
      ...(appError.fields.length ? { fields: appError.fields.map((f) => ({ field: f.field, message: pickText(f.message, locale) })) } : {}),
    });
  });
}
