/**
 * 干部人事档案查阅 routes (SECURITY.md §5.4).
 *
 * - POST /api/archive/requests                  ask for a person's full file (archive.request; subject in people.read scope)
 * - GET  /api/archive/requests?box=mine|toApprove  the caller's requests, or the approver's inbox
 * - POST /api/archive/requests/:id/approve      {validFrom, validTo (≤ 30 days), note?} (archive.approve, by authority)
 * - POST /api/archive/requests/:id/reject       {note}
 * - POST /api/archive/requests/:id/revoke       {note?} (the approver or the requester)
 * - GET  /api/archive/requests/:id/dossier      the full file: requester only, approved, in its window, fresh login;
 *                                               one `archive.viewed` ledger event per view
 * - GET  /api/archive/requests/export.xlsx      either box as .xlsx (same filters as the list; fresh login; ledger event)
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApproveArchiveRequestSchema,
  ArchiveDossierSchema,
  ArchiveRequestSchema,
  CreateArchiveRequestSchema,
  ListArchiveRequestsQuerySchema,
  RejectArchiveRequestSchema,
  RevokeArchiveRequestSchema,
} from '../../../contracts/archive.ts';
import { IdParamsSchema, PageSchema } from '../../../contracts/common.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import { sendXlsx } from '../../platform/export-file.ts';
import { exportArchiveRequestsXlsx } from './archive.export.ts';
import * as archive from './archive.service.ts';

const ExportArchiveRequestsQuerySchema = Type.Omit(ListArchiveRequestsQuerySchema, ['page', 'pageSize']);

export async function archiveRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['archive'];
  const ctx = (request: Parameters<typeof requireActor>[0]) => ({ ...deps, actor: requireActor(request) });

  r.post('/api/archive/requests', { schema: { tags, body: CreateArchiveRequestSchema, response: { 200: ArchiveRequestSchema } }, config: { policy: policy.permission('archive.request') } }, async (request) =>
    archive.createArchiveRequest(ctx(request), request.body),
  );

  // Requesters and approvers share the list; the service checks the permission of the box asked for.
  r.get('/api/archive/requests', { schema: { tags, querystring: ListArchiveRequestsQuerySchema, response: { 200: PageSchema(ArchiveRequestSchema) } }, config: { policy: policy.authenticated() } }, async (request) =>
    archive.listArchiveRequests(ctx(request), request.query),
  );

  // Either box as .xlsx, same filters and scope as the list; fresh login; one ledger event.
  r.get(
    '/api/archive/requests/export.xlsx',
    { schema: { tags, querystring: ExportArchiveRequestsQuerySchema }, config: { policy: policy.authenticated(), rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const out = await exportArchiveRequestsXlsx(ctx(request), request.query);
      return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
    },
  );

  r.post(
    '/api/archive/requests/:id/approve',
    { schema: { tags, params: IdParamsSchema, body: ApproveArchiveRequestSchema, response: { 200: ArchiveRequestSchema } }, config: { policy: policy.permission('archive.approve') } },
    async (request) => archive.approveArchiveRequest(ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/archive/requests/:id/reject',
    { schema: { tags, params: IdParamsSchema, body: RejectArchiveRequestSchema, response: { 200: ArchiveRequestSchema } }, config: { policy: policy.permission('archive.approve') } },
    async (request) => archive.rejectArchiveRequest(ctx(request), request.params.id, request.body),
  );

  // The approver or the requester: the service checks which one the caller is.
  r.post(
    '/api/archive/requests/:id/revoke',
    { schema: { tags, params: IdParamsSchema, body: RevokeArchiveRequestSchema, response: { 200: ArchiveRequestSchema } }, config: { policy: policy.authenticated() } },
    async (request) => archive.revokeArchiveRequest(ctx(request), request.params.id, request.body),
  );

  r.get(
    '/api/archive/requests/:id/dossier',
    { schema: { tags, params: IdParamsSchema, response: { 200: ArchiveDossierSchema } }, config: { policy: policy.permission('archive.request'), rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request) => archive.viewArchiveDossier(ctx(request), request.params.id),
  );
}
