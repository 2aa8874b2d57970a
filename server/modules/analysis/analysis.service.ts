/**
 * Analysis campaign use cases (SPEC M5, issue 4 deliverable 2): the campaign and its transitions, the team,
 * letters of inquiry, talk outlines, talks (notes encrypted, readable by the team with talk.notes only), field
 * visits, document reviews and public tips. Every write and every confidential read is one ledger event in the
 * same transaction; payloads hold ids and counts, never names or note text. Dates are China Standard Time.
 */
import { uuidv7 } from 'uuidv7';
import type {
  AddMember,
  Campaign,
  CampaignTransitionName,
  CreateCampaign,
  CreateDocumentReview,
  CreateLetter,
  CreateOutline,
  CreateTalk,
  CreateTip,
  CreateVisit,
  DocumentReview,
  Letter,
  ListCampaignsQuery,
  ListDocumentsQuery,
  ListLettersQuery,
  ListTalksQuery,
  ListTipsQuery,
  ListVisitsQuery,
  MemberCandidate,
  MemberCandidatesQuery,
  Outline,
  PublishNotice,
  ReplyLetter,
  Talk,
  TalkLevel,
  TalkNotes,
  Tip,
  TipContent,
  TransitionCampaign,
  UpdateTalkLevel,
  Visit,
} from '../../../contracts/analysis.ts';
import { ANALYSIS_LIMITS } from '../../../contracts/analysis.ts';
import type { Page } from '../../../contracts/common.ts';
import { ROLES } from '../../../contracts/enums.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import { inTransaction, type DbOrTrx, type Trx } from '../../db/database.ts';
import type { AnalysisCampaignRow } from '../../db/schema.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { roleNameZh } from '../../platform/export-file.ts';
import { AppError, fieldError, forbidden, notFound, type Text } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, isPathInScope, scopePaths, type Actor } from '../../platform/scope.ts';
import { listRegisteredRelativeIds } from '../people/index.ts';
import { campaignTransition, canManageCampaign, canReadTalkNotes, illegalStateReason, isOpenForRecords } from './analysis.policy.ts';
import { asStatus, parseIds, presentDocument, presentLetter, presentTalk, presentTip, presentVisit, type Names } from './analysis.presenter.ts';
import * as repo from './analysis.repository.ts';

export const CAMPAIGN: Text = { zh: '研判活动', en: 'analysis campaign' };
const LETTER: Text = { zh: '函询', en: 'letter of inquiry' };
const TALK: Text = { zh: '谈话记录', en: 'talk' };
const TIP: Text = { zh: '群众来信来访', en: 'public tip' };
const UNIT: Text = { zh: '单位', en: 'unit' };

/** Today in China Standard Time (UTC+8), `YYYY-MM-DD`. */
export function todayCst(ctx: Pick<ServiceCtx, 'clock'>): string {
  return new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function roleFor(actor: Actor, permission: Permission): string | undefined {
  return actor.roles.find((r) => roleHasPermission(r, permission));
}

const forbiddenBecause = (text: Text) => new AppError('FORBIDDEN', text);
const NOT_ON_TEAM: Text = { zh: '只有本次研判活动工作组成员可以录入或修改研判材料，请先由组长将您加入工作组', en: 'Only members of the campaign team may record campaign material; ask the team lead to add you' };
const CLOSED: Text = { zh: '该研判活动已结束，不能再录入材料', en: 'The campaign is concluded; no more records can be added' };

function pageOf(query: { page?: number; pageSize?: number }) {
  return { page: query.page ?? 1, pageSize: query.pageSize ?? LIMITS.pageSizeDefault };
}

/** The caller's own person and registered relatives (both directions): the conflict filter of SPEC §4 rule 3. */
export async function conflictIds(db: DbOrTrx, actor: Actor): Promise<string[]> {
  if (!actor.personId) return [];
  const set = await listRegisteredRelativeIds(db, actor.personId);
  set.add(actor.personId);
  return [...set];
}

function checkDate(value: string, field: string): string {
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) throw fieldError(field, `${value} 不是有效日期`, `${value} is not a valid date`);
  return value;
}

// ---------- campaign loading ----------

/** The campaign if it lies in the caller's campaign.read scope, else 404 (no existence oracle). */
export async function loadCampaign(ctx: ServiceCtx, db: DbOrTrx, id: string): Promise<AnalysisCampaignRow> {
  if (!hasPermission(ctx.actor, 'campaign.read')) throw forbidden();
  const row = await repo.findCampaign(db, id);
  if (!row || !isPathInScope(row.org_path, scopePaths(ctx.actor, 'campaign.read'))) throw notFound(CAMPAIGN);
  return row;
}

/** For writes: in scope, campaign.manage, on the team, campaign not concluded. */
async function loadCampaignForRecords(ctx: ServiceCtx, db: DbOrTrx, id: string): Promise<AnalysisCampaignRow> {
  const row = await loadCampaign(ctx, db, id);
  if (!hasPermission(ctx.actor, 'campaign.manage')) throw forbidden();
  if (!(await repo.isMember(db, row.id, ctx.actor.userId))) throw forbiddenBecause(NOT_ON_TEAM);
  if (!isOpenForRecords(row.status)) throw new AppError('ILLEGAL_TRANSITION', CLOSED);
  return row;
}

async function ledger(trx: Trx, ctx: ServiceCtx, permission: Permission, action: string, objectType: string, objectId: string, orgPath: string, payload: Record<string, unknown>): Promise<number> {
  return appendLedgerEvent(trx, ledgerActor(ctx.actor, roleFor(ctx.actor, permission)), { action, objectType, objectId, orgPath, payload }, ctx.clock.now());
}

