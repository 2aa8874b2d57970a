/**
 * 反向测评 use cases (SPEC M6, SECURITY.md §3.2, issue 4 deliverables 3 and 4).
 *
 * Staff (evaluation.manage, within their subtree) create an evaluation of one cadre, plan the six rater groups,
 * issue single-use tokens per group and open it; raters submit through the public API; staff close it, which
 * seals the rollups, writes the five-dimension result (suppression applied) and one ledger event with counts and
 * a digest of the ballots. Results (evaluation.results) exist only once CLOSED, and never for the subject or the
 * subject's registered relatives. Free text: evaluation.freetext and ≥ freeTextMin respondents.
 */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Page } from '../../../contracts/common.ts';
import {
  DIMENSIONS,
  RATER_GROUPS,
  TOKEN_GROUPS,
  type BallotForm,
  type CreateEvaluationRequest,
  type Evaluation,
  type EvaluationResults,
  type EvaluationSettings,
  type EvaluationStatus,
  type FiveDimensionResult,
  type FreeText,
  type IssuedTokens,
  type IssueTokensRequest,
  type ListEvaluationsQuery,
  type Questionnaire,
  type RaterGroupPlan,
  type ResultsQuery,
  type SubmitBallotRequest,
  type UpdateEvaluationRequest,
} from '../../../contracts/evaluation.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import { inTransaction, type DbOrTrx } from '../../db/database.ts';
import type { FiveDimensionEvaluationRow } from '../../db/schema.ts';
import { ledgerActor, type AppDeps, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, fieldError, forbidden, notFound, type Text } from '../../platform/errors.ts';
import { DEFAULT_GROUP_COMMIT_BATCH, groupCommit, groupCommitterOf } from '../../platform/group-commit.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, isPathInScope, scopePaths, type Actor } from '../../platform/scope.ts';
import { requireFreshLogin } from '../auth/auth.service.ts';
import { listRegisteredRelativeIds } from '../people/index.ts';
import { DEFAULT_QUESTIONNAIRE, DEFAULT_SETTINGS } from './evaluation.defaults.ts';
import { illegalTransitionReason, transitionNamed, type EvaluationTransitionName } from './evaluation.policy.ts';
import { presentEvaluation, type GroupStatus } from './evaluation.presenter.ts';
import * as repo from './evaluation.repository.ts';
import { METRICS, percentileOf, scoreEvaluation, selectCells, type GroupCell, type Metric, type ScoreInput } from './evaluation.scoring.ts';

const EVALUATION: Text = { zh: '测评', en: 'evaluation' };
const PERSON: Text = { zh: '干部', en: 'cadre' };

function roleFor(actor: Actor, permission: Permission): string | undefined {
  return actor.roles.find((r) => roleHasPermission(r, permission));
}

