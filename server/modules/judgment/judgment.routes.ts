/**
 * Five-category judgments, team analysis, what-if scenarios and the outcome board (SPEC §3 M5, issue 4).
 *
 * Judgments   GET /api/judgments, GET …/export.xlsx, GET …/campaigns, GET …/evidence-options, POST /api/judgments,
 *             GET/PATCH /api/judgments/:id, POST …/:id/propose | endorse | return, GET …/:id/report.docx
 * Outcome     GET /api/judgments/outcome, GET /api/judgments/outcome/export.xlsx
 * Teams       GET /api/team-analysis/towns, GET …/towns/:id, GET …/towns/:id/report.docx, GET/PUT /api/team-targets
 * What-if     GET/POST /api/whatif-scenarios, GET /api/whatif-scenarios/:id, PUT …/:id/moves
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, PageSchema } from '../../../contracts/common.ts';
import {
  CampaignOptionSchema,
  CreateJudgmentSchema,
  CreateWhatifScenarioSchema,
  EndorseJudgmentSchema,
  EvidenceOptionsQuerySchema,
  JudgmentDetailSchema,
  JudgmentEvidenceSchema,
  JudgmentSchema,
  ListJudgmentsQuerySchema,
  OutcomeBoardSchema,
  OutcomeQuerySchema,
  PutTeamTargetsSchema,
  PutWhatifMovesSchema,
  ReturnJudgmentSchema,
  TeamAnalysisQuerySchema,
  TeamAnalysisSchema,
  TeamTargetsSchema,
  TeamTownSummarySchema,
  UpdateJudgmentSchema,
  WhatifScenarioSchema,
} from '../../../contracts/judgment.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { contentDisposition, sendXlsx } from '../../platform/export-file.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import * as reports from './judgment.reports.ts';
import * as judgments from './judgment.service.ts';
import * as teams from './team-analysis.service.ts';

function sendDocx(reply: FastifyReply, out: { fileName: string; asciiName: string; buffer: Buffer }): FastifyReply {
  return reply
    .header('content-type', reports.DOCX_MIME)
    .header('content-disposition', contentDisposition(out.fileName, out.asciiName))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(out.buffer);
}

export async function judgmentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['judgment'];
  const ctx = (request: Parameters<typeof requireActor>[0]) => ({ ...deps, actor: requireActor(request) });
  const read = { policy: policy.permission('judgment.read') };
  const write = { policy: policy.permission('judgment.write') };
  const endorse = { policy: policy.permission('judgment.endorse') };
  const files = { rateLimit: { max: 30, timeWindow: 60_000 } };
  const TownQuery = Type.Object({ campaignId: Type.Optional(IdParamsSchema.properties.id), asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })) }, { additionalProperties: false });

  r.get('/api/judgments', { schema: { tags, querystring: ListJudgmentsQuerySchema, response: { 200: PageSchema(JudgmentSchema) } }, config: read }, async (req) => judgments.listJudgments(ctx(req), req.query));
  r.get('/api/judgments/export.xlsx', { schema: { tags, querystring: ListJudgmentsQuerySchema }, config: { ...read, ...files } }, async (req, reply) => {
    const out = await reports.exportJudgmentsXlsx(ctx(req), req.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/judgments/campaigns', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(CampaignOptionSchema) }) } }, config: read }, async (req) => ({ items: await judgments.listCampaignOptions(ctx(req)) }));
  r.get('/api/judgments/evidence-options', { schema: { tags, querystring: EvidenceOptionsQuerySchema, response: { 200: Type.Object({ items: Type.Array(JudgmentEvidenceSchema) }) } }, config: write }, async (req) => ({ items: await judgments.listEvidenceOptions(ctx(req), req.query) }));
  r.get('/api/judgments/outcome', { schema: { tags, querystring: OutcomeQuerySchema, response: { 200: OutcomeBoardSchema } }, config: read }, async (req) => teams.getOutcomeBoard(ctx(req), req.query));
  r.get('/api/judgments/outcome/export.xlsx', { schema: { tags, querystring: OutcomeQuerySchema }, config: { ...read, ...files } }, async (req, reply) => {
    const out = await reports.exportOutcomeXlsx(ctx(req), req.query.campaignId);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.post('/api/judgments', { schema: { tags, body: CreateJudgmentSchema, response: { 200: JudgmentSchema } }, config: write }, async (req) => judgments.createJudgment(ctx(req), req.body));
  r.get('/api/judgments/:id', { schema: { tags, params: IdParamsSchema, response: { 200: JudgmentDetailSchema } }, config: read }, async (req) => judgments.getJudgmentDetail(ctx(req), req.params.id));
  r.patch('/api/judgments/:id', { schema: { tags, params: IdParamsSchema, body: UpdateJudgmentSchema, response: { 200: JudgmentSchema } }, config: write }, async (req) => judgments.updateJudgment(ctx(req), req.params.id, req.body));
  r.post('/api/judgments/:id/propose', { schema: { tags, params: IdParamsSchema, response: { 200: JudgmentSchema } }, config: write }, async (req) => judgments.proposeJudgment(ctx(req), req.params.id));
  r.post('/api/judgments/:id/endorse', { schema: { tags, params: IdParamsSchema, body: EndorseJudgmentSchema, response: { 200: JudgmentSchema } }, config: endorse }, async (req) => judgments.endorseJudgment(ctx(req), req.params.id, req.body));
  r.post('/api/judgments/:id/return', { schema: { tags, params: IdParamsSchema, body: ReturnJudgmentSchema, response: { 200: JudgmentSchema } }, config: endorse }, async (req) => judgments.returnJudgment(ctx(req), req.params.id, req.body));
  r.get('/api/judgments/:id/report.docx', { schema: { tags, params: IdParamsSchema }, config: { ...read, ...files } }, async (req, reply) => sendDocx(reply, await reports.downloadJudgmentReport(ctx(req), req.params.id)));

  r.get('/api/team-analysis/towns', { schema: { tags, querystring: TownQuery, response: { 200: Type.Object({ asOf: Type.String(), items: Type.Array(TeamTownSummarySchema) }) } }, config: read }, async (req) => teams.listTeamTowns(ctx(req), req.query));
  r.get('/api/team-analysis/towns/:id', { schema: { tags, params: IdParamsSchema, querystring: TeamAnalysisQuerySchema, response: { 200: TeamAnalysisSchema } }, config: read }, async (req) => teams.getTeamAnalysis(ctx(req), req.params.id, req.query));
  r.get('/api/team-analysis/towns/:id/report.docx', { schema: { tags, params: IdParamsSchema, querystring: TeamAnalysisQuerySchema }, config: { ...read, ...files } }, async (req, reply) => sendDocx(reply, await reports.downloadTeamReport(ctx(req), req.params.id, req.query)));
  r.get('/api/team-targets', { schema: { tags, response: { 200: TeamTargetsSchema } }, config: read }, async (req) => teams.getTeamTargets(ctx(req)));
  r.put('/api/team-targets', { schema: { tags, body: PutTeamTargetsSchema, response: { 200: TeamTargetsSchema } }, config: write }, async (req) => teams.putTeamTargets(ctx(req), req.body));

  r.get('/api/whatif-scenarios', { schema: { tags, response: { 200: Type.Object({ items: Type.Array(WhatifScenarioSchema) }) } }, config: read }, async (req) => ({ items: await teams.listScenarios(ctx(req)) }));
  r.post('/api/whatif-scenarios', { schema: { tags, body: CreateWhatifScenarioSchema, response: { 200: WhatifScenarioSchema } }, config: write }, async (req) => teams.createScenario(ctx(req), req.body));
  r.get('/api/whatif-scenarios/:id', { schema: { tags, params: IdParamsSchema, response: { 200: WhatifScenarioSchema } }, config: read }, async (req) => teams.getScenario(ctx(req), req.params.id));
  r.put('/api/whatif-scenarios/:id/moves', { schema: { tags, params: IdParamsSchema, body: PutWhatifMovesSchema, response: { 200: WhatifScenarioSchema } }, config: write }, async (req) => teams.putScenarioMoves(ctx(req), req.params.id, req.body));
}