async function namesOf(db: DbOrTrx, personIds: string[], unitIds: string[] = []): Promise<Names> {
  const names: Names = new Map();
  for (const p of await repo.findPeople(db, personIds)) names.set(p.id, p.name);
  for (const u of await repo.findUnits(db, unitIds)) names.set(u.id, u.name);
  return names;
}

// ---------- campaigns ----------

async function presentCampaign(ctx: ServiceCtx, db: DbOrTrx, row: AnalysisCampaignRow): Promise<Campaign> {
  const townIds = parseIds(row.scope_town_ids);
  const towns = new Map((await repo.findUnits(db, townIds)).map((u) => [u.id, u.name]));
  const members = await repo.listMembers(db, row.id);
  const onTeam = members.some((m) => m.user_id === ctx.actor.userId);
  const can = (name: CampaignTransitionName) => {
    const t = campaignTransition(name);
    return row.status === t.from && hasPermission(ctx.actor, t.permission) && (t.permission !== 'campaign.manage' || onTeam);
  };
  return {
    id: row.id,
    name: row.name,
    scopeTowns: townIds.map((id) => ({ id, name: towns.get(id) ?? '—' })),
    startAt: row.start_at,
    endAt: row.end_at,
    notice: row.notice_published_at ? { publishedAt: row.notice_published_at, media: row.notice_media ?? '', text: row.notice_text ?? '' } : null,
    status: asStatus(row.status),
    team: members.map((m) => ({ id: m.id, userId: m.user_id, personId: m.person_id, displayName: m.display_name, teamRole: m.team_role as 'LEAD' | 'MEMBER' })),
    allowed: { start: can('start'), analyse: can('analyse'), conclude: can('conclude'), manage: canManageCampaign(ctx.actor, onTeam) && isOpenForRecords(row.status), readNotes: canReadTalkNotes(ctx.actor, onTeam) },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getCampaign(ctx: ServiceCtx, id: string): Promise<Campaign> {
  const row = await loadCampaign(ctx, ctx.db, id);
  return presentCampaign(ctx, ctx.db, row);
}

export async function listCampaigns(ctx: ServiceCtx, query: ListCampaignsQuery): Promise<Page<Campaign>> {
  if (!hasPermission(ctx.actor, 'campaign.read')) throw forbidden();
  const p = pageOf(query);
  const { rows, total } = await repo.listCampaigns(ctx.db, scopePaths(ctx.actor, 'campaign.read'), { ...p, status: query.status, q: query.q, sort: query.sort, order: query.order });
  const items: Campaign[] = [];
  for (const r of rows) items.push(await presentCampaign(ctx, ctx.db, r));
  return { items, total, ...p };
}

/** Creates a campaign in PLANNING over towns/streets in the caller's scope; the creator leads the team. */
export async function createCampaign(ctx: ServiceCtx, input: CreateCampaign): Promise<Campaign> {
  if (!hasPermission(ctx.actor, 'campaign.manage')) throw forbidden();
  const root = ctx.actor.roots.find((r) => roleHasPermission(r.role, 'campaign.manage'));
  if (!root) throw forbidden();
  const startAt = checkDate(input.startAt, 'startAt');
  const endAt = checkDate(input.endAt, 'endAt');
  if (endAt < startAt) throw fieldError('endAt', '结束日期不能早于开始日期', 'The end date may not be before the start date');
  const townIds = [...new Set(input.scopeTownIds)];
  return inTransaction(ctx.db, async (trx) => {
    const units = await repo.findUnits(trx, townIds);
    const scope = scopePaths(ctx.actor, 'campaign.manage');
    for (const id of townIds) {
      const u = units.find((x) => x.id === id);
      if (!u || !isPathInScope(u.path, scope)) throw notFound(UNIT);
      if (u.type !== 'TOWN' && u.type !== 'STREET') throw fieldError('scopeTownIds', `"${u.name}"不是乡镇或街道，研判范围只能选择乡镇（街道）`, `"${u.name}" is not a town or street; the scope lists towns and streets only`);
    }
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await repo.insertCampaign(trx, {
      id, name: input.name.trim(), scope_town_ids: JSON.stringify(townIds), start_at: startAt, end_at: endAt, notice_published_at: null, notice_media: null, notice_text: null,
      status: 'PLANNING', owner_org_unit_id: root.orgUnitId, org_path: root.path, created_by: ctx.actor.userId, created_at: now, updated_at: now,
    });
    await repo.insertMember(trx, { id: uuidv7(), campaign_id: id, user_id: ctx.actor.userId, person_id: ctx.actor.personId, display_name: ctx.actor.displayName, team_role: 'LEAD', created_at: now });
    await ledger(trx, ctx, 'campaign.manage', 'campaign.created', 'analysis_campaign', id, root.path, { towns: townIds.length, startAt, endAt });
    return presentCampaign(ctx, trx, (await repo.findCampaign(trx, id))!);
  });
}

export async function publishNotice(ctx: ServiceCtx, id: string, input: PublishNotice): Promise<Campaign> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadCampaignForRecords(ctx, trx, id);
    const publishedAt = checkDate(input.publishedAt, 'publishedAt');
    await repo.updateCampaign(trx, id, { notice_published_at: publishedAt, notice_media: input.media.trim(), notice_text: input.text.trim(), updated_at: ctx.clock.now().toISOString() });
    await ledger(trx, ctx, 'campaign.manage', 'campaign.notice_published', 'analysis_campaign', id, row.org_path, { publishedAt, media: input.media.trim() });
    return presentCampaign(ctx, trx, (await repo.findCampaign(trx, id))!);
  });
}