function todayCst(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** SHA-256 of a token: the only form stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 128 random bits, URL-safe (22 characters). */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

// ---------- helpers ----------

async function conflictSet(db: DbOrTrx, actor: Actor): Promise<Set<string>> {
  if (!actor.personId) return new Set();
  const set = await listRegisteredRelativeIds(db, actor.personId);
  set.add(actor.personId);
  return set;
}

function parseQuestionnaire(json: string): Questionnaire {
  return JSON.parse(json) as Questionnaire;
}
function parseSettings(json: string): EvaluationSettings {
  return { ...DEFAULT_SETTINGS, ...(JSON.parse(json) as Partial<EvaluationSettings>) };
}

/** Questionnaire checks the schema cannot express: the five dimensions once each, unique item and option keys. */
function checkQuestionnaire(q: Questionnaire): void {
  const keys = q.dimensions.map((d) => d.key);
  if (new Set(keys).size !== DIMENSIONS.length) throw fieldError('questionnaire', '问卷须包含德、能、勤、绩、廉五个维度各一次', 'The questionnaire needs each of the five dimensions exactly once');
  const ids = q.dimensions.flatMap((d) => d.items.map((i) => i.id));
  if (new Set(ids).size !== ids.length) throw fieldError('questionnaire', '问卷题目编号重复，请修改为唯一编号', 'Question ids must be unique');
  const opts = q.options.map((o) => o.key);
  if (new Set(opts).size !== opts.length) throw fieldError('questionnaire', '答案选项代码重复', 'Answer option keys must be unique');
}

function checkSettings(s: EvaluationSettings): void {
  const total = RATER_GROUPS.reduce((sum, g) => sum + s.groupWeights[g], 0);
  if (total <= 0) throw fieldError('settings.groupWeights', '各评价群体权重之和必须大于 0', 'The group weights must sum to more than 0');
}

function checkGroups(groups: RaterGroupPlan[]): RaterGroupPlan[] {
  const seen = new Set<string>();
  for (const g of groups) {
    if (seen.has(g.group)) throw fieldError('groups', '评价群体重复', 'A rater group is listed twice');
    seen.add(g.group);
  }
  const self = groups.find((g) => g.group === 'SELF');
  if (self && self.tokenCount > 1) throw fieldError('groups', '本人自评最多 1 份', 'At most one self-assessment token');
  const kept = groups.filter((g) => g.tokenCount > 0);
  if (!kept.some((g) => g.group !== 'SELF')) throw fieldError('groups', '请至少为一个评价群体设置测评人数', 'Plan raters for at least one group');
  return kept;
}

function checkTimes(openAt: string, closeAt: string, now: Date): void {
  if (Number.isNaN(Date.parse(openAt))) throw fieldError('openAt', '开始时间无效', 'The opening time is invalid');
  if (Number.isNaN(Date.parse(closeAt))) throw fieldError('closeAt', '结束时间无效', 'The closing time is invalid');
  if (Date.parse(closeAt) <= Date.parse(openAt)) throw fieldError('closeAt', '结束时间必须晚于开始时间', 'The closing time must be after the opening time');
  if (Date.parse(closeAt) <= now.getTime()) throw fieldError('closeAt', '结束时间必须晚于当前时间', 'The closing time must be in the future');
}

type LoadedEvaluation = NonNullable<Awaited<ReturnType<typeof repo.findEvaluation>>>;

/** Visibility: the permission's subtree (404 outside), then the conflict rule (403: self or registered relative). */
async function loadVisible(db: DbOrTrx, actor: Actor, id: string, permission: Permission): Promise<LoadedEvaluation> {
  const row = await repo.findEvaluation(db, id);
  if (!row || !isPathInScope(row.org_path, scopePaths(actor, permission))) throw notFound(EVALUATION);
  const conflicted = await conflictSet(db, actor);
  if (conflicted.has(row.subject_person_id)) {
    throw new AppError(
      'FORBIDDEN',
      actor.personId === row.subject_person_id
        ? { zh: '被测评干部本人不能查看或管理对本人的测评', en: 'The subject may not view or manage an evaluation of themselves' }
        : { zh: '被测评干部是您登记的亲属，按规定您不能查看或管理该测评', en: 'The subject is your registered relative; you may not view or manage this evaluation' },
    );
  }
  return row;
}

async function groupStatuses(db: DbOrTrx, ids: string[]): Promise<Map<string, GroupStatus[]>> {
  const [plans, counts] = await Promise.all([repo.listGroupPlans(db, ids), repo.tokenCounts(db, ids)]);
  const out = new Map<string, GroupStatus[]>();
  for (const id of ids) {
    const mine = plans.filter((p) => p.evaluation_id === id);
    const list = TOKEN_GROUPS.filter((g) => mine.some((p) => p.rater_group === g)).map((g) => {
      const c = counts.find((x) => x.evaluation_id === id && x.rater_group === g);
      return { group: g, tokenCount: mine.find((p) => p.rater_group === g)!.token_count, issued: c?.issued ?? 0, used: c?.used ?? 0 };
    });
    out.set(id, list);
  }
  return out;
}

async function present(db: DbOrTrx, actor: Actor, row: LoadedEvaluation, facts?: { post: string | null }): Promise<Evaluation> {
  const statuses = await groupStatuses(db, [row.id]);
  const post = facts ?? (await repo.subjectFacts(db, row.subject_person_id, todayCst(new Date(row.open_at))));
  return presentEvaluation(row, statuses.get(row.id) ?? [], post.post, parseQuestionnaire(row.questionnaire_json), parseSettings(row.settings_json), actor);
}

async function ledger(db: DbOrTrx, ctx: ServiceCtx, permission: Permission, action: string, row: { id: string; org_path: string }, payload: Record<string, unknown>): Promise<void> {
  await appendLedgerEvent(db, ledgerActor(ctx.actor, roleFor(ctx.actor, permission)), { action, objectType: 'reverse_evaluation', objectId: row.id, orgPath: row.org_path, payload }, ctx.clock.now());
}

// ---------- staff use cases ----------

/** Creates a DRAFT evaluation of a cadre in the caller's evaluation.manage subtree (else 404). */
export async function createEvaluation(ctx: ServiceCtx, input: CreateEvaluationRequest): Promise<Evaluation> {
  const questionnaire = input.questionnaire ?? DEFAULT_QUESTIONNAIRE;
  const settings = input.settings ?? DEFAULT_SETTINGS;
  checkQuestionnaire(questionnaire);
  checkSettings(settings);
  const groups = checkGroups(input.groups);
  checkTimes(input.openAt, input.closeAt, ctx.clock.now());
  return inTransaction(ctx.db, async (trx) => {
    const subject = await repo.findPersonForSubject(trx, input.subjectPersonId);
    if (!subject || !isPathInScope(subject.org_path, scopePaths(ctx.actor, 'evaluation.manage'))) throw notFound(PERSON);
    if ((await conflictSet(trx, ctx.actor)).has(subject.id)) throw new AppError('FORBIDDEN', { zh: '不能为本人或登记的亲属发起测评', en: 'You may not set up an evaluation of yourself or a registered relative' });
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await repo.insertEvaluation(
      trx,
      {
        id,
        subject_person_id: subject.id,
        org_path: subject.org_path,
        purpose: input.purpose,
        campaign_id: input.campaignId ?? null,
        open_at: new Date(input.openAt).toISOString(),
        close_at: new Date(input.closeAt).toISOString(),
        status: 'DRAFT',
        questionnaire_json: JSON.stringify(questionnaire),
        settings_json: JSON.stringify(settings),
        closed_at: null,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      },
      groups,
    );
    await ledger(trx, ctx, 'evaluation.manage', 'evaluation.created', { id, org_path: subject.org_path }, {
      personId: subject.id,
      purpose: input.purpose,
      campaignId: input.campaignId ?? null,
      groups: Object.fromEntries(groups.map((g) => [g.group, g.tokenCount])),
      minGroupSize: settings.minGroupSize,
    });
    return present(trx, ctx.actor, (await repo.findEvaluation(trx, id))!);
  });
}

/** Edits a DRAFT: times, planned groups, questionnaire, settings. */
export async function updateEvaluation(ctx: ServiceCtx, id: string, input: UpdateEvaluationRequest): Promise<Evaluation> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx.actor, id, 'evaluation.manage');
    if (row.status !== 'DRAFT') throw new AppError('ILLEGAL_TRANSITION', { zh: '测评已开始，不能再修改问卷、群体或时间', en: 'The evaluation has started; it can no longer be edited' });
    const values: Record<string, string> = { updated_at: ctx.clock.now().toISOString() };
    const openAt = input.openAt ?? row.open_at;
    const closeAt = input.closeAt ?? row.close_at;
    if (input.openAt || input.closeAt) {
      checkTimes(openAt, closeAt, ctx.clock.now());
      values.open_at = new Date(openAt).toISOString();
      values.close_at = new Date(closeAt).toISOString();
    }
    if (input.questionnaire) {
      checkQuestionnaire(input.questionnaire);
      values.questionnaire_json = JSON.stringify(input.questionnaire);
    }
    if (input.settings) {
      checkSettings(input.settings);
      values.settings_json = JSON.stringify(input.settings);
    }
    if (input.groups) {
      const groups = checkGroups(input.groups);
      const issued = (await repo.tokenCounts(trx, [id])).filter((c) => c.issued > 0).map((c) => c.rater_group);
      const dropped = issued.filter((g) => !groups.some((x) => x.group === g));
      if (dropped.length) throw fieldError('groups', '已发放测评码的群体不能删除', 'A group with issued tokens cannot be removed');
      await repo.replaceGroups(trx, id, groups);
    }
    if ((await repo.updateEvaluation(trx, id, 'DRAFT', values)) !== 1) throw new AppError('ILLEGAL_TRANSITION', { zh: '测评刚被他人修改，请刷新', en: 'Someone else just changed the evaluation; reload it' });
    await ledger(trx, ctx, 'evaluation.manage', 'evaluation.updated', row, { fields: Object.keys(input).sort() });
    return present(trx, ctx.actor, (await repo.findEvaluation(trx, id))!);
  });
}

