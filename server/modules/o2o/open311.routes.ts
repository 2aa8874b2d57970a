/**
 * Open311 GeoReport v2 under /open311/v2 (policy public; POST needs api_key). Every resource in .json and .xml.
 * Errors are `[{code, description}]` (JSON) or `<errors><error><code/><description/></error></errors>` (XML), with
 * the HTTP status equal to the code. POST bodies are application/x-www-form-urlencoded (as the standard) or JSON.
 *
 * - GET  /open311/v2/services.{fmt}            - GET /open311/v2/services/{code}.{fmt}
 * - GET  /open311/v2/requests.{fmt}            - POST /open311/v2/requests.{fmt}
 * - GET  /open311/v2/requests/{id}.{fmt}       - GET /open311/v2/tokens/{token}.{fmt}
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { policy } from '../../platform/policy.ts';
import { getRequest, getToken, listRequests, listServices, Open311Error, postRequest, serviceDefinition, type Open311Value } from './open311.service.ts';
import { toXml } from './open311.xml.ts';

type Fmt = 'json' | 'xml';

function formatOf(raw: string): Fmt | null {
  return raw === 'json' || raw === 'xml' ? raw : null;
}

function send(reply: FastifyReply, fmt: Fmt, root: string, value: Open311Value, status = 200): FastifyReply {
  reply.status(status).header('cache-control', 'no-store');
  if (fmt === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

function sendError(reply: FastifyReply, fmt: Fmt, status: number, description: string): FastifyReply {
  return send(reply, fmt, 'errors', [{ code: status, description }], status);
}

function stringFields(input: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (input && typeof input === 'object') {
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
      if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    }
  }
  return out;
}

export async function open311Routes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => {
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of new URLSearchParams(body as string)) out[k] = v;
    done(null, out);
  });
  // Errors in this plugin answer in the Open311 format, in the format of the URL (JSON when unknown).
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const fmt: Fmt = request.url.split('?')[0]!.endsWith('.xml') ? 'xml' : 'json';
    if (error instanceof Open311Error) return sendError(reply, fmt, error.status, error.description);
    if (error instanceof AppError) return sendError(reply, fmt, error.status, error.text.en);
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'open311 error');
    return sendError(reply, fmt, status, status === 429 ? 'Too many requests; try again in a minute' : status === 413 ? 'The request is too large' : status === 500 ? 'Internal error' : 'The request is malformed');
  });

  const pub = (why: string) => ({ policy: policy.public(why) });
  const fmtOr404 = (raw: string, reply: FastifyReply): Fmt | null => {
    const fmt = formatOf(raw);
    if (!fmt) void sendError(reply, 'json', 404, 'format must be json or xml');
    return fmt;
  };
  const q = (request: FastifyRequest) => stringFields(request.query);

  app.get<{ Params: { format: string } }>('/open311/v2/services.:format', { config: { ...pub('Open311 GeoReport v2 service list'), rateLimit: { max: 120, timeWindow: 60_000 } } }, async (request, reply) => {
    const fmt = fmtOr404(request.params.format, reply);
    if (!fmt) return reply;
    return send(reply, fmt, 'services', listServices());
  });

  app.get<{ Params: { code: string; format: string } }>('/open311/v2/services/:code.:format', { config: { ...pub('Open311 GeoReport v2 service definition'), rateLimit: { max: 120, timeWindow: 60_000 } } }, async (request, reply) => {
    const fmt = fmtOr404(request.params.format, reply);
    if (!fmt) return reply;
    return send(reply, fmt, 'service_definition', await serviceDefinition(deps, request.params.code));
  });

  app.get<{ Params: { format: string } }>('/open311/v2/requests.:format', { config: { ...pub('Open311 GeoReport v2 request list (descriptions only with api_key)'), rateLimit: { max: 60, timeWindow: 60_000 } } }, async (request, reply) => {
    const fmt = fmtOr404(request.params.format, reply);
    if (!fmt) return reply;
    return send(reply, fmt, 'service_requests', await listRequests(deps, q(request)));
  });

  app.post<{ Params: { format: string } }>(
    '/open311/v2/requests.:format',
    { bodyLimit: 64 * 1024, config: { ...pub('Open311 GeoReport v2 request intake (api_key)'), apiKeyClient: true, rateLimit: { max: 60, timeWindow: 60_000 } } },
    async (request, reply) => {
      const fmt = fmtOr404(request.params.format, reply);
      if (!fmt) return reply;
      const body = { ...stringFields(request.query), ...stringFields(request.body) };
      return send(reply, fmt, 'service_requests', await postRequest(deps, body));
    },
  );

  app.get<{ Params: { id: string; format: string } }>('/open311/v2/requests/:id.:format', { config: { ...pub('Open311 GeoReport v2 one request'), rateLimit: { max: 120, timeWindow: 60_000 } } }, async (request, reply) => {
    const fmt = fmtOr404(request.params.format, reply);
    if (!fmt) return reply;
    return send(reply, fmt, 'service_requests', await getRequest(deps, request.params.id, q(request).api_key));
  });

  app.get<{ Params: { token: string; format: string } }>('/open311/v2/tokens/:token.:format', { config: { ...pub('Open311 GeoReport v2 token lookup'), rateLimit: { max: 60, timeWindow: 60_000 } } }, async (request, reply) => {
    const fmt = fmtOr404(request.params.format, reply);
    if (!fmt) return reply;
    return send(reply, fmt, 'service_requests', await getToken(deps, request.params.token));
  });
}