/** In-scope cadres of a campaign: cadres on the town teams (leadership posts at the scope towns) at its start. */
export async function listCampaignCadreIds(db: DbOrTrx, campaign: Pick<AnalysisCampaignRow, 'scope_town_ids' | 'start_at'>): Promise<string[]> {
  return repo.listTeamCadreIds(db, parseIds(campaign.scope_town_ids), campaign.start_at);
}

/**
 * The one function that changes a campaign's state: scope (404), permission (403; `analyse` also needs team
 * membership), state (409 ILLEGAL_TRANSITION with the reason), guard (409 with the reason), then the update with a
 * compare-and-set on the old status and its ledger event in one transaction.
 */
export async function transitionCampaign(ctx: ServiceCtx, id: string, name: CampaignTransitionName, input: TransitionCampaign = {}): Promise<Campaign> {
  const t = campaignTransition(name);
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadCampaign(ctx, trx, id);
    if (!hasPermission(ctx.actor, t.permission)) throw forbidden();
    if (t.permission === 'campaign.manage' && !(await repo.isMember(trx, id, ctx.actor.userId))) throw forbiddenBecause(NOT_ON_TEAM);
    const illegal = illegalStateReason(t, row.status);
    if (illegal) throw new AppError('ILLEGAL_TRANSITION', illegal);
    const facts = { lettersOpen: 0, cadresInScope: 0, cadresJudged: 0 };
    if (name === 'analyse') facts.lettersOpen = await repo.countOpenLetters(trx, id);
    if (name === 'conclude') {
      const cadres = await listCampaignCadreIds(trx, row);
      const judged = await repo.listEndorsedJudgmentCadreIds(trx, id);
      facts.cadresInScope = cadres.length;
      facts.cadresJudged = cadres.filter((c) => judged.has(c)).length;
    }
    const blocked = t.guard?.(facts);
    if (blocked) throw new AppError('ILLEGAL_TRANSITION', blocked);
    const updated = await repo.updateCampaign(trx, id, { status: t.to, updated_at: ctx.clock.now().toISOString() }, t.from);
    if (updated !== 1) throw new AppError('ILLEGAL_TRANSITION', { zh: '该研判活动状态刚被他人更改，请刷新后重试', en: 'Someone else just changed this campaign; reload it' });
    const note = input.note?.trim() || null;
    await ledger(trx, ctx, t.permission, t.action, 'analysis_campaign', id, row.org_path, { from: t.from, to: t.to, note, ...facts });
    return presentCampaign(ctx, trx, (await repo.findCampaign(trx, id))!);
  });
}

// ---------- team ----------

export async function addMember(ctx: ServiceCtx, id: string, input: AddMember): Promise<Campaign> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadCampaignForRecords(ctx, trx, id);
    const user = await repo.findUser(trx, input.userId);
    if (!user || user.is_disabled) throw notFound({ zh: '用户', en: 'user' });
    if (await repo.isMember(trx, id, user.id)) throw new AppError('CONFLICT', { zh: '该用户已在工作组中', en: 'The user is already on the team' });
    const memberId = uuidv7();
    await repo.insertMember(trx, { id: memberId, campaign_id: id, user_id: user.id, person_id: user.person_id, display_name: user.display_name, team_role: input.teamRole, created_at: ctx.clock.now().toISOString() });
    await ledger(trx, ctx, 'campaign.manage', 'campaign.member_added', 'analysis_campaign', id, row.org_path, { memberId, userId: user.id, teamRole: input.teamRole });
    return presentCampaign(ctx, trx, row);
  });
}

/** Roles whose holders do the campaign's work: record material (campaign.manage) or draft judgments (judgment.write). */
const TEAM_CAPABLE_ROLES = ROLES.filter((r) => roleHasPermission(r, 'campaign.manage') || roleHasPermission(r, 'judgment.write'));

/** The campaign unit and its ancestors (`/a/b/c/` → `/a/`, `/a/b/`, `/a/b/c/`). */
function selfAndAncestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_p, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/**
 * Users the team lead may add (the picker of the Team tab): active users holding a team-capable role over the
 * campaign's unit, not yet on the team. Same checks as adding a member (scope 404, campaign.manage, on the team).
 */
export async function listMemberCandidates(ctx: ServiceCtx, id: string, query: MemberCandidatesQuery): Promise<MemberCandidate[]> {
  const row = await loadCampaignForRecords(ctx, ctx.db, id);
  const rows = await repo.listMemberCandidates(ctx.db, { campaignId: row.id, roles: [...TEAM_CAPABLE_ROLES], unitPaths: selfAndAncestorPaths(row.org_path), today: todayCst(ctx), q: query.q?.trim() || undefined, limit: 20 });
  const byUser = new Map<string, MemberCandidate>();
  for (const r of rows) {
    const c = byUser.get(r.user_id) ?? { userId: r.user_id, displayName: r.display_name, roles: [] };
    const zh = roleNameZh(r.role);
    if (!c.roles.includes(zh)) c.roles.push(zh);
    byUser.set(r.user_id, c);
  }
  return [...byUser.values()].slice(0, 20);
}