export async function listEvaluations(ctx: ServiceCtx, query: ListEvaluationsQuery): Promise<Page<Evaluation>> {
  const perm: Permission = hasPermission(ctx.actor, 'evaluation.manage') ? 'evaluation.manage' : 'evaluation.results';
  if (!hasPermission(ctx.actor, perm)) throw forbidden();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
  const paths = [...new Set([...scopePaths(ctx.actor, 'evaluation.manage'), ...scopePaths(ctx.actor, 'evaluation.results')])];
  const conflicted = await conflictSet(ctx.db, ctx.actor);
  const { rows, total } = await repo.listEvaluations(
    ctx.db,
    { paths, status: query.status, purpose: query.purpose, subjectPersonId: query.subjectPersonId, campaignId: query.campaignId, q: query.q, excludePersonIds: [...conflicted] },
    { page, pageSize, sort: query.sort ?? 'createdAt', order: query.order ?? 'desc' },
  );
  const statuses = await groupStatuses(ctx.db, rows.map((r) => r.id));
  const items: Evaluation[] = [];
  for (const r of rows) {
    const facts = await repo.subjectFacts(ctx.db, r.subject_person_id, todayCst(new Date(r.open_at)));
    items.push(presentEvaluation(r, statuses.get(r.id) ?? [], facts.post, parseQuestionnaire(r.questionnaire_json), parseSettings(r.settings_json), ctx.actor));
  }
  return { items, total, page, pageSize };
}

export async function getEvaluation(ctx: ServiceCtx, id: string): Promise<Evaluation> {
  if (!hasPermission(ctx.actor, 'evaluation.manage') && !hasPermission(ctx.actor, 'evaluation.results')) throw forbidden();
  const perm: Permission = hasPermission(ctx.actor, 'evaluation.manage') ? 'evaluation.manage' : 'evaluation.results';
  const row = await loadVisible(ctx.db, ctx.actor, id, perm);
  return present(ctx.db, ctx.actor, row);
}

/** DRAFT → OPEN and OPEN → CLOSED through the transition table of evaluation.policy.ts. */
async function transition(ctx: ServiceCtx, id: string, name: EvaluationTransitionName): Promise<Evaluation> {
  const t = transitionNamed(name);
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx.actor, id, 'evaluation.manage');
    const illegal = illegalTransitionReason(t, row.status as EvaluationStatus);
    if (illegal) throw new AppError('ILLEGAL_TRANSITION', illegal);
    const now = ctx.clock.now().toISOString();
    let payload: Record<string, unknown> = { from: t.from, to: t.to };
    if (name === 'close') {
      // Seal first: on PostgreSQL this waits for in-flight ballots of this evaluation and refuses later ones.
      await repo.sealRollups(trx, id);
      payload = { ...payload, ...(await finaliseResults(trx, row, now)) };
    }
    if ((await repo.updateEvaluation(trx, id, t.from, { status: t.to, updated_at: now, ...(name === 'close' ? { closed_at: now } : {}) })) !== 1) {
      throw new AppError('ILLEGAL_TRANSITION', { zh: '测评状态刚被他人改变，请刷新', en: 'Someone else just changed the evaluation; reload it' });
    }
    await ledger(trx, ctx, 'evaluation.manage', t.action, row, payload);
    return present(trx, ctx.actor, (await repo.findEvaluation(trx, id))!);
  });
}

