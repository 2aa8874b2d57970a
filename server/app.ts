/**
 * buildApp(deps): platform plugins + every module. Tests call it with a test database and a fake clock.
 *
 * Surfaces (SECURITY.md §0): `internal` serves the cadre platform; `public` serves only the public pages and
 * APIs (rater and citizen pages, Open311) so it can run as a separate process on the internet-facing side;
 * `all` serves both (the embedded default).
 */
import { configureGroupCommit } from './platform/group-commit.ts';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppDeps } from './platform/deps.ts';
import { AppError } from './platform/errors.ts';
import { assertRoutePolicy, registerErrorHandler, registerPolicyPoint } from './platform/http.ts';
import { loggerOptions } from './platform/logger.ts';
import { policy, type RoutePolicy } from './platform/policy.ts';
import { authenticate } from './modules/auth/auth.service.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { orgRoutes } from './modules/org/index.ts';
import { peopleRoutes } from './modules/people/index.ts';
import { userRoutes } from './modules/users/index.ts';
import { transferRoutes } from './modules/transfer/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { archiveRoutes } from './modules/archive/index.ts';
import { povertyRoutes } from './modules/poverty/index.ts';
import { integrityRoutes } from './modules/integrity/index.ts';
import { analysisRoutes } from './modules/analysis/index.ts';
import { evaluationPublicRoutes, evaluationRoutes } from './modules/evaluation/index.ts';
import { judgmentRoutes } from './modules/judgment/index.ts';
import { calendarRoutes } from './platform/calendar/index.ts';
import { o2oPublicRoutes, o2oRoutes } from './modules/o2o/index.ts';
import { groupsRoutes } from './modules/groups/index.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { PUBLIC_PAGE_PREFIXES } from './public-pages.ts';

export type BuildAppOptions = {
  logger?: FastifyServerOptions['logger'];
  /** serve web/dist (off in API tests) */
  serveWeb?: boolean;
};

export type RouteInfo = { method: string; url: string; policy: string };

export type BellwetherApp = FastifyInstance & { routeInventory: RouteInfo[] };

export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<BellwetherApp> {
  const { config } = deps;
  configureGroupCommit(deps.db, config.groupCommitMaxBatch);
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  });

  const inventory: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const cfg: { policy?: RoutePolicy } = route.config ?? {};
    if (!cfg.policy) {
      // Routes registered by documentation and static plugins are public by nature; everything else must declare.
      if (route.url.startsWith('/api/docs')) cfg.policy = policy.public('OpenAPI documentation');
      else if (!route.url.startsWith('/api') && !route.url.startsWith('/open311')) cfg.policy = policy.public('web application assets');
      route.config = cfg;
    }
    assertRoutePolicy(route);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') inventory.push({ method: m, url: route.url, policy: describePolicy(cfg.policy!) });
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd's CSS-in-JS inserts <style> elements
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.publicOrigin?.startsWith('https://') ? { maxAge: 31536000 } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED', { zh: '请求过于频繁，请一分钟后再试', en: 'Too many requests; try again in a minute' }),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Bellwether 领头羊 API', version: '0.1.0', description: 'Internal API of the county organisation-department platform. Every route states its policy.' },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerPolicyPoint(app, { config, authenticate: (token) => authenticate(deps, token) });
  registerErrorHandler(app);

  await app.register(async (scope) => healthRoutes(scope, deps));
  // Public routes (no login) run on every surface, including BELLWETHER_SURFACE=public.
  await app.register(async (scope) => evaluationPublicRoutes(scope, deps));
  await app.register(async (scope) => o2oPublicRoutes(scope, deps));
  if (config.surface !== 'public') {
    await app.register(async (scope) => authRoutes(scope, deps));
    await app.register(async (scope) => orgRoutes(scope, deps));
    await app.register(async (scope) => peopleRoutes(scope, deps));
    await app.register(async (scope) => userRoutes(scope, deps));
    await app.register(async (scope) => transferRoutes(scope, deps));
    await app.register(async (scope) => auditRoutes(scope, deps));
    await app.register(async (scope) => archiveRoutes(scope, deps));
    await app.register(async (scope) => calendarRoutes(scope, deps));
    await app.register(async (scope) => o2oRoutes(scope, deps));
    await app.register(async (scope) => groupsRoutes(scope, deps));
    await app.register(async (scope) => povertyRoutes(scope, deps));
    await app.register(async (scope) => integrityRoutes(scope, deps));
    await app.register(async (scope) => analysisRoutes(scope, deps));
    await app.register(async (scope) => evaluationRoutes(scope, deps));
    await app.register(async (scope) => judgmentRoutes(scope, deps));
  }

  const webDist = config.webDist;
  const indexHtml = path.join(webDist, 'index.html');
  // Public pages (anonymous raters /r/…, citizens /c/…) are their own small entry, web/pub.html; the public
  // surface serves only that one, the internal surface only the application.
  const pubHtml = path.join(webDist, 'pub.html');
  const isPublicPage = (url: string) => PUBLIC_PAGE_PREFIXES.some((p) => url.startsWith(p));
  if ((options.serveWeb ?? true) && fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    app.get('/', { config: { policy: policy.public('web application shell') } }, (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api') || request.url.startsWith('/open311');
    if (!isApi && request.method === 'GET' && (options.serveWeb ?? true) && config.surface !== 'internal' && isPublicPage(request.url) && fs.existsSync(pubHtml)) {
      return reply.header('cache-control', 'no-cache').header('referrer-policy', 'no-referrer').type('text/html').sendFile('pub.html');
    }
    if (!isApi && request.method === 'GET' && (options.serveWeb ?? true) && config.surface !== 'public' && fs.existsSync(indexHtml)) {
      return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
    }
    const en = request.locale === 'en';
    return reply.status(404).send({ code: 'NOT_FOUND', message: en ? 'Not found' : '未找到' });
  });

  const built: BellwetherApp = Object.assign(app, { routeInventory: inventory });
  return built;
}

function describePolicy(p: RoutePolicy): string {
  switch (p.kind) {
    case 'public':
      return `public (${p.why})`;
    case 'authenticated':
      return 'authenticated';
    case 'permission':
      return `permission ${p.permission}`;
  }
}