export async function removeMember(ctx: ServiceCtx, id: string, memberId: string): Promise<Campaign> {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadCampaignForRecords(ctx, trx, id);
    const members = await repo.listMembers(trx, id);
    const target = members.find((m) => m.id === memberId);
    if (!target) throw notFound({ zh: '工作组成员', en: 'team member' });
    if (target.team_role === 'LEAD' && members.filter((m) => m.team_role === 'LEAD').length === 1) {
      throw new AppError('CONFLICT', { zh: '工作组至少要有一名组长，请先指定新的组长', en: 'The team needs at least one lead; add another lead first' });
    }
    await repo.deleteMember(trx, id, memberId);
    await ledger(trx, ctx, 'campaign.manage', 'campaign.member_removed', 'analysis_campaign', id, row.org_path, { memberId, userId: target.user_id });
    return presentCampaign(ctx, trx, row);
  });
}

// ---------- letters ----------

export async function listLetters(ctx: ServiceCtx, campaignId: string, query: ListLettersQuery): Promise<Page<Letter>> {
  await loadCampaign(ctx, ctx.db, campaignId);
  const p = pageOf(query);
  const today = todayCst(ctx);
  const { rows, total } = await repo.listLetters(ctx.db, campaignId, { ...p, state: query.state, q: query.q, today, sort: query.sort, order: query.order });
  return { items: rows.map((r) => presentLetter(r, today)), total, ...p };
}

export async function createLetter(ctx: ServiceCtx, campaignId: string, input: CreateLetter): Promise<Letter> {
  return inTransaction(ctx.db, async (trx) => {
    await loadCampaignForRecords(ctx, trx, campaignId);
    const [unit] = await repo.findUnits(trx, [input.toOrgUnitId]);
    if (!unit || !isPathInScope(unit.path, scopePaths(ctx.actor, 'campaign.manage'))) throw notFound(UNIT);
    const sentAt = checkDate(input.sentAt, 'sentAt');
    const dueAt = checkDate(input.dueAt, 'dueAt');
    if (dueAt < sentAt) throw fieldError('dueAt', '回复期限不能早于发函日期', 'The due date may not be before the date sent');
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await repo.insertLetter(trx, { id, campaign_id: campaignId, to_org_unit_id: unit.id, org_path: unit.path, subject: input.subject.trim(), sent_at: sentAt, due_at: dueAt, replied_at: null, reply_text: null, reply_attachment_hashes: '[]', overdue_marked_at: null, created_by: ctx.actor.userId, created_at: now, updated_at: now });
    await ledger(trx, ctx, 'campaign.manage', 'letter.sent', 'letter_inquiry', id, unit.path, { campaignId, toOrgUnitId: unit.id, sentAt, dueAt });
    return presentLetter({ ...(await repo.findLetter(trx, id))!, unit_name: unit.name }, todayCst(ctx));
  });
}

async function loadLetterForRecords(ctx: ServiceCtx, trx: Trx, id: string) {
  const letter = await repo.findLetter(trx, id);
  if (!letter) throw notFound(LETTER);
  try {
    await loadCampaign(ctx, trx, letter.campaign_id);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw notFound(LETTER);
    throw e;
  }
  await loadCampaignForRecords(ctx, trx, letter.campaign_id);
  const [unit] = await repo.findUnits(trx, [letter.to_org_unit_id]);
  return { letter, unitName: unit?.name ?? '—' };
}

export async function replyLetter(ctx: ServiceCtx, id: string, input: ReplyLetter): Promise<Letter> {
  return inTransaction(ctx.db, async (trx) => {
    const { letter, unitName } = await loadLetterForRecords(ctx, trx, id);
    if (letter.replied_at) throw new AppError('ILLEGAL_TRANSITION', { zh: `该函询已于 ${letter.replied_at} 登记回复`, en: `A reply was already recorded on ${letter.replied_at}` });
    const repliedAt = checkDate(input.repliedAt, 'repliedAt');
    if (repliedAt < letter.sent_at) throw fieldError('repliedAt', '回复日期不能早于发函日期', 'The reply date may not be before the date sent');
    const hashes = [...new Set(input.attachmentHashes ?? [])];
    const updated = await repo.updateLetter(trx, id, { replied_at: repliedAt, reply_text: input.replyText.trim(), reply_attachment_hashes: JSON.stringify(hashes), updated_at: ctx.clock.now().toISOString() });
    if (updated !== 1) throw new AppError('ILLEGAL_TRANSITION', { zh: '该函询刚被他人登记回复，请刷新', en: 'Someone else just recorded a reply; reload' });
    await ledger(trx, ctx, 'campaign.manage', 'letter.replied', 'letter_inquiry', id, letter.org_path, { campaignId: letter.campaign_id, repliedAt, attachments: hashes.length, late: repliedAt > letter.due_at });
    return presentLetter({ ...(await repo.findLetter(trx, id))!, unit_name: unitName }, todayCst(ctx));
  });
}

/** Records a letter as overdue: only once its due date has passed by the clock and while it has no reply. */
export async function markLetterOverdue(ctx: ServiceCtx, id: string): Promise<Letter> {
  return inTransaction(ctx.db, async (trx) => {
    const { letter, unitName } = await loadLetterForRecords(ctx, trx, id);
    const today = todayCst(ctx);
    if (letter.replied_at) throw new AppError('ILLEGAL_TRANSITION', { zh: '该函询已回复，不能标记为逾期', en: 'The letter was replied; it cannot be marked overdue' });
    if (letter.overdue_marked_at) throw new AppError('ILLEGAL_TRANSITION', { zh: '该函询已标记为逾期', en: 'The letter is already marked overdue' });
    if (letter.due_at >= today) throw new AppError('ILLEGAL_TRANSITION', { zh: `回复期限为 ${letter.due_at}，尚未逾期，不能标记`, en: `The letter is due on ${letter.due_at}; it is not overdue yet` });
    await repo.updateLetter(trx, id, { overdue_marked_at: ctx.clock.now().toISOString(), updated_at: ctx.clock.now().toISOString() });
    await ledger(trx, ctx, 'campaign.manage', 'letter.marked_overdue', 'letter_inquiry', id, letter.org_path, { campaignId: letter.campaign_id, dueAt: letter.due_at });
    return presentLetter({ ...(await repo.findLetter(trx, id))!, unit_name: unitName }, today);
  });
}