export const openEvaluation = (ctx: ServiceCtx, id: string) => transition(ctx, id, 'open');
export const closeEvaluation = (ctx: ServiceCtx, id: string) => transition(ctx, id, 'close');

export type ScoreSubject = Omit<ScoreInput, 'evaluationId' | 'cells'>;

/**
 * Scores evaluations from their ballots (suppression, composite, grade; peers are added when a result is read): the
 * close path for one evaluation and bulk re-scoring of many. One GROUP BY evaluation × group over the ballot table
 * (by id for a few evaluations, a full scan for many), then scoreEvaluation per evaluation. Evaluations without a
 * ballot get no result. No authorization here: the caller checks scope and state.
 */
export async function scoreFromBallots(db: DbOrTrx, subjects: ReadonlyMap<string, ScoreSubject>): Promise<{ cells: GroupCell[]; result: FiveDimensionResult }[]> {
  const cellsById = await repo.ballotCells(db, subjects.size <= 500 ? [...subjects.keys()] : undefined);
  const out: { cells: GroupCell[]; result: FiveDimensionResult }[] = [];
  for (const [evaluationId, cells] of cellsById) {
    const subject = subjects.get(evaluationId);
    if (subject) out.push({ cells, result: scoreEvaluation({ ...subject, evaluationId, cells }) });
  }
  return out;
}

/**
 * At close: score from the ballots (the sealed rollups, which the results-page filter reads, hold the same sums:
 * sealing waited for in-flight ballots and refuses later ones), store the five-dimension row, and return the ledger
 * payload: counts at evaluation level and a SHA-256 over every ballot in primary-key (random) order, so later
 * tampering with ballots is detectable without the ledger ever naming a ballot or a token.
 */
async function finaliseResults(trx: DbOrTrx, row: LoadedEvaluation, now: string): Promise<Record<string, unknown>> {
  const settings = parseSettings(row.settings_json);
  const subject: ScoreSubject = { personId: row.subject_person_id, campaignId: row.campaign_id, closedAt: now, settings };
  const { cells, result } = (await scoreFromBallots(trx, new Map([[row.id, subject]])))[0] ?? { cells: [], result: scoreEvaluation({ ...subject, evaluationId: row.id, cells: [] }) };
  const facts = await repo.subjectFacts(trx, row.subject_person_id, todayCst(new Date(now)));
  await repo.upsertFiveDimension(trx, toFiveDimensionRow(row, result, facts, now));
  const digest = createHash('sha256');
  for (const b of await repo.listBallotsForDigest(trx, row.id)) digest.update(JSON.stringify(b)).update('\n');
  const counts = await repo.tokenCounts(trx, [row.id]);
  return {
    ballots: cells.filter((c) => c.group !== 'SELF').reduce((s, c) => s + c.n, 0),
    tokensIssued: counts.reduce((s, c) => s + c.issued, 0),
    tokensUsed: counts.reduce((s, c) => s + c.used, 0),
    ballotDigest: digest.digest('hex'),
    composite: result.composite,
    grade: result.grade,
  };
}

function toFiveDimensionRow(row: { id: string; subject_person_id: string; campaign_id: string | null; org_path: string }, result: FiveDimensionResult, facts: { rank: string | null; unitType: string | null }, closedAt: string): FiveDimensionEvaluationRow {
  return {
    id: uuidv7(),
    person_id: row.subject_person_id,
    evaluation_id: row.id,
    campaign_id: row.campaign_id,
    org_path: row.org_path,
    virtue: result.scores.virtue,
    ability: result.scores.ability,
    diligence: result.scores.diligence,
    performance: result.scores.performance,
    integrity: result.scores.integrity,
    composite: result.composite,
    grade: result.grade,
    respondents: result.respondents,
    result_json: JSON.stringify(result),
    peer_rank: facts.rank,
    peer_unit_type: facts.unitType,
    closed_at: closedAt,
  };
}

/**
 * Issues `count` new tokens per group (DRAFT or OPEN). The plain tokens are returned once for printing; only
 * their SHA-256 is stored. The ledger records counts per group, never a token or its hash.
 */
