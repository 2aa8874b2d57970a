/**
 * M5 analysis routes (SPEC §3 M5). Campaign scope and team membership are checked in the services (404 outside
 * the caller's scope; 403 without the permission or off the team).
 *
 * Campaigns   GET/POST /api/analysis/campaigns, GET /api/analysis/campaigns/:id, POST …/:id/notice,
 *             POST …/:id/start | analyse | conclude, GET …/:id/member-candidates, POST …/:id/members, POST …/:id/members/:memberId/remove
 * Figures     GET …/:id/statistics, GET …/:id/statistics.xlsx, GET …/:id/report.docx (both ledger events)
 * Records     GET/POST …/:id/letters | outlines | talks | visits | documents | tips
 *             POST /api/analysis/letters/:id/reply | mark-overdue
 * Confidential GET /api/analysis/talks/:id/notes, GET /api/analysis/tips/:id (ledger events)
 * Levels      GET /api/analysis/talk-levels, PUT /api/analysis/talk-levels/:code
 * Evidence    GET/POST /api/analysis/evidence, GET /api/analysis/evidence/export.xlsx, GET /api/analysis/cadres/:id/profile
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AddMemberSchema,
  CadreProfileSchema,
  CampaignSchema,
  CampaignStatisticsSchema,
  CreateCampaignSchema,
  CreateDocumentReviewSchema,
  CreateEvidenceSchema,
  CreateLetterSchema,
  CreateOutlineSchema,
  CreateTalkSchema,
  CreateTipSchema,
  CreateVisitSchema,
  DocumentReviewSchema,
  EvidenceSchema,
  LetterSchema,
  ListCampaignsQuerySchema,
  ListDocumentsQuerySchema,
  ListEvidenceQuerySchema,
  ListLettersQuerySchema,
  ListTalksQuerySchema,
  ListTipsQuerySchema,
  ListVisitsQuerySchema,
  MemberCandidateSchema,
  MemberCandidatesQuerySchema,
  MemberParamsSchema,
  OutlineSchema,
  PublishNoticeSchema,
  ReplyLetterSchema,
  TalkLevelParamsSchema,
  TalkLevelSchema,
  TalkNotesSchema,
  TalkSchema,
  TipContentSchema,
  TipSchema,
  TransitionCampaignSchema,
  UpdateTalkLevelSchema,
  VisitSchema,
} from '../../../contracts/analysis.ts';
import { IdParamsSchema, PageQueryFields, PageSchema } from '../../../contracts/common.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { contentDisposition, sendXlsx } from '../../platform/export-file.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import * as evidence from './analysis-evidence.service.ts';
import * as stats from './analysis-statistics.ts';
import * as analysis from './analysis.service.ts';
import { exportCampaignsXlsx } from './analysis.list-export.ts';

export async function analysisRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['analysis'];
  const ctx = (request: Parameters<typeof requireActor>[0]) => ({ ...deps, actor: requireActor(request) });
  const read = { policy: policy.permission('campaign.read') };
  const manage = { policy: policy.permission('campaign.manage') };
  const approve = { policy: policy.permission('campaign.approve') };
  const PageOnly = Type.Object({ ...PageQueryFields }, { additionalProperties: false });

  // ---- talk levels (configurable list) ----
  r.get('/api/analysis/talk-levels', { schema: { tags, response: { 200: Type.Array(TalkLevelSchema) } }, config: read }, async (req) => analysis.listTalkLevels(ctx(req)));
  r.put('/api/analysis/talk-levels/:code', { schema: { tags, params: TalkLevelParamsSchema, body: UpdateTalkLevelSchema, response: { 200: Type.Array(TalkLevelSchema) } }, config: manage }, async (req) =>
    analysis.updateTalkLevel(ctx(req), req.params.code, req.body),
  );

  // ---- campaigns ----
  r.get('/api/analysis/campaigns/export.xlsx', { schema: { tags, querystring: ListCampaignsQuerySchema }, config: { ...read, rateLimit: { max: 30, timeWindow: 60_000 } } }, async (req, reply) => {
    const out = await exportCampaignsXlsx(ctx(req), req.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/analysis/campaigns', { schema: { tags, querystring: ListCampaignsQuerySchema, response: { 200: PageSchema(CampaignSchema) } }, config: read }, async (req) => analysis.listCampaigns(ctx(req), req.query));
  r.post('/api/analysis/campaigns', { schema: { tags, body: CreateCampaignSchema, response: { 200: CampaignSchema } }, config: manage }, async (req) => analysis.createCampaign(ctx(req), req.body));
  r.get('/api/analysis/campaigns/:id', { schema: { tags, params: IdParamsSchema, response: { 200: CampaignSchema } }, config: read }, async (req) => analysis.getCampaign(ctx(req), req.params.id));
  r.post('/api/analysis/campaigns/:id/notice', { schema: { tags, params: IdParamsSchema, body: PublishNoticeSchema, response: { 200: CampaignSchema } }, config: manage }, async (req) =>
    analysis.publishNotice(ctx(req), req.params.id, req.body),
  );
  r.post('/api/analysis/campaigns/:id/start', { schema: { tags, params: IdParamsSchema, body: TransitionCampaignSchema, response: { 200: CampaignSchema } }, config: approve }, async (req) =>
    analysis.transitionCampaign(ctx(req), req.params.id, 'start', req.body),
  );
  r.post('/api/analysis/campaigns/:id/analyse', { schema: { tags, params: IdParamsSchema, body: TransitionCampaignSchema, response: { 200: CampaignSchema } }, config: manage }, async (req) =>
    analysis.transitionCampaign(ctx(req), req.params.id, 'analyse', req.body),
  );
  r.post('/api/analysis/campaigns/:id/conclude', { schema: { tags, params: IdParamsSchema, body: TransitionCampaignSchema, response: { 200: CampaignSchema } }, config: approve }, async (req) =>
    analysis.transitionCampaign(ctx(req), req.params.id, 'conclude', req.body),
  );
  r.post('/api/analysis/campaigns/:id/members', { schema: { tags, params: IdParamsSchema, body: AddMemberSchema, response: { 200: CampaignSchema } }, config: manage }, async (req) =>
    analysis.addMember(ctx(req), req.params.id, req.body),
  );
  r.get(
    '/api/analysis/campaigns/:id/member-candidates',
    { schema: { tags, params: IdParamsSchema, querystring: MemberCandidatesQuerySchema, response: { 200: Type.Array(MemberCandidateSchema) } }, config: manage },
    async (req) => analysis.listMemberCandidates(ctx(req), req.params.id, req.query),
  );
  r.post('/api/analysis/campaigns/:id/members/:memberId/remove', { schema: { tags, params: MemberParamsSchema, response: { 200: CampaignSchema } }, config: manage }, async (req) =>
    analysis.removeMember(ctx(req), req.params.id, req.params.memberId),
  );

  // ---- figures and reports ----
  r.get('/api/analysis/campaigns/:id/statistics', { schema: { tags, params: IdParamsSchema, response: { 200: CampaignStatisticsSchema } }, config: read }, async (req) => stats.getCampaignStatistics(ctx(req), req.params.id));
  r.get('/api/analysis/campaigns/:id/statistics.xlsx', { schema: { tags, params: IdParamsSchema }, config: { ...read, rateLimit: { max: 30, timeWindow: 60_000 } } }, async (req, reply) => {
    const out = await stats.exportStatisticsXlsx(ctx(req), req.params.id);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/analysis/campaigns/:id/report.docx', { schema: { tags, params: IdParamsSchema }, config: { ...read, rateLimit: { max: 30, timeWindow: 60_000 } } }, async (req, reply) => {
    const out = await stats.downloadSummaryDocx(ctx(req), req.params.id);
    return reply
      .header('content-type', stats.DOCX_MIME)
      .header('content-disposition', contentDisposition(out.fileName, out.asciiName))
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(out.buffer);
  });

  // ---- letters ----
  r.get('/api/analysis/campaigns/:id/letters', { schema: { tags, params: IdParamsSchema, querystring: ListLettersQuerySchema, response: { 200: PageSchema(LetterSchema) } }, config: read }, async (req) =>
    analysis.listLetters(ctx(req), req.params.id, req.query),
  );
  r.post('/api/analysis/campaigns/:id/letters', { schema: { tags, params: IdParamsSchema, body: CreateLetterSchema, response: { 200: LetterSchema } }, config: manage }, async (req) =>
    analysis.createLetter(ctx(req), req.params.id, req.body),
  );
  r.post('/api/analysis/letters/:id/reply', { schema: { tags, params: IdParamsSchema, body: ReplyLetterSchema, response: { 200: LetterSchema } }, config: manage }, async (req) => analysis.replyLetter(ctx(req), req.params.id, req.body));
  r.post('/api/analysis/letters/:id/mark-overdue', { schema: { tags, params: IdParamsSchema, response: { 200: LetterSchema } }, config: manage }, async (req) => analysis.markLetterOverdue(ctx(req), req.params.id));

  // ---- outlines and talks ----
  r.get('/api/analysis/campaigns/:id/outlines', { schema: { tags, params: IdParamsSchema, querystring: PageOnly, response: { 200: PageSchema(OutlineSchema) } }, config: manage }, async (req) =>
    analysis.listOutlines(ctx(req), req.params.id, req.query),
  );
  r.post('/api/analysis/campaigns/:id/outlines', { schema: { tags, params: IdParamsSchema, body: CreateOutlineSchema, response: { 200: OutlineSchema } }, config: manage }, async (req) =>
    analysis.createOutline(ctx(req), req.params.id, req.body),
  );
  r.get('/api/analysis/campaigns/:id/talks', { schema: { tags, params: IdParamsSchema, querystring: ListTalksQuerySchema, response: { 200: PageSchema(TalkSchema) } }, config: read }, async (req) =>
    analysis.listTalks(ctx(req), req.params.id, req.query),
  );
  r.post('/api/analysis/campaigns/:id/talks', { schema: { tags, params: IdParamsSchema, body: CreateTalkSchema, response: { 200: TalkSchema } }, config: manage }, async (req) =>
    analysis.createTalk(ctx(req), req.params.id, req.body),
  );
  r.get('/api/analysis/talks/:id/notes', { schema: { tags, params: IdParamsSchema, response: { 200: TalkNotesSchema } }, config: { policy: policy.permission('talk.notes'), rateLimit: { max: 60, timeWindow: 60_000 } } }, async (req) =>
    analysis.readTalkNotes(ctx(req), req.params.id),
  );

  // ---- visits, documents, tips ----
  r.get('/api/analysis/campaigns/:id/visits', { schema: { tags, params: IdParamsSchema, querystring: ListVisitsQuerySchema, response: { 200: PageSchema(VisitSchema) } }, config: read }, async (req) =>
    analysis.listVisits(ctx(req), req.params.id, req.query),
  );
  r.post('/api/analysis/campaigns/:id/visits', { schema: { tags, params: IdParamsSchema, body: CreateVisitSchema, response: { 200: VisitSchema } }, config: manage }, async (req) =>
    analysis.createVisit(ctx(req), req.params.id, req.body),
  );
  r.get('/api/analysis/campaigns/:id/documents', { schema: { tags, params: IdParamsSchema, querystring: ListDocumentsQuerySchema, response: { 200: PageSchema(DocumentReviewSchema) } }, config: read }, async (req) =>
    analysis.listDocuments(ctx(req), req.params.id, req.query),
  );
  r.post('/api/analysis/campaigns/:id/documents', { schema: { tags, params: IdParamsSchema, body: CreateDocumentReviewSchema, response: { 200: DocumentReviewSchema } }, config: manage }, async (req) =>
    analysis.createDocument(ctx(req), req.params.id, req.body),
  );
  r.get('/api/analysis/campaigns/:id/tips', { schema: { tags, params: IdParamsSchema, querystring: ListTipsQuerySchema, response: { 200: PageSchema(TipSchema) } }, config: read }, async (req) =>
    analysis.listTips(ctx(req), req.params.id, req.query),
  );
  r.post('/api/analysis/campaigns/:id/tips', { schema: { tags, params: IdParamsSchema, body: CreateTipSchema, response: { 200: TipSchema } }, config: manage }, async (req) => analysis.createTip(ctx(req), req.params.id, req.body));
  r.get('/api/analysis/tips/:id', { schema: { tags, params: IdParamsSchema, response: { 200: TipContentSchema } }, config: { policy: policy.permission('talk.notes'), rateLimit: { max: 60, timeWindow: 60_000 } } }, async (req) =>
    analysis.readTip(ctx(req), req.params.id),
  );

  // ---- evidence store and cadre profile ----
  r.get('/api/analysis/evidence', { schema: { tags, querystring: ListEvidenceQuerySchema, response: { 200: PageSchema(EvidenceSchema) } }, config: { policy: policy.permission('evidence.read') } }, async (req) =>
    evidence.listEvidence(ctx(req), req.query),
  );
  r.post('/api/analysis/evidence', { schema: { tags, body: CreateEvidenceSchema, response: { 200: EvidenceSchema } }, config: { policy: policy.permission('evidence.write') } }, async (req) => evidence.createEvidence(ctx(req), req.body));
  r.get('/api/analysis/evidence/export.xlsx', { schema: { tags, querystring: ListEvidenceQuerySchema }, config: { policy: policy.permission('evidence.read'), rateLimit: { max: 30, timeWindow: 60_000 } } }, async (req, reply) => {
    const c = ctx(req);
    const out = await evidence.exportEvidenceXlsx(c, req.query);
    return sendXlsx(reply, out.fileName, `evidence-${new Date(c.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}.xlsx`, out.buffer);
  });
  r.get('/api/analysis/cadres/:id/profile', { schema: { tags, params: IdParamsSchema, response: { 200: CadreProfileSchema } }, config: { policy: policy.permission('evidence.read') } }, async (req) =>
    evidence.getCadreProfile(ctx(req), req.params.id),
  );
}