// ---------- outlines ----------

async function loadPersonInScope(ctx: ServiceCtx, db: DbOrTrx, id: string, field: string) {
  const [p] = await repo.findPeople(db, [id]);
  if (!p || !isPathInScope(p.org_path, scopePaths(ctx.actor, 'campaign.manage'))) throw new AppError('NOT_FOUND', { zh: `未找到${field}所选人员，或不在您的工作范围内`, en: `The person given as ${field} was not found or is outside your scope` });
  return p;
}

export async function listOutlines(ctx: ServiceCtx, campaignId: string, query: { page?: number; pageSize?: number }): Promise<Page<Outline>> {
  await loadCampaign(ctx, ctx.db, campaignId);
  if (!hasPermission(ctx.actor, 'campaign.manage')) throw forbidden();
  const p = pageOf(query);
  const { rows, total } = await repo.listOutlines(ctx.db, campaignId, await conflictIds(ctx.db, ctx.actor), p);
  return { items: rows.map((r) => ({ id: r.id, campaignId: r.campaign_id, interviewee: { id: r.interviewee_person_id, name: r.person_name }, questions: parseIds(r.questions), createdAt: r.created_at })), total, ...p };
}

export async function createOutline(ctx: ServiceCtx, campaignId: string, input: CreateOutline): Promise<Outline> {
  return inTransaction(ctx.db, async (trx) => {
    await loadCampaignForRecords(ctx, trx, campaignId);
    const person = await loadPersonInScope(ctx, trx, input.intervieweePersonId, '谈话对象');
    if (await repo.findOutlineFor(trx, campaignId, person.id)) throw new AppError('CONFLICT', { zh: `${person.name}已有本次活动的谈话提纲`, en: 'This interviewee already has an outline in this campaign' });
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    const questions = input.questions.map((q) => q.trim());
    await repo.insertOutline(trx, { id, campaign_id: campaignId, interviewee_person_id: person.id, questions: JSON.stringify(questions), org_path: person.org_path, created_by: ctx.actor.userId, created_at: now, updated_at: now });
    await ledger(trx, ctx, 'campaign.manage', 'talk_outline.created', 'talk_outline', id, person.org_path, { campaignId, intervieweePersonId: person.id, questions: questions.length });
    return { id, campaignId, interviewee: { id: person.id, name: person.name }, questions, createdAt: now };
  });
}

// ---------- talks ----------

export async function listTalkLevels(ctx: ServiceCtx): Promise<TalkLevel[]> {
  if (!hasPermission(ctx.actor, 'campaign.read')) throw forbidden();
  return (await repo.listTalkLevels(ctx.db)).map((l) => ({ code: l.code, nameZh: l.name_zh, nameEn: l.name_en, sortOrder: Number(l.sort_order), active: Number(l.active) === 1 }));
}

/** Renames or (de)activates one of the ten interviewee levels (configurable list, SPEC M5). */
export async function updateTalkLevel(ctx: ServiceCtx, code: string, input: UpdateTalkLevel): Promise<TalkLevel[]> {
  if (!hasPermission(ctx.actor, 'campaign.manage')) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const level = await repo.findTalkLevel(trx, code);
    if (!level) throw notFound({ zh: '谈话对象层面', en: 'interviewee level' });
    await repo.updateTalkLevel(trx, code, { name_zh: input.nameZh.trim(), name_en: input.nameEn.trim(), active: input.active ? 1 : 0 });
    await ledger(trx, ctx, 'campaign.manage', 'talk_level.updated', 'talk_level', code, '/', { nameZh: input.nameZh.trim(), active: input.active });
    return (await repo.listTalkLevels(trx)).map((l) => ({ code: l.code, nameZh: l.name_zh, nameEn: l.name_en, sortOrder: Number(l.sort_order), active: Number(l.active) === 1 }));
  });
}

export async function listTalks(ctx: ServiceCtx, campaignId: string, query: ListTalksQuery): Promise<Page<Talk>> {
  await loadCampaign(ctx, ctx.db, campaignId);
  const p = pageOf(query);
  const { rows, total } = await repo.listTalks(ctx.db, campaignId, await conflictIds(ctx.db, ctx.actor), { ...p, level: query.level, mode: query.mode, q: query.q, sort: query.sort, order: query.order });
  const personIds = rows.flatMap((r) => [...parseIds(r.subject_cadre_ids), ...parseIds(r.interviewer_person_ids)]);
  const names = await namesOf(ctx.db, personIds, rows.flatMap((r) => parseIds(r.subject_team_org_unit_ids)));
  return { items: rows.map((r) => presentTalk(r, names)), total, ...p };
}