export async function issueTokens(ctx: ServiceCtx, id: string, input: IssueTokensRequest): Promise<IssuedTokens> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx.actor, id, 'evaluation.manage');
    if (row.status === 'CLOSED') throw new AppError('ILLEGAL_TRANSITION', { zh: '测评已结束，不能再发放测评码', en: 'The evaluation is closed; no more tokens can be issued' });
    const statuses = (await groupStatuses(trx, [id])).get(id) ?? [];
    const now = ctx.clock.now().toISOString();
    const out: IssuedTokens['groups'] = [];
    const rows: { token_hash: string; evaluation_id: string; rater_group: string; issued_at: string }[] = [];
    for (const g of input.groups) {
      const status = statuses.find((s) => s.group === g.group);
      if (!status) throw fieldError('groups', `该测评没有设置"${g.group}"评价群体，请先在测评中加入该群体`, `The evaluation has no ${g.group} group`);
      if (g.group === 'SELF' && status.issued + g.count > 1) throw fieldError('groups', '本人自评码最多 1 个', 'At most one self-assessment token');
      if (status.issued + g.count > 500) throw fieldError('groups', '每个群体最多发放 500 个测评码', 'At most 500 tokens per group');
      const tokens = Array.from({ length: g.count }, newToken);
      for (const token of tokens) rows.push({ token_hash: hashToken(token), evaluation_id: id, rater_group: g.group, issued_at: now });
      out.push({ group: g.group, tokens });
    }
    await repo.insertTokens(trx, rows);
    await ledger(trx, ctx, 'evaluation.manage', 'evaluation.tokens_issued', row, { counts: Object.fromEntries(input.groups.map((g) => [g.group, g.count])) });
    return { evaluationId: id, subjectName: row.subject_name, closeAt: row.close_at, groups: out };
  });
}

// ---------- results ----------

function requireClosed(row: LoadedEvaluation): void {
  if (row.status !== 'CLOSED') {
    throw new AppError('ILLEGAL_TRANSITION', { zh: '测评尚未结束：结果在测评结束后才能查看（防止根据提交先后推断个人评价）', en: 'Results are available only after the evaluation closes' });
  }
}

async function resultWithPeers(db: DbOrTrx, stored: FiveDimensionEvaluationRow): Promise<FiveDimensionResult> {
  const result = JSON.parse(stored.result_json) as FiveDimensionResult;
  const peers = await repo.peerComposites(db, stored.peer_rank, stored.peer_unit_type);
  peers.delete(stored.person_id);
  const values = [...peers.values()];
  result.peers = {
    rankLevel: stored.peer_rank,
    unitType: stored.peer_unit_type,
    count: values.length,
    percentile: result.composite === null ? null : percentileOf(result.composite, values),
    mean: values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null,
  };
  return result;
}

/** Results of a CLOSED evaluation with suppression applied; `groups` filters over visible cells only. One ledger event. */
export async function getEvaluationResults(ctx: ServiceCtx, id: string, query: ResultsQuery): Promise<EvaluationResults> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx.actor, id, 'evaluation.results');
    requireClosed(row);
    const stored = await repo.findFiveDimensionByEvaluation(trx, id);
    if (!stored) throw notFound(EVALUATION);
    const result = await resultWithPeers(trx, stored);
    const wanted = (query.groups ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const selection = wanted.length ? selectCells(await repo.listRollupCells(trx, id), parseSettings(row.settings_json), wanted) : null;
    await ledger(trx, ctx, 'evaluation.results', 'evaluation.results_viewed', row, { personId: row.subject_person_id, ...(wanted.length ? { filter: wanted.sort() } : {}) });
    return { evaluation: await present(trx, ctx.actor, row), result, selection, freeTextAvailable: freeTextAvailable(ctx.actor, result, parseSettings(row.settings_json)) };
  });
}

function freeTextAvailable(actor: Actor, result: FiveDimensionResult, settings: EvaluationSettings): boolean {
  return hasPermission(actor, 'evaluation.freetext') && (result.respondents ?? 0) >= settings.freeTextMin;
}

const GROUP_ZH: Record<string, string> = {
  SUPERVISING_LEADER: '分管领导',
  COLLEAGUES: '单位同事',
  GENERAL_STAFF: '一般干部',
  SUBORDINATE_UNITS: '直属单位',
  SERVICE_RECIPIENTS: '服务对象',
  DISCIPLINE_ORGAN: '纪检监察机关',
  OTHER: '其他（合并）',
};
const GRADE_ZH: Record<string, string> = { EXCELLENT: '优秀', COMPETENT: '称职', BASICALLY_COMPETENT: '基本称职', INCOMPETENT: '不称职' };

/** The results as .xlsx: built from the same suppressed result as the page (never from ballots). Fresh login; one ledger event. */
export async function exportEvaluationResults(ctx: ServiceCtx, id: string): Promise<{ buffer: Buffer; fileName: string }> {
  requireFreshLogin(ctx, ctx.actor);
  const { writeXlsx } = await import('../../platform/excel/index.ts');
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx.actor, id, 'evaluation.results');
    requireClosed(row);
    const stored = await repo.findFiveDimensionByEvaluation(trx, id);
    if (!stored) throw notFound(EVALUATION);
    const result = await resultWithPeers(trx, stored);
    const hidden = '样本不足，不予显示';
    const rows = result.groups.map((g) => ({
      group: GROUP_ZH[g.group] ?? g.group,
      n: g.shown ? g.n : hidden,
      weight: g.weight,
      effective: g.shown ? g.effectiveWeight : 0,
      mean: g.shown ? g.mean : hidden,
      ...Object.fromEntries(DIMENSIONS.map((d) => [d, g.shown && g.dimensions ? g.dimensions[d] : ''])),
      outlier: g.outlier ? '是' : '',
    }));
    rows.push({
      group: '综合（加权）',
      n: result.respondents ?? hidden,
      weight: 1,
      effective: 1,
      mean: result.composite ?? hidden,
      ...Object.fromEntries(DIMENSIONS.map((d) => [d, result.scores[d] ?? ''])),
      outlier: result.grade ? `等次：${GRADE_ZH[result.grade]}` : '',
    });
    const buffer = await writeXlsx(
      '测评结果',
      [
        { key: 'group', header: '评价群体' },
        { key: 'n', header: '有效票数' },
        { key: 'weight', header: '设定权重' },
        { key: 'effective', header: '实际权重（再分配后）' },
        { key: 'mean', header: '平均分' },
        { key: 'virtue', header: '德' },
        { key: 'ability', header: '能' },
        { key: 'diligence', header: '勤' },
        { key: 'performance', header: '绩' },
        { key: 'integrity', header: '廉' },
        { key: 'outlier', header: '备注' },
      ],
      rows,
    );
    await ledger(trx, ctx, 'evaluation.results', 'evaluation.results_exported', row, { personId: row.subject_person_id, rows: rows.length });
    return { buffer, fileName: `反向测评结果-${row.subject_name}-${todayCst(ctx.clock.now())}.xlsx` };
  });
}

