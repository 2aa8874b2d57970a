/**
 * 反向测评 routes.
 *
 * Internal (login):
 * - GET   /api/evaluations                     list (server paging, sort, filter; evaluation.manage or .results scope)
 * - POST  /api/evaluations                     create a DRAFT (evaluation.manage)
 * - GET   /api/evaluations/:id                 one evaluation with token counts per group
 * - PATCH /api/evaluations/:id                 edit a DRAFT
 * - POST  /api/evaluations/:id/open|close      the state machine (evaluation.policy.ts)
 * - POST  /api/evaluations/:id/tokens          issue tokens per group; plain tokens are answered once
 * - GET   /api/evaluations/:id/results         CLOSED only, suppression applied, ledger event
 * - GET   /api/evaluations/:id/results.xlsx    the same, as .xlsx (fresh login), ledger event
 * - GET   /api/evaluations/:id/free-text       evaluation.freetext, ≥ freeTextMin respondents, ledger event
 *
 * Public (raters, no login; registered on every surface): see `evaluationPublicRoutes`.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParamsSchema, PageSchema } from '../../../contracts/common.ts';
import {
  BallotFormSchema,
  CreateEvaluationRequestSchema,
  EvaluationResultsSchema,
  EvaluationSchema,
  FreeTextSchema,
  IssuedTokensSchema,
  IssueTokensRequestSchema,
  ListEvaluationsQuerySchema,
  ResultsQuerySchema,
  SubmitBallotRequestSchema,
  SubmitBallotResponseSchema,
  TokenParamsSchema,
  UpdateEvaluationRequestSchema,
} from '../../../contracts/evaluation.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { chinaDateText, sendXlsx } from '../../platform/export-file.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import * as evaluation from './evaluation.service.ts';
import { exportEvaluationsXlsx } from './evaluation.list-export.ts';

export async function evaluationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['evaluation'];
  const ctx = (request: Parameters<typeof requireActor>[0]) => ({ ...deps, actor: requireActor(request) });
  const manage = { policy: policy.permission('evaluation.manage') };

  // manage or results: the service picks the permission whose scope applies
  r.get('/api/evaluations/export.xlsx', { schema: { tags, querystring: ListEvaluationsQuerySchema }, config: { policy: policy.authenticated(), rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const out = await exportEvaluationsXlsx(ctx(request), request.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/evaluations', { schema: { tags, querystring: ListEvaluationsQuerySchema, response: { 200: PageSchema(EvaluationSchema) } }, config: { policy: policy.authenticated() } }, async (request) =>
    evaluation.listEvaluations(ctx(request), request.query),
  );
  r.post('/api/evaluations', { schema: { tags, body: CreateEvaluationRequestSchema, response: { 200: EvaluationSchema } }, config: manage }, async (request) =>
    evaluation.createEvaluation(ctx(request), request.body),
  );
  r.get('/api/evaluations/:id', { schema: { tags, params: IdParamsSchema, response: { 200: EvaluationSchema } }, config: { policy: policy.authenticated() } }, async (request) =>
    evaluation.getEvaluation(ctx(request), request.params.id),
  );
  r.patch('/api/evaluations/:id', { schema: { tags, params: IdParamsSchema, body: UpdateEvaluationRequestSchema, response: { 200: EvaluationSchema } }, config: manage }, async (request) =>
    evaluation.updateEvaluation(ctx(request), request.params.id, request.body),
  );
  r.post('/api/evaluations/:id/open', { schema: { tags, params: IdParamsSchema, response: { 200: EvaluationSchema } }, config: manage }, async (request) =>
    evaluation.openEvaluation(ctx(request), request.params.id),
  );
  r.post('/api/evaluations/:id/close', { schema: { tags, params: IdParamsSchema, response: { 200: EvaluationSchema } }, config: manage }, async (request) =>
    evaluation.closeEvaluation(ctx(request), request.params.id),
  );
  r.post('/api/evaluations/:id/tokens', { schema: { tags, params: IdParamsSchema, body: IssueTokensRequestSchema, response: { 200: IssuedTokensSchema } }, config: { ...manage, rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request) =>
    evaluation.issueTokens(ctx(request), request.params.id, request.body),
  );
  r.get(
    '/api/evaluations/:id/results',
    { schema: { tags, params: IdParamsSchema, querystring: ResultsQuerySchema, response: { 200: EvaluationResultsSchema } }, config: { policy: policy.permission('evaluation.results') } },
    async (request) => evaluation.getEvaluationResults(ctx(request), request.params.id, request.query),
  );
  r.get('/api/evaluations/:id/results.xlsx', { schema: { tags, params: IdParamsSchema }, config: { policy: policy.permission('evaluation.results'), rateLimit: { max: 30, timeWindow: 60_000 } } }, async (request, reply) => {
    const out = await evaluation.exportEvaluationResults(ctx(request), request.params.id);
    return sendXlsx(reply, out.fileName, `evaluation-results-${chinaDateText(deps.clock.now())}.xlsx`, out.buffer);
  });
  r.get('/api/evaluations/:id/free-text', { schema: { tags, params: IdParamsSchema, response: { 200: FreeTextSchema } }, config: { policy: policy.permission('evaluation.freetext') } }, async (request) =>
    evaluation.getFreeText(ctx(request), request.params.id),
  );
}

/**
 * Rater routes: no login, every surface (BELLWETHER_SURFACE=public too). `logLevel: 'silent'` turns off the request
 * log for them, so neither the IP nor the time of a submission is written anywhere (SECURITY.md §3.2 item 2); the
 * token travels in the body of the submission and in the path of the form request, and the log never has either.
 * Rate-limited per IP (kept in memory only, for a minute).
 */
export async function evaluationPublicRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['evaluation (raters)'];
  r.get(
    '/api/public/evaluations/forms/:token',
    {
      schema: { tags, params: TokenParamsSchema, response: { 200: BallotFormSchema } },
      logLevel: 'silent',
      config: { policy: policy.public('anonymous rater: the single-use token in the path is the credential (SPEC M6)'), rateLimit: { max: 120, timeWindow: 60_000 } },
    },
    async (request) => evaluation.getBallotForm(deps, request.params.token),
  );
  r.post(
    '/api/public/evaluations/ballots',
    {
      schema: { tags, body: SubmitBallotRequestSchema, response: { 200: SubmitBallotResponseSchema } },
      logLevel: 'silent',
      config: { policy: policy.public('anonymous rater: one ballot per single-use token; no body, IP or time is logged (SECURITY.md §3.2)'), rateLimit: { max: 60, timeWindow: 60_000 } },
    },
    async (request) => {
      await evaluation.submitBallot(deps, request.body);
      return { ok: true as const };
    },
  );
}