/** Records a talk: ≥ 2 distinct interviewers, an active level, notes and findings encrypted (AES-256-GCM). */
export async function createTalk(ctx: ServiceCtx, campaignId: string, input: CreateTalk): Promise<Talk> {
  return inTransaction(ctx.db, async (trx) => {
    const campaign = await loadCampaignForRecords(ctx, trx, campaignId);
    const interviewee = await loadPersonInScope(ctx, trx, input.intervieweePersonId, '谈话对象');
    const interviewers = [...new Set(input.interviewerPersonIds)];
    if (interviewers.length < ANALYSIS_LIMITS.interviewersMin) {
      throw fieldError('interviewerPersonIds', `谈话须有至少 ${ANALYSIS_LIMITS.interviewersMin} 名不同的谈话人`, `A talk needs at least ${ANALYSIS_LIMITS.interviewersMin} different interviewers`);
    }
    if (interviewers.includes(interviewee.id)) throw fieldError('interviewerPersonIds', '谈话对象不能同时是谈话人', 'The interviewee cannot also be an interviewer');
    const found = await repo.findPeople(trx, interviewers);
    if (found.length !== interviewers.length) throw fieldError('interviewerPersonIds', '有谈话人未找到，请重新选择', 'An interviewer was not found; choose again');
    const level = await repo.findTalkLevel(trx, input.level);
    if (!level || Number(level.active) !== 1) throw fieldError('level', '请选择有效的谈话对象层面', 'Choose an active interviewee level');
    const heldAt = checkDate(input.heldAt, 'heldAt');
    if (heldAt < campaign.start_at || heldAt > campaign.end_at) throw fieldError('heldAt', `谈话日期须在活动期间（${campaign.start_at} 至 ${campaign.end_at}）`, `The talk date must lie within the campaign (${campaign.start_at} to ${campaign.end_at})`);
    const subjects = [...new Set(input.subjectCadreIds ?? [])];
    if ((await repo.findPeople(trx, subjects)).length !== subjects.length) throw fieldError('subjectCadreIds', '有被了解干部未找到，请重新选择', 'A cadre talked about was not found; choose again');
    const conflicts = new Set(await conflictIds(trx, ctx.actor));
    if (subjects.some((s) => conflicts.has(s)) || conflicts.has(interviewee.id)) {
      throw forbiddenBecause({ zh: '涉及本人或登记亲属的谈话应当回避，请由其他工作组成员记录', en: 'You must recuse yourself from talks about yourself or a registered relative' });
    }
    const teams = [...new Set(input.subjectTeamOrgUnitIds ?? [])];
    if ((await repo.findUnits(trx, teams)).length !== teams.length) throw fieldError('subjectTeamOrgUnitIds', '有被了解班子未找到', 'A team talked about was not found');
    let outlineId: string | null = null;
    if (input.outlineId) {
      const outline = await repo.findOutline(trx, input.outlineId);
      if (!outline || outline.campaign_id !== campaignId || outline.interviewee_person_id !== interviewee.id) throw fieldError('outlineId', '所选谈话提纲不属于该谈话对象', 'The outline does not belong to this interviewee');
      outlineId = outline.id;
    } else if (input.mode === 'OUTLINE') {
      const outline = await repo.findOutlineFor(trx, campaignId, interviewee.id);
      if (!outline) throw fieldError('outlineId', '提纲式谈话须先为该谈话对象拟定谈话提纲', 'An outline talk needs an outline for this interviewee first');
      outlineId = outline.id;
    }
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    const findings = (input.keyFindings ?? []).map((f) => f.trim()).filter((f) => f !== '');
    await repo.insertTalk(trx, {
      id, campaign_id: campaignId, mode: input.mode, interviewee_person_id: interviewee.id, interviewee_level: level.code, subject_cadre_ids: JSON.stringify(subjects),
      subject_team_org_unit_ids: JSON.stringify(teams), outline_id: outlineId, interviewer_person_ids: JSON.stringify(interviewers), held_at: heldAt, location: input.location.trim(),
      notes_enc: ctx.cipher.encrypt(input.notes), key_findings_enc: ctx.cipher.encrypt(JSON.stringify(findings)), classification: 'CONFIDENTIAL', org_path: interviewee.org_path,
      created_by: ctx.actor.userId, created_at: now, updated_at: now,
    });
    await ledger(trx, ctx, 'campaign.manage', 'talk.recorded', 'talk', id, interviewee.org_path, { campaignId, mode: input.mode, level: level.code, intervieweePersonId: interviewee.id, subjects: subjects.length, interviewers: interviewers.length });
    const names = await namesOf(trx, [...subjects, ...interviewers], teams);
    const [unit] = await repo.findUnits(trx, [interviewee.org_unit_id]);
    return presentTalk(
      {
        id, campaign_id: campaignId, mode: input.mode, interviewee_person_id: interviewee.id, interviewee_level: level.code, subject_cadre_ids: JSON.stringify(subjects),
        subject_team_org_unit_ids: JSON.stringify(teams), outline_id: outlineId, interviewer_person_ids: JSON.stringify(interviewers), held_at: heldAt, location: input.location.trim(),
        person_name: interviewee.name, unit_name: unit?.name ?? null,
      },
      names,
    );
  });
}

/** The confidential notes of one talk: talk.notes and team membership; never about the caller or a relative. */
export async function readTalkNotes(ctx: ServiceCtx, id: string): Promise<TalkNotes> {
  return inTransaction(ctx.db, async (trx) => {
    const talk = await repo.findTalk(trx, id);
    if (!talk || !talk.campaign_id) throw notFound(TALK);
    let campaign: AnalysisCampaignRow;
    try {
      campaign = await loadCampaign(ctx, trx, talk.campaign_id);
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') throw notFound(TALK);
      throw e;
    }
    const conflicts = new Set(await conflictIds(trx, ctx.actor));
    if (conflicts.has(talk.interviewee_person_id) || parseIds(talk.subject_cadre_ids).some((s) => conflicts.has(s))) throw notFound(TALK);
    if (!canReadTalkNotes(ctx.actor, await repo.isMember(trx, campaign.id, ctx.actor.userId))) {
      throw forbiddenBecause({ zh: '谈话记录属于机密材料，仅限本次研判活动工作组成员（干部科）查阅', en: 'Talk notes are confidential: only the campaign team (cadre section) may read them' });
    }
    const seq = await ledger(trx, ctx, 'talk.notes', 'talk.notes_viewed', 'talk', id, talk.org_path, { campaignId: campaign.id });
    return { talkId: id, notes: ctx.cipher.decrypt(talk.notes_enc), keyFindings: parseIds(ctx.cipher.decrypt(talk.key_findings_enc)), ledgerSeq: seq };
  });
}