/**
 * Free text for the cadre supervision section (evaluation.freetext) of a closed evaluation with at least
 * freeTextMin respondents; without the rater group and in primary-key (random) order. One ledger event.
 */
export async function getFreeText(ctx: ServiceCtx, id: string): Promise<FreeText> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadVisible(trx, ctx.actor, id, 'evaluation.freetext');
    requireClosed(row);
    const stored = await repo.findFiveDimensionByEvaluation(trx, id);
    const settings = parseSettings(row.settings_json);
    const respondents = stored?.respondents ?? 0;
    if (respondents < settings.freeTextMin) {
      throw new AppError('FORBIDDEN', { zh: `参评人数不足 ${settings.freeTextMin} 人，文字意见不予显示`, en: `Comments are shown only with at least ${settings.freeTextMin} respondents` });
    }
    const comments = (await repo.listFreeTexts(trx, id)).map((e) => ctx.cipher.decrypt(e));
    await ledger(trx, ctx, 'evaluation.freetext', 'evaluation.freetext_viewed', row, { personId: row.subject_person_id, comments: comments.length });
    return { evaluationId: id, respondents, comments };
  });
}

// ---------- functions for other modules (judgment, reports) ----------

/**
 * The stored five-dimension result of a closed evaluation (suppression already applied) with peer percentiles;
 * undefined if the evaluation is not closed. No authorization here: the caller checks scope and conflicts.
 */
export async function getFiveDimensionResult(db: DbOrTrx, evaluationId: string): Promise<FiveDimensionResult | undefined> {
  const stored = await repo.findFiveDimensionByEvaluation(db, evaluationId);
  return stored ? resultWithPeers(db, stored) : undefined;
}

/** The newest closed-evaluation result per person (suppression applied, peers filled in). No authorization here. */
export async function latestFiveDimensionByPerson(db: DbOrTrx, personIds: string[]): Promise<Map<string, FiveDimensionResult>> {
  const rows = await repo.latestFiveDimensionRows(db, [...new Set(personIds)]);
  const peerCache = new Map<string, Map<string, number>>();
  const out = new Map<string, FiveDimensionResult>();
  for (const stored of rows) {
    const key = `${stored.peer_rank ?? ''}|${stored.peer_unit_type ?? ''}`;
    let peers = peerCache.get(key);
    if (!peers) {
      peers = await repo.peerComposites(db, stored.peer_rank, stored.peer_unit_type);
      peerCache.set(key, peers);
    }
    const result = JSON.parse(stored.result_json) as FiveDimensionResult;
    const values = [...peers.entries()].filter(([p]) => p !== stored.person_id).map(([, v]) => v);
    result.peers = {
      rankLevel: stored.peer_rank,
      unitType: stored.peer_unit_type,
      count: values.length,
      percentile: result.composite === null ? null : percentileOf(result.composite, values),
      mean: values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null,
    };
    out.set(stored.person_id, result);
  }
  return out;
}

// ---------- raters (public, no login, no actor) ----------

const TOKEN_INVALID: Text = { zh: '测评链接无效，请核对您收到的链接或二维码', en: 'This evaluation link is not valid; check the link or QR code you were given' };

/** What the rater page shows for a token: its state, and for a usable token the subject and the questionnaire. */
export async function getBallotForm(deps: AppDeps, token: string): Promise<BallotForm> {
  const found = await repo.findToken(deps.db, hashToken(token));
  if (!found) throw new AppError('NOT_FOUND', TOKEN_INVALID);
  const row = await repo.findEvaluation(deps.db, found.evaluation_id);
  if (!row || row.status === 'DRAFT') throw new AppError('NOT_FOUND', TOKEN_INVALID);
  const empty = { subjectName: null, subjectPost: null, closeAt: null, openAt: null, isSelf: found.rater_group === 'SELF', questionnaire: null };
  if (found.used) return { state: 'USED', ...empty };
  const now = deps.clock.now().toISOString();
  if (row.status === 'CLOSED' || now >= row.close_at) return { state: 'CLOSED', ...empty };
  const facts = await repo.subjectFacts(deps.db, row.subject_person_id, todayCst(deps.clock.now()));
  const base = { subjectName: row.subject_name, subjectPost: facts.post, closeAt: row.close_at, openAt: row.open_at, isSelf: found.rater_group === 'SELF' };
  if (now < row.open_at) return { state: 'NOT_OPEN', ...base, questionnaire: null };
  return { state: 'READY', ...base, questionnaire: parseQuestionnaire(row.questionnaire_json) };
}

