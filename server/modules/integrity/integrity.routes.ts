/**
 * M6 integrity routes.
 *
 * - GET  /api/integrity/stats                       counts in scope: by status, accepted by outcome, reviews, candidates stopped at the gate
 * Conclusions (廉政结论双签):
 * - GET  /api/integrity/conclusions                 current versions in scope (read, sign or accept), paged, filtered
 * - POST /api/integrity/conclusions                 draft one (integrity.draft; subject in scope)
 * - GET  /api/integrity/conclusions/export.xlsx     the list as .xlsx (same filters and scope; fresh login; ledgered)
 * - GET  /api/integrity/conclusions/:id             one version with slots, signatures, history (ledgered read)
 * - GET  /api/integrity/conclusions/:id/opinion.docx the 廉政意见 form of a double-signed version (ledgered read)
 * - PUT  /api/integrity/conclusions/:id             edit (unsigned draft in place; after a signature → version n+1)
 * - POST /api/integrity/conclusions/:id/sign        {role, contentHash} (integrity.sign; post holder; fresh login)
 * - POST /api/integrity/conclusions/:id/submit      DOUBLE_SIGNED → SUBMITTED (integrity.draft)
 * - POST /api/integrity/conclusions/:id/accept      SUBMITTED → ACCEPTED (integrity.accept)
 * - POST /api/integrity/conclusions/:id/return      {reason} SUBMITTED → RETURNED + new DRAFT version (integrity.accept)
 * Reviews (任前廉政审查): GET/POST /api/integrity/reviews, GET /api/integrity/reviews/:id,
 *   PUT /api/integrity/reviews/:id/checks/:type (the owning role only)
 * Petitions (信访举报): GET /api/integrity/petitions/summary (petition.read: counts only),
 *   GET/POST /api/integrity/petitions, GET /api/integrity/petitions/:id, POST /api/integrity/petitions/:id/move (petition.write)
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParamsSchema, PageSchema } from '../../../contracts/common.ts';
import {
  CreateIntegrityConclusionSchema,
  CreateIntegrityReviewSchema,
  CreatePetitionSchema,
  EditIntegrityConclusionSchema,
  IntegrityConclusionItemSchema,
  IntegrityConclusionSchema,
  IntegrityReviewItemSchema,
  IntegrityReviewSchema,
  IntegrityStatsSchema,
  ListIntegrityConclusionsQuerySchema,
  ListIntegrityReviewsQuerySchema,
  ListPetitionsQuerySchema,
  MovePetitionSchema,
  PetitionItemSchema,
  PetitionSchema,
  PetitionSummarySchema,
  RecordReviewCheckSchema,
  ReturnIntegrityConclusionSchema,
  ReviewCheckParamsSchema,
  SignIntegrityConclusionSchema,
} from '../../../contracts/integrity.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { contentDisposition, sendXlsx } from '../../platform/export-file.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import * as reviews from './integrity-review.service.ts';
import { integrityStats } from './integrity-stats.service.ts';
import * as files from './integrity.files.ts';
import * as integrity from './integrity.service.ts';
import * as petitions from './petition.service.ts';
import { exportPetitionsXlsx, exportReviewsXlsx } from './integrity.list-exports.ts';

function sendDocx(reply: FastifyReply, out: { fileName: string; asciiName: string; buffer: Buffer }): FastifyReply {
  return reply
    .header('content-type', files.DOCX_MIME)
    .header('content-disposition', contentDisposition(out.fileName, out.asciiName))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(out.buffer);
}

export async function integrityRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['integrity'];
  const ctx = (request: Parameters<typeof requireActor>[0]) => ({ ...deps, actor: requireActor(request) });

  r.get('/api/integrity/stats', { schema: { tags, response: { 200: IntegrityStatsSchema } }, config: { policy: policy.permission('integrity.read') } }, async (request) => integrityStats(ctx(request)));
  r.get('/api/integrity/conclusions', { schema: { tags, querystring: ListIntegrityConclusionsQuerySchema, response: { 200: PageSchema(IntegrityConclusionItemSchema) } }, config: { policy: policy.permission('integrity.read') } }, async (request) =>
    integrity.listConclusions(ctx(request), request.query),
  );
  r.get(
    '/api/integrity/conclusions/export.xlsx',
    { schema: { tags, querystring: ListIntegrityConclusionsQuerySchema }, config: { policy: policy.permission('integrity.read'), rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const out = await files.exportConclusionsXlsx(ctx(request), request.query);
      return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
    },
  );
  r.get(
    '/api/integrity/conclusions/:id/opinion.docx',
    { schema: { tags, params: IdParamsSchema }, config: { policy: policy.permission('integrity.read'), rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => sendDocx(reply, await files.downloadConclusionDocx(ctx(request), request.params.id)),
  );
  r.post('/api/integrity/conclusions', { schema: { tags, body: CreateIntegrityConclusionSchema, response: { 200: IntegrityConclusionSchema } }, config: { policy: policy.permission('integrity.draft') } }, async (request) =>
    integrity.createConclusion(ctx(request), request.body),
  );
  r.get('/api/integrity/conclusions/:id', { schema: { tags, params: IdParamsSchema, response: { 200: IntegrityConclusionSchema } }, config: { policy: policy.permission('integrity.read') } }, async (request) =>
    integrity.getConclusion(ctx(request), request.params.id),
  );
  r.put('/api/integrity/conclusions/:id', { schema: { tags, params: IdParamsSchema, body: EditIntegrityConclusionSchema, response: { 200: IntegrityConclusionSchema } }, config: { policy: policy.permission('integrity.draft') } }, async (request) =>
    integrity.editConclusion(ctx(request), request.params.id, request.body),
  );
  r.post(
    '/api/integrity/conclusions/:id/sign',
    { schema: { tags, params: IdParamsSchema, body: SignIntegrityConclusionSchema, response: { 200: IntegrityConclusionSchema } }, config: { policy: policy.permission('integrity.sign') } },
    async (request) => integrity.signConclusion(ctx(request), request.params.id, request.body),
  );
  r.post('/api/integrity/conclusions/:id/submit', { schema: { tags, params: IdParamsSchema, response: { 200: IntegrityConclusionSchema } }, config: { policy: policy.permission('integrity.draft') } }, async (request) =>
    integrity.submitConclusion(ctx(request), request.params.id),
  );
  r.post('/api/integrity/conclusions/:id/accept', { schema: { tags, params: IdParamsSchema, response: { 200: IntegrityConclusionSchema } }, config: { policy: policy.permission('integrity.accept') } }, async (request) =>
    integrity.acceptConclusion(ctx(request), request.params.id),
  );
  r.post(
    '/api/integrity/conclusions/:id/return',
    { schema: { tags, params: IdParamsSchema, body: ReturnIntegrityConclusionSchema, response: { 200: IntegrityConclusionSchema } }, config: { policy: policy.permission('integrity.accept') } },
    async (request) => integrity.returnConclusion(ctx(request), request.params.id, request.body),
  );

  r.get('/api/integrity/reviews/export.xlsx', { schema: { tags, querystring: ListIntegrityReviewsQuerySchema }, config: { policy: policy.permission('integrity.review'), rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const out = await exportReviewsXlsx(ctx(request), request.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/integrity/reviews', { schema: { tags, querystring: ListIntegrityReviewsQuerySchema, response: { 200: PageSchema(IntegrityReviewItemSchema) } }, config: { policy: policy.permission('integrity.review') } }, async (request) =>
    reviews.listReviews(ctx(request), request.query),
  );
  r.post('/api/integrity/reviews', { schema: { tags, body: CreateIntegrityReviewSchema, response: { 200: IntegrityReviewSchema } }, config: { policy: policy.permission('integrity.review') } }, async (request) =>
    reviews.createReview(ctx(request), request.body),
  );
  r.get('/api/integrity/reviews/:id', { schema: { tags, params: IdParamsSchema, response: { 200: IntegrityReviewSchema } }, config: { policy: policy.permission('integrity.review') } }, async (request) =>
    reviews.getReview(ctx(request), request.params.id),
  );
  r.put(
    '/api/integrity/reviews/:id/checks/:type',
    { schema: { tags, params: ReviewCheckParamsSchema, body: RecordReviewCheckSchema, response: { 200: IntegrityReviewSchema } }, config: { policy: policy.permission('integrity.review') } },
    async (request) => reviews.recordCheck(ctx(request), request.params.id, request.params.type, request.body),
  );

  r.get('/api/integrity/petitions/summary', { schema: { tags, response: { 200: PetitionSummarySchema } }, config: { policy: policy.permission('petition.read') } }, async (request) => petitions.petitionSummary(ctx(request)));
  r.get('/api/integrity/petitions/export.xlsx', { schema: { tags, querystring: ListPetitionsQuerySchema }, config: { policy: policy.permission('petition.write'), rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const out = await exportPetitionsXlsx(ctx(request), request.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/integrity/petitions', { schema: { tags, querystring: ListPetitionsQuerySchema, response: { 200: PageSchema(PetitionItemSchema) } }, config: { policy: policy.permission('petition.write') } }, async (request) =>
    petitions.listPetitions(ctx(request), request.query),
  );
  r.post('/api/integrity/petitions', { schema: { tags, body: CreatePetitionSchema, response: { 200: PetitionSchema } }, config: { policy: policy.permission('petition.write') } }, async (request) =>
    petitions.createPetition(ctx(request), request.body),
  );
  r.get('/api/integrity/petitions/:id', { schema: { tags, params: IdParamsSchema, response: { 200: PetitionSchema } }, config: { policy: policy.permission('petition.write') } }, async (request) =>
    petitions.getPetition(ctx(request), request.params.id),
  );
  r.post('/api/integrity/petitions/:id/move', { schema: { tags, params: IdParamsSchema, body: MovePetitionSchema, response: { 200: PetitionSchema } }, config: { policy: policy.permission('petition.write') } }, async (request) =>
    petitions.movePetition(ctx(request), request.params.id, request.body),
  );
}