// ---------- field visits ----------

export async function listVisits(ctx: ServiceCtx, campaignId: string, query: ListVisitsQuery): Promise<Page<Visit>> {
  await loadCampaign(ctx, ctx.db, campaignId);
  const p = pageOf(query);
  const townPath = query.townId ? (await repo.findUnits(ctx.db, [query.townId]))[0]?.path ?? '/none/' : undefined;
  const { rows, total } = await repo.listVisits(ctx.db, campaignId, { ...p, townPath, sort: query.sort, order: query.order });
  const names = await namesOf(ctx.db, rows.flatMap((r) => [...parseIds(r.visitor_person_ids), ...parseIds(r.village_cadre_ids)]));
  return { items: rows.map((r) => presentVisit(r, names)), total, ...p };
}

export async function createVisit(ctx: ServiceCtx, campaignId: string, input: CreateVisit): Promise<Visit> {
  return inTransaction(ctx.db, async (trx) => {
    const campaign = await loadCampaignForRecords(ctx, trx, campaignId);
    const [village] = await repo.findUnits(trx, [input.villageOrgUnitId]);
    const towns = await repo.findUnits(trx, parseIds(campaign.scope_town_ids));
    if (!village || (village.type !== 'VILLAGE' && village.type !== 'COMMUNITY')) throw notFound({ zh: '村（社区）', en: 'village' });
    if (!towns.some((t) => village.path.startsWith(t.path))) throw fieldError('villageOrgUnitId', `${village.name}不在本次研判活动的乡镇范围内`, `${village.name} lies outside the campaign's towns`);
    const visitedAt = checkDate(input.visitedAt, 'visitedAt');
    const visitors = [...new Set(input.visitorPersonIds)];
    if ((await repo.findPeople(trx, visitors)).length !== visitors.length) throw fieldError('visitorPersonIds', '有走访人员未找到', 'A visitor was not found');
    const met = [...new Set(input.villageCadreIds ?? [])];
    const metPeople = await repo.findPeople(trx, met);
    if (metPeople.length !== met.length || metPeople.some((p) => !p.org_path.startsWith(village.path))) throw fieldError('villageCadreIds', `所列村干部须是${village.name}的人员`, `The cadres met must belong to ${village.name}`);
    if (input.villageCadresMetCount < met.length) throw fieldError('villageCadresMetCount', `见面村（组）干部人数不能少于所列人员（${met.length} 人）`, `The count may not be below the ${met.length} cadres listed`);
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await repo.insertVisit(trx, {
      id, campaign_id: campaignId, village_org_unit_id: village.id, org_path: village.path, visited_at: visitedAt, visitor_person_ids: JSON.stringify(visitors),
      village_cadres_met_count: input.villageCadresMetCount, village_cadre_ids: JSON.stringify(met), notes_enc: input.notes?.trim() ? ctx.cipher.encrypt(input.notes.trim()) : null,
      created_by: ctx.actor.userId, created_at: now, updated_at: now,
    });
    await ledger(trx, ctx, 'campaign.manage', 'field_visit.recorded', 'field_visit', id, village.path, { campaignId, villageOrgUnitId: village.id, met: input.villageCadresMetCount });
    const names = await namesOf(trx, [...visitors, ...met]);
    const town = towns.find((t) => village.path.startsWith(t.path));
    return presentVisit({ ...(await repo.findVisit(trx, id)), village_name: village.name, town_name: town?.name ?? null }, names);
  });
}

// ---------- document reviews ----------

export async function listDocuments(ctx: ServiceCtx, campaignId: string, query: ListDocumentsQuery): Promise<Page<DocumentReview>> {
  await loadCampaign(ctx, ctx.db, campaignId);
  const p = pageOf(query);
  const { rows, total } = await repo.listDocuments(ctx.db, campaignId, await conflictIds(ctx.db, ctx.actor), { ...p, docType: query.docType, q: query.q, sort: query.sort, order: query.order });
  return { items: rows.map(presentDocument), total, ...p };
}