/** Per-dimension scores (0–100) of one ballot: item-weighted means of option points; overall by dimension weights. */
export function scoreBallot(q: Questionnaire, answers: Record<string, string>): Record<Metric, number> {
  const points = new Map(q.options.map((o) => [o.key, o.points]));
  const known = new Set(q.dimensions.flatMap((d) => d.items.map((i) => i.id)));
  for (const id of Object.keys(answers)) if (!known.has(id)) throw fieldError(`answers.${id}`, '问卷中没有这道题，请刷新页面后重新填写', 'This question is not in the questionnaire; reload the page');
  const out = {} as Record<Metric, number>;
  let overall = 0;
  const dimWeight = q.dimensions.reduce((s, d) => s + d.weight, 0);
  q.dimensions.forEach((d, di) => {
    let sum = 0;
    let w = 0;
    d.items.forEach((item, ii) => {
      const answer = answers[item.id];
      const p = answer === undefined ? undefined : points.get(answer);
      if (p === undefined) throw fieldError(`answers.${item.id}`, `请回答第 ${di + 1} 部分第 ${ii + 1} 题："${item.text}"`, `Answer question ${ii + 1} of part ${di + 1}`);
      sum += p * item.weight;
      w += item.weight;
    });
    out[d.key] = sum / w;
    overall += (d.weight / dimWeight) * out[d.key];
  });
  out.overall = overall;
  return out;
}

/**
 * One ballot for one token, committed together with the ballots that arrived meanwhile (BallotWriter): the token is
 * marked used only if it was unused (the database decides: a conditional UPDATE, so two concurrent submissions cannot
 * both succeed), the ballot is inserted with a random UUIDv4 id and no time or token reference, and its group's rollup
 * is incremented unless closing has sealed it. No ledger event (see evaluation.ledger-steps.ts `exempt`): the ledger's
 * exact time and sequence would be an ordered, timed record of submissions; the close event carries the
 * evaluation-level counts instead.
 */
export async function submitBallot(deps: AppDeps, input: SubmitBallotRequest): Promise<void> {
  await ballotWriterOf(deps.db).submit({ deps, tokenHash: hashToken(input.token), input });
}

type QueuedBallot = { deps: AppDeps; tokenHash: string; input: SubmitBallotRequest };
type Queued = { ballot: QueuedBallot; resolve: () => void; reject: (e: unknown) => void };
type Outcome = { ok: true } | { ok: false; error: unknown };

/**
 * Concurrent ballots are checked and written together: the submissions that arrive while a commit is running are
 * handled by the next group-commit job (platform/group-commit.ts): one read of their tokens and evaluations, the checks
 * and scoring of each ballot, one conditional UPDATE of the valid ballots' tokens, one multi-row INSERT of the accepted
 * ballots (in random order, with random ids, no time and no token), one rollup UPDATE per evaluation × group, then one
 * durable commit; each submission is acknowledged only after that commit, and a refused one (unknown or used token,
 * closed evaluation, bad answers) fails alone. A sealed rollup (the evaluation is being closed) fails the job, which
 * is rolled back whole; its ballots are then written one by one so that only the closing evaluation's ballots are
 * refused. Batching adds no link between ballots: nothing about the batch is stored.
 */
class BallotWriter {
  readonly #db: AppDeps['db'];
  readonly #queue: Queued[] = [];
  #running = false;
  readonly stats = { batches: 0, ballots: 0, largestBatch: 0 };

  constructor(db: AppDeps['db']) {
    this.#db = db;
  }

