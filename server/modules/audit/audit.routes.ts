/**
 * The audit viewer's routes (permission `audit.read`: AUDITOR ledger-wide, ORG_HEAD within their scope). Every
 * route appends one `audit.viewed` ledger event.
 *
 * - GET  /api/audit/events                    the ledger, newest first, filtered and paged on the server
 * - GET  /api/audit/events/export.xlsx        the same list with the same filters as .xlsx (fresh login;
 *                                             one `audit.exported` event instead of `audit.viewed`)
 * - GET  /api/audit/actors?q=                 accounts for the actor filter
 * - GET  /api/audit/people/:id/history        one person's record: edits, posts, kinship, views, file access
 * - GET  /api/audit/people/:id/views          who viewed the dossier, and why
 * - POST /api/audit/verify                    runs the ledger verifier now (stored checkpoints, pinned key)
 * - GET  /api/audit/checkpoints               signed checkpoints, newest first
 * - GET  /api/audit/checkpoints/export.xlsx   that list as .xlsx (fresh login, one ledger event)
 * - GET  /api/audit/checkpoints/:treeSize     one checkpoint as a JSON attachment (to hand to the discipline office)
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AuditActorOptionSchema,
  AuditEventSchema,
  AuditPageQuerySchema,
  CheckpointSummarySchema,
  DossierViewsSchema,
  ExportAuditEventsQuerySchema,
  ListAuditActorsQuerySchema,
  ListAuditEventsQuerySchema,
  PersonHistorySchema,
  TreeSizeParamsSchema,
  VerifyVerdictSchema,
} from '../../../contracts/audit.ts';
import { IdParamsSchema, PageSchema } from '../../../contracts/common.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import { chinaDateText, sendXlsx } from '../../platform/export-file.ts';
import * as audit from './audit.service.ts';
import { exportCheckpointsXlsx } from './audit.list-export.ts';

export async function auditRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['audit'];
  const config = { policy: policy.permission('audit.read') };
  const ctx = (request: Parameters<typeof requireActor>[0]) => ({ ...deps, actor: requireActor(request) });

  r.get('/api/audit/events', { schema: { tags, querystring: ListAuditEventsQuerySchema, response: { 200: PageSchema(AuditEventSchema) } }, config }, async (request) =>
    audit.listAuditEvents(ctx(request), request.query),
  );

  r.get(
    '/api/audit/events/export.xlsx',
    { schema: { tags, querystring: ExportAuditEventsQuerySchema }, config: { ...config, rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const c = ctx(request);
      const out = await audit.exportAuditEventsXlsx(c, request.query);
      request.log.info({ event: 'audit_exported', user: c.actor.userId, rows: out.rowCount }, 'audit list exported');
      return sendXlsx(reply, out.fileName, `audit-events-${chinaDateText(deps.clock.now())}.xlsx`, out.buffer);
    },
  );

  r.get('/api/audit/actors', { schema: { tags, querystring: ListAuditActorsQuerySchema, response: { 200: Type.Object({ items: Type.Array(AuditActorOptionSchema) }) } }, config }, async (request) => ({
    items: await audit.searchAuditActors(ctx(request), request.query.q),
  }));

  r.get('/api/audit/people/:id/history', { schema: { tags, params: IdParamsSchema, querystring: AuditPageQuerySchema, response: { 200: PersonHistorySchema } }, config }, async (request) =>
    audit.getPersonHistory(ctx(request), request.params.id, request.query),
  );

  r.get('/api/audit/people/:id/views', { schema: { tags, params: IdParamsSchema, querystring: AuditPageQuerySchema, response: { 200: DossierViewsSchema } }, config }, async (request) =>
    audit.listPersonViews(ctx(request), request.params.id, request.query),
  );

  r.post('/api/audit/verify', { schema: { tags, response: { 200: VerifyVerdictSchema } }, config: { ...config, rateLimit: { max: 10, timeWindow: 60_000 } } }, async (request) =>
    audit.verifyLedgerNow(ctx(request)),
  );

  r.get('/api/audit/checkpoints/export.xlsx', { schema: { tags, querystring: AuditPageQuerySchema }, config: { ...config, rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const out = await exportCheckpointsXlsx(ctx(request), request.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/audit/checkpoints', { schema: { tags, querystring: AuditPageQuerySchema, response: { 200: PageSchema(CheckpointSummarySchema) } }, config }, async (request) =>
    audit.listLedgerCheckpoints(ctx(request), request.query),
  );

  r.get('/api/audit/checkpoints/:treeSize', { schema: { tags, params: TreeSizeParamsSchema }, config }, async (request, reply) => {
    const { fileName, body } = await audit.exportLedgerCheckpoint(ctx(request), request.params.treeSize);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .send(`${JSON.stringify(body, null, 2)}\n`);
  });
}