export async function createDocument(ctx: ServiceCtx, campaignId: string, input: CreateDocumentReview): Promise<DocumentReview> {
  return inTransaction(ctx.db, async (trx) => {
    const campaign = await loadCampaignForRecords(ctx, trx, campaignId);
    const periodFrom = checkDate(input.periodFrom, 'periodFrom');
    const periodTo = checkDate(input.periodTo, 'periodTo');
    const reviewedAt = checkDate(input.reviewedAt, 'reviewedAt');
    if (periodTo < periodFrom) throw fieldError('periodTo', '资料期间的结束日期不能早于开始日期', 'The period may not end before it starts');
    const threeYearsBack = `${Number(campaign.start_at.slice(0, 4)) - 3}-01-01`;
    if (periodFrom < threeYearsBack) throw fieldError('periodFrom', `查阅资料限近三年（${threeYearsBack} 以后）`, `Documents cover the last three years (from ${threeYearsBack})`);
    let orgPath = campaign.org_path;
    if (input.subjectOrgUnitId) {
      const [u] = await repo.findUnits(trx, [input.subjectOrgUnitId]);
      if (!u || !isPathInScope(u.path, scopePaths(ctx.actor, 'campaign.manage'))) throw notFound(UNIT);
      orgPath = u.path;
    }
    if (input.subjectCadreId) {
      const person = await loadPersonInScope(ctx, trx, input.subjectCadreId, '被了解干部');
      if ((await conflictIds(trx, ctx.actor)).includes(person.id)) throw forbiddenBecause({ zh: '涉及本人或登记亲属的材料应当回避', en: 'You must recuse yourself from material about yourself or a relative' });
      orgPath = person.org_path;
    }
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await repo.insertDocument(trx, {
      id, campaign_id: campaignId, doc_type: input.docType, title: input.title.trim(), period_from: periodFrom, period_to: periodTo, subject_org_unit_id: input.subjectOrgUnitId ?? null,
      subject_cadre_id: input.subjectCadreId ?? null, findings: input.findings.trim(), reviewed_at: reviewedAt, org_path: orgPath, created_by: ctx.actor.userId, created_at: now, updated_at: now,
    });
    await ledger(trx, ctx, 'campaign.manage', 'document_review.recorded', 'document_review', id, orgPath, { campaignId, docType: input.docType, periodFrom, periodTo });
    const unitName = input.subjectOrgUnitId ? ((await repo.findUnits(trx, [input.subjectOrgUnitId]))[0]?.name ?? null) : null;
    const personName = input.subjectCadreId ? ((await repo.findPeople(trx, [input.subjectCadreId]))[0]?.name ?? null) : null;
    return presentDocument({ ...(await repo.findDocument(trx, id)), unit_name: unitName, person_name: personName });
  });
}

// ---------- public tips ----------

export async function listTips(ctx: ServiceCtx, campaignId: string, query: ListTipsQuery): Promise<Page<Tip>> {
  await loadCampaign(ctx, ctx.db, campaignId);
  const p = pageOf(query);
  const { rows, total } = await repo.listTips(ctx.db, campaignId, await conflictIds(ctx.db, ctx.actor), { ...p, channel: query.channel, realName: query.realName, order: query.order });
  return { items: rows.map(presentTip), total, ...p };
}

export async function createTip(ctx: ServiceCtx, campaignId: string, input: CreateTip): Promise<Tip> {
  return inTransaction(ctx.db, async (trx) => {
    const campaign = await loadCampaignForRecords(ctx, trx, campaignId);
    const receivedAt = checkDate(input.receivedAt, 'receivedAt');
    if (input.realName && !input.reporterName?.trim()) throw fieldError('reporterName', '实名来信来访须登记反映人姓名', 'A real-name tip needs the reporter’s name');
    if (!input.realName && input.reporterName?.trim()) throw fieldError('reporterName', '匿名来信来访不得登记反映人姓名', 'An anonymous tip may not carry a name');
    let orgPath = campaign.org_path;
    let subjectName: string | null = null;
    if (input.subjectCadreId) {
      const person = await loadPersonInScope(ctx, trx, input.subjectCadreId, '被反映干部');
      orgPath = person.org_path;
      subjectName = person.name;
    }
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await repo.insertTip(trx, {
      id, campaign_id: campaignId, received_at: receivedAt, channel: input.channel, real_name: input.realName ? 1 : 0, reporter_name_enc: input.realName ? ctx.cipher.encrypt(input.reporterName!.trim()) : null,
      content_enc: ctx.cipher.encrypt(input.content), routed_to: input.routedTo, subject_cadre_id: input.subjectCadreId ?? null, org_path: orgPath, created_by: ctx.actor.userId, created_at: now, updated_at: now,
    });
    await ledger(trx, ctx, 'campaign.manage', 'public_tip.recorded', 'public_tip', id, orgPath, { campaignId, channel: input.channel, realName: input.realName, routedTo: input.routedTo });
    return presentTip({ id, campaign_id: campaignId, received_at: receivedAt, channel: input.channel, real_name: input.realName ? 1 : 0, routed_to: input.routedTo, subject_cadre_id: input.subjectCadreId ?? null, person_name: subjectName });
  });
}

/** A tip's content and (real-name) reporter: confidential, team with talk.notes only; one ledger event per read. */
export async function readTip(ctx: ServiceCtx, id: string): Promise<TipContent> {
  return inTransaction(ctx.db, async (trx) => {
    const tip = await repo.findTip(trx, id);
    if (!tip) throw notFound(TIP);
    let campaign: AnalysisCampaignRow;
    try {
      campaign = await loadCampaign(ctx, trx, tip.campaign_id);
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') throw notFound(TIP);
      throw e;
    }
    if (tip.subject_cadre_id && (await conflictIds(trx, ctx.actor)).includes(tip.subject_cadre_id)) throw notFound(TIP);
    if (!canReadTalkNotes(ctx.actor, await repo.isMember(trx, campaign.id, ctx.actor.userId))) {
      throw forbiddenBecause({ zh: '群众来信来访内容属于机密材料，仅限本次研判活动工作组成员查阅', en: 'Tip content is confidential: only the campaign team may read it' });
    }
    const seq = await ledger(trx, ctx, 'talk.notes', 'public_tip.viewed', 'public_tip', id, tip.org_path, { campaignId: campaign.id });
    return { tipId: id, content: ctx.cipher.decrypt(tip.content_enc), reporterName: tip.reporter_name_enc ? ctx.cipher.decrypt(tip.reporter_name_enc) : null, ledgerSeq: seq };
  });
}
