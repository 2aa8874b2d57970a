/**
 * O2O internal routes (SPEC M2). Policies: lists and details are `authenticated` and the service decides (o2o.read
 * or, for routed reports, petition.write; 403 without, 404 out of scope); each transition checks its own
 * permission and party in the service.
 *
 * - GET  /api/o2o/matters?box&status&category&urgency&unitId&code&from&to&sort&page&pageSize
 * - GET  /api/o2o/routed[/:id]                   misconduct reports routed to the discipline commission (petition.write)
 * - POST /api/o2o/routed/:id/petition             take a routed report in as a petition by hand (petition.write)
 * - POST /api/o2o/matters                         staff entry on a citizen's behalf (o2o.accept)
 * - GET  /api/o2o/matters/:id                     detail + timeline (audited read)
 * - POST /api/o2o/matters/:id/transitions         {action, reason?, text?, targetOrgUnitId?, satisfaction?, handlerFault?}
 * - POST /api/o2o/matters/bulk                    {ids, transition}
 * - POST /api/o2o/matters/:id/requester           reveal the requester (accepting/handling actors; audited)
 * - GET  /api/o2o/matters/:id/photos/:photoId     a stripped photo (o2o.read)
 * - GET  /api/o2o/export                          .xlsx (o2o.read, fresh login; audited)
 * - GET  /api/o2o/dashboard/summary|trend         rollups (o2o.read)
 * - GET|PUT /api/o2o/sla-rules[/:id], /api/o2o/templates[/:id]   read (o2o.read) / change (calendar.manage or a
 *   county-wide o2o.dispatch: o2o.config.ts canConfigureO2o; checked in the service)
 * - GET|POST /api/open311/clients, POST /api/open311/clients/:id/revoke   (open311.keys)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, IdSchema, PageSchema } from '../../../contracts/common.ts';
import {
  BulkTransitionRequestSchema,
  BulkTransitionResultSchema,
  CreatedOpen311ClientSchema,
  CreateMatterRequestSchema,
  CreateOpen311ClientSchema,
  DashboardQuerySchema,
  DashboardSummarySchema,
  DashboardTrendSchema,
  ListMattersQuerySchema,
  MatterDetailSchema,
  MatterSchema,
  Open311ClientSchema,
  PutReplyTemplateSchema,
  PutSlaRuleSchema,
  ReplyTemplateSchema,
  RequesterRevealSchema,
  SlaRuleSchema,
  SubmittedMatterSchema,
  TransitionRequestSchema,
} from '../../../contracts/o2o.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { chinaDateText, sendXlsx } from '../../platform/export-file.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import { hasPermission } from '../../platform/scope.ts';
import { forbidden } from '../../platform/errors.ts';
import { canConfigureO2o, listReplyTemplates, listSlaRules, putReplyTemplate, putSlaRule } from './o2o.config.ts';
import { getDashboardSummary, getDashboardTrend } from './o2o.dashboard.ts';
import { exportMattersXlsx, exportRoutedXlsx } from './o2o.export.ts';
import { createOpen311Client, listOpen311Clients, revokeOpen311Client } from './open311.service.ts';
import * as o2o from './o2o.service.ts';

export async function o2oRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['o2o'];
  const ctx = (request: FastifyRequest) => ({ ...deps, actor: requireActor(request) });
  r.get('/api/o2o/matters', { schema: { tags, querystring: ListMattersQuerySchema, response: { 200: PageSchema(MatterSchema) } }, config: { policy: policy.permission('o2o.read') } }, async (request) =>
    o2o.listMatters(ctx(request), { ...request.query, box: request.query.box === 'routed' ? 'all' : request.query.box }),
  );

  // Reports naming a cadre, routed out of the O2O flow: the discipline commission only.
  r.get('/api/o2o/routed/export.xlsx', { schema: { tags, querystring: ListMattersQuerySchema }, config: { policy: policy.permission('petition.write'), rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const out = await exportRoutedXlsx(ctx(request), request.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/o2o/routed', { schema: { tags, querystring: ListMattersQuerySchema, response: { 200: PageSchema(MatterSchema) } }, config: { policy: policy.permission('petition.write') } }, async (request) =>
    o2o.listMatters(ctx(request), { ...request.query, box: 'routed' }),
  );
  r.get('/api/o2o/routed/:id', { schema: { tags, params: IdParamsSchema, response: { 200: MatterDetailSchema } }, config: { policy: policy.permission('petition.write') } }, async (request) =>
    o2o.getMatter(ctx(request), request.params.id, 'routed'),
  );

  r.post('/api/o2o/routed/:id/petition', { schema: { tags, params: IdParamsSchema, response: { 200: MatterSchema } }, config: { policy: policy.permission('petition.write') } }, async (request) =>
    o2o.takeInRoutedReport(ctx(request), request.params.id),
  );

  r.post('/api/o2o/matters', { schema: { tags, body: CreateMatterRequestSchema, response: { 200: SubmittedMatterSchema } }, config: { policy: policy.permission('o2o.accept') } }, async (request) => {
    const c = ctx(request);
    const b = request.body;
    const res = await o2o.submitMatter(deps, { channel: b.channel, category: b.category, urgency: b.urgency, title: b.title, description: b.description, locationOrgUnitId: b.locationOrgUnitId, namesCadre: b.namesCadre, anonymous: b.anonymous ?? false, requesterName: b.requesterName, requesterPhone: b.requesterPhone, by: { kind: 'staff', actor: c.actor } });
    return { code: res.code, checkCode: res.checkCode, expectedDate: res.expectedDate, status: res.status };
  });

  r.post('/api/o2o/matters/bulk', { schema: { tags, body: BulkTransitionRequestSchema, response: { 200: BulkTransitionResultSchema } }, config: { policy: policy.permission('o2o.read') } }, async (request) =>
    o2o.bulkTransition(ctx(request), request.body, request.locale),
  );

  r.get('/api/o2o/matters/:id', { schema: { tags, params: IdParamsSchema, response: { 200: MatterDetailSchema } }, config: { policy: policy.permission('o2o.read') } }, async (request) =>
    o2o.getMatter(ctx(request), request.params.id, 'o2o'),
  );

  // Each action checks its own permission (o2o.accept / o2o.dispatch / o2o.handle) and party in the service.
  r.post('/api/o2o/matters/:id/transitions', { schema: { tags, params: IdParamsSchema, body: TransitionRequestSchema, response: { 200: MatterSchema } }, config: { policy: policy.permission('o2o.read') } }, async (request) =>
    o2o.transitionMatter(ctx(request), request.params.id, request.body),
  );

  r.post('/api/o2o/matters/:id/requester', { schema: { tags, params: IdParamsSchema, response: { 200: RequesterRevealSchema } }, config: { policy: policy.permission('o2o.read'), rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request) =>
    o2o.revealRequester(ctx(request), request.params.id),
  );

  r.get(
    '/api/o2o/matters/:id/photos/:photoId',
    { schema: { tags, params: Type.Object({ id: IdSchema, photoId: IdSchema }, { additionalProperties: false }) }, config: { policy: policy.permission('o2o.read') } },
    async (request, reply) => {
      const photo = await o2o.getMatterPhoto(ctx(request), request.params.id, request.params.photoId);
      return reply.header('content-type', photo.mime).header('x-content-type-options', 'nosniff').header('content-disposition', 'inline').header('cache-control', 'private, no-store').send(photo.data);
    },
  );

  r.get('/api/o2o/export', { schema: { tags, querystring: ListMattersQuerySchema }, config: { policy: policy.permission('o2o.read') } }, async (request, reply) => {
    const { buffer } = await exportMattersXlsx(ctx(request), request.query);
    const day = chinaDateText(deps.clock.now());
    return sendXlsx(reply, `群众事项-${day}.xlsx`, `o2o-matters-${day}.xlsx`, buffer);
  });

  r.get('/api/o2o/dashboard/summary', { schema: { tags, querystring: DashboardQuerySchema, response: { 200: DashboardSummarySchema } }, config: { policy: policy.permission('o2o.read') } }, async (request) =>
    getDashboardSummary(ctx(request), request.query),
  );
  r.get('/api/o2o/dashboard/trend', { schema: { tags, querystring: DashboardQuerySchema, response: { 200: DashboardTrendSchema } }, config: { policy: policy.permission('o2o.read') } }, async (request) =>
    getDashboardTrend(ctx(request), request.query),
  );

  r.get('/api/o2o/sla-rules', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(SlaRuleSchema), canEdit: Type.Boolean() }) } }, config: { policy: policy.authenticated() } }, async (request) => {
    const c = ctx(request);
    if (!hasPermission(c.actor, 'o2o.read') && !hasPermission(c.actor, 'calendar.manage')) throw forbidden();
    return { items: await listSlaRules(c), canEdit: canConfigureO2o(c.actor) };
  });
  r.put('/api/o2o/sla-rules/:id', { schema: { tags, params: IdParamsSchema, body: PutSlaRuleSchema, response: { 200: Type.Object({ items: Type.Array(SlaRuleSchema) }) } }, config: { policy: policy.authenticated() } }, async (request) => ({
    items: await putSlaRule(ctx(request), request.params.id, request.body),
  }));
  r.get('/api/o2o/templates', { schema: { tags, querystring: Type.Object({ all: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(ReplyTemplateSchema), canEdit: Type.Boolean() }) } }, config: { policy: policy.authenticated() } }, async (request) => {
    const c = ctx(request);
    if (!hasPermission(c.actor, 'o2o.read') && !hasPermission(c.actor, 'calendar.manage')) throw forbidden();
    return { items: await listReplyTemplates(c, request.query.all === true), canEdit: canConfigureO2o(c.actor) };
  });
  r.put('/api/o2o/templates/:id', { schema: { tags, params: IdParamsSchema, body: PutReplyTemplateSchema, response: { 200: ReplyTemplateSchema } }, config: { policy: policy.authenticated() } }, async (request) =>
    putReplyTemplate(ctx(request), request.params.id, request.body),
  );

  r.get('/api/open311/clients', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(Open311ClientSchema) }) } }, config: { policy: policy.permission('open311.keys') } }, async (request) => ({
    items: await listOpen311Clients(ctx(request)),
  }));
  r.post('/api/open311/clients', { schema: { tags, body: CreateOpen311ClientSchema, response: { 200: CreatedOpen311ClientSchema } }, config: { policy: policy.permission('open311.keys') } }, async (request) =>
    createOpen311Client(ctx(request), request.body.name),
  );
  r.post('/api/open311/clients/:id/revoke', { schema: { tags, params: IdParamsSchema, response: { 200: Open311ClientSchema } }, config: { policy: policy.permission('open311.keys') } }, async (request) =>
    revokeOpen311Client(ctx(request), request.params.id),
  );
}