  submit(ballot: QueuedBallot): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ ballot, resolve, reject });
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queue.length > 0) {
        // one turn of the event loop: submissions that arrived meanwhile join this batch
        await new Promise<void>((resolve) => setImmediate(resolve));
        // as many as the group commit takes jobs (DEFAULT_GROUP_COMMIT_BATCH; 1 turns batching off here too)
        await this.#write(this.#queue.splice(0, groupCommitterOf(this.#db)?.maxBatch ?? DEFAULT_GROUP_COMMIT_BATCH));
      }
    } finally {
      this.#running = false;
    }
  }

  async #write(batch: Queued[]): Promise<void> {
    this.stats.batches++;
    this.stats.ballots += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    let outcomes: Outcome[];
    try {
      outcomes = await groupCommit(this.#db, (trx) => writeBallots(trx, batch.map((b) => b.ballot)), { rerunnable: true });
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const b of batch) {
        try {
          settle(b, (await groupCommit(this.#db, (trx) => writeBallots(trx, [b.ballot]), { rerunnable: true }))[0]!);
        } catch (e) {
          b.reject(e);
        }
      }
      return;
    }
    batch.forEach((b, i) => settle(b, outcomes[i]!));
  }
}

function settle(b: Queued, o: Outcome): void {
  if (o.ok) b.resolve();
  else b.reject(o.error);
}

const ballotWriters = new WeakMap<AppDeps['db'], BallotWriter>();
function ballotWriterOf(db: AppDeps['db']): BallotWriter {
  let w = ballotWriters.get(db);
  if (!w) {
    w = new BallotWriter(db);
    ballotWriters.set(db, w);
  }
  return w;
}

/** Ballot batching figures of `db` (benchmarks). */
export function ballotWriterStats(db: AppDeps['db']): { batches: number; ballots: number; largestBatch: number } {
  return { ...ballotWriterOf(db).stats };
}

/** A parsed questionnaire per stored JSON text (an evaluation's questionnaire is frozen once it opens). */
const questionnaires = new Map<string, Questionnaire>();
function questionnaireOf(json: string): Questionnaire {
  let q = questionnaires.get(json);
  if (!q) {
    if (questionnaires.size >= 64) questionnaires.clear();
    q = parseQuestionnaire(json);
    questionnaires.set(json, q);
  }
  return q;
}

type CheckedBallot = { tokenHash: string; evaluationId: string; group: string; scores: Record<Metric, number>; answer: SubmitBallotRequest['integrity']; freeTextEnc: string | null };

type FoundToken = Awaited<ReturnType<typeof repo.findTokensForSubmit>> extends Map<string, infer R> ? R : never;

/** The checks of one submission against its token and evaluation, in the order the rater should hear about them. */
function checkBallot(b: QueuedBallot, found: FoundToken | undefined): CheckedBallot {
  if (!found || found.status === 'DRAFT') throw new AppError('NOT_FOUND', TOKEN_INVALID);
  const now = b.deps.clock.now().toISOString();
  if (found.used) throw usedError();
  if (found.status === 'CLOSED' || now >= found.close_at) throw closedError();
  if (now < found.open_at) throw new AppError('ILLEGAL_TRANSITION', { zh: '测评尚未开始，请在开始时间之后再填写', en: 'The evaluation has not opened yet' });
  const questionnaire = questionnaireOf(found.questionnaire_json);
  const scores = scoreBallot(questionnaire, b.input.answers);
  const text = questionnaire.freeText ? b.input.freeText?.trim() : undefined;
  return { tokenHash: b.tokenHash, evaluationId: found.evaluation_id, group: found.rater_group, scores, answer: b.input.integrity, freeTextEnc: text ? b.deps.cipher.encrypt(text) : null };
}

/** One transaction's worth of ballots (see BallotWriter); throws closedError when a rollup is sealed. */
async function writeBallots(trx: DbOrTrx, ballots: QueuedBallot[]): Promise<Outcome[]> {
  const found = await repo.findTokensForSubmit(trx, [...new Set(ballots.map((b) => b.tokenHash))]);
  const outcomes: Outcome[] = [];
  const checked: (CheckedBallot | null)[] = ballots.map((b, i) => {
    try {
      return checkBallot(b, found.get(b.tokenHash));
    } catch (error) {
      outcomes[i] = { ok: false, error };
      return null;
    }
  });
  const consumed = await repo.consumeTokens(trx, [...new Set(checked.flatMap((c) => (c ? [c.tokenHash] : [])))]);
  // each marked token admits exactly one ballot: the first submission holding it
  const accepted: CheckedBallot[] = [];
  checked.forEach((c, i) => {
    if (!c) return;
    if (consumed.delete(c.tokenHash)) {
      accepted.push(c);
      outcomes[i] = { ok: true };
    } else outcomes[i] = { ok: false, error: usedError() };
  });
  if (accepted.length === 0) return outcomes;
  const rows = accepted.map((b) => ({
    id: randomUUID(),
    evaluation_id: b.evaluationId,
    rater_group: b.group,
    virtue: b.scores.virtue,
    ability: b.scores.ability,
    diligence: b.scores.diligence,
    performance: b.scores.performance,
    integrity: b.scores.integrity,
    overall: b.scores.overall,
    integrity_answer: b.answer,
    free_text_enc: b.freeTextEnc,
  }));
  // random order within the batch: arrival order is not kept even in a heap's physical order
  for (let i = rows.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  await repo.insertBallots(trx, rows);
  const deltas = new Map<string, { evaluationId: string; group: string; d: repo.RollupDelta }>();
  for (const b of accepted) {
    const key = `${b.evaluationId}\u0000${b.group}`;
    let e = deltas.get(key);
    if (!e) {
      const zero = () => ({ virtue: 0, ability: 0, diligence: 0, performance: 0, integrity: 0, overall: 0 });
      e = { evaluationId: b.evaluationId, group: b.group, d: { n: 0, sum: zero(), sq: zero(), noIssue: 0, heard: 0, known: 0, freeTexts: 0 } };
      deltas.set(key, e);
    }
    const d = e.d;
    d.n++;
    for (const m of METRICS) {
      d.sum[m] += b.scores[m];
      d.sq[m] += b.scores[m] * b.scores[m];
    }
    if (b.answer === 'NO_ISSUE') d.noIssue++;
    else if (b.answer === 'HEARD_CONCERNS') d.heard++;
    else d.known++;
    if (b.freeTextEnc !== null) d.freeTexts++;
  }
  // a fixed order (by evaluation, then group), so two processes' batches cannot deadlock on rollup rows
  for (const key of [...deltas.keys()].sort()) {
    const e = deltas.get(key)!;
    if (!(await repo.addToRollup(trx, e.evaluationId, e.group, e.d))) throw closedError();
  }
  return outcomes;
}

const usedError = () => new AppError('CONFLICT', { zh: '该测评码已经使用过，每个测评码只能提交一次', en: 'This token has already been used; each token can be used once' });
const closedError = () => new AppError('ILLEGAL_TRANSITION', { zh: '测评已经结束，不能再提交', en: 'The evaluation has closed; no more submissions' });
