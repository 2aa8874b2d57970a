/**
 * Five-category judgment use cases (SPEC §3 M5, issue 4 deliverable 4). DRAFT → PROPOSED by the campaign team
 * (`judgment.write` and a member of the campaign's team: creating, editing and proposing are refused with 403 and
 * the reason otherwise), PROPOSED → ENDORSED or back to DRAFT by the OrgDeptMeeting (`judgment.endorse`), ENDORSED →
 * SUPERSEDED when a newer judgment of the same cadre is endorsed (same transaction). PROMOTE is refused while any
 * bar holds, and the refusal names every bar. Judgments are confidential: `judgment.read` within scope, never the
 * subject or a registered relative; every transition and every detail view is a ledger event.
 */
import { uuidv7 } from 'uuidv7';
import type { Page } from '../../../contracts/common.ts';
import type {
  CampaignOption,
  CreateJudgment,
  EndorseJudgment,
  EvidenceOptionsQuery,
  Judgment,
  JudgmentCategory,
  JudgmentDetail,
  JudgmentEvidence,
  JudgmentStatus,
  ListJudgmentsQuery,
  PromoteBars,
  ReturnJudgment,
  UpdateJudgment,
} from '../../../contracts/judgment.ts';
import { JUDGMENT_RATIONALE_MIN } from '../../../contracts/judgment.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import { inTransaction, type DbOrTrx, type Trx } from '../../db/database.ts';
import type { FiveCategoryJudgmentRow } from '../../db/schema.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, isPathInScope, scopePaths, type Actor } from '../../platform/scope.ts';
import { listRegisteredRelativeIds } from '../people/index.ts';
import { CONFLICT_TEXT, illegalTransitionText, NOT_ON_TEAM_TEXT, transitionNamed, type JudgmentTransitionName } from './judgment.policy.ts';
import { presentJudgment, type JudgmentAllowed } from './judgment.presenter.ts';
import * as repo from './judgment.repository.ts';
import * as sources from './judgment.sources.ts';

const JUDGMENT = { zh: '研判意见', en: 'judgment' };
const CADRE = { zh: '干部', en: 'cadre' };
const CAMPAIGN = { zh: '分析研判活动', en: 'analysis campaign' };

/** Today in China Standard Time, `YYYY-MM-DD`. */
export function todayCst(ctx: { clock: { now: () => Date } }): string {
  return new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function roleFor(actor: Actor, permission: Permission): string | undefined {
  return actor.roles.find((r) => roleHasPermission(r, permission));
}

/** The caller's own person and registered relatives: judgments about them are invisible to the caller. */
export async function conflictSet(db: DbOrTrx, actor: Actor): Promise<Set<string>> {
  if (!actor.personId) return new Set();
  const relatives = await listRegisteredRelativeIds(db, actor.personId);
  relatives.add(actor.personId);
  return relatives;
}

function allowedFor(actor: Actor, row: { org_path: string; status: string; cadre_person_id: string; campaign_id: string }, conflicted: Set<string>, teamCampaigns: Set<string>): JudgmentAllowed {
  const clean = !conflicted.has(row.cadre_person_id);
  const writer = clean && teamCampaigns.has(row.campaign_id) && isPathInScope(row.org_path, scopePaths(actor, 'judgment.write'));
  const endorser = clean && isPathInScope(row.org_path, scopePaths(actor, 'judgment.endorse'));
  return { edit: writer && row.status === 'DRAFT', propose: writer && row.status === 'DRAFT', endorse: endorser && row.status === 'PROPOSED', return: endorser && row.status === 'PROPOSED' };
}

type Lookup = { campaigns: Map<string, sources.CampaignRef>; titles: Map<string, string>; teamCampaigns: Set<string> };

async function lookups(db: DbOrTrx, rows: repo.JudgmentViewRow[], actor: Actor): Promise<Lookup> {
  const campaigns = new Map((await sources.listCampaigns(db)).map((c) => [c.id, c]));
  const posts = await repo.listPostsOfPeople(db, [...new Set(rows.map((r) => r.cadre_person_id))], '9999-12-31');
  const titles = new Map<string, string>();
  for (const p of posts) titles.set(p.person_id, titles.has(p.person_id) ? `${titles.get(p.person_id)!}、${p.title}` : p.title);
  return { campaigns, titles, teamCampaigns: await sources.campaignsOnTeam(db, actor.userId) };
}

function presentWith(ctx: ServiceCtx, r: repo.JudgmentViewRow, l: Lookup, conflicted: Set<string>): Judgment {
  const c = l.campaigns.get(r.campaign_id);
  return presentJudgment(r, { campaignName: c?.name ?? null, refDate: c?.refDate ?? todayCst(ctx), youngMax: ctx.config.youngCadreMaxAge, postTitle: l.titles.get(r.cadre_person_id) ?? null }, allowedFor(ctx.actor, r, conflicted, l.teamCampaigns));
}

/** The judgment if the caller may read it (scope of judgment.read, not about the caller or a relative); else 404. */
async function readable(db: DbOrTrx, actor: Actor, id: string, conflicted: Set<string>): Promise<FiveCategoryJudgmentRow> {
  const row = await repo.findJudgment(db, id);
  if (!row || !isPathInScope(row.org_path, scopePaths(actor, 'judgment.read')) || conflicted.has(row.cadre_person_id)) throw notFound(JUDGMENT);
  return row;
}

async function presentOne(db: DbOrTrx, ctx: ServiceCtx, id: string, conflicted: Set<string>): Promise<Judgment> {
  const r = await repo.findJudgmentView(db, id);
  if (!r) throw notFound(JUDGMENT);
  return presentWith(ctx, r, await lookups(db, [r], ctx.actor), conflicted);
}

export async function listJudgments(ctx: ServiceCtx, query: ListJudgmentsQuery): Promise<Page<Judgment>> {
  if (!hasPermission(ctx.actor, 'judgment.read')) throw forbidden();
  const paths = scopePaths(ctx.actor, 'judgment.read');
  const conflicted = await conflictSet(ctx.db, ctx.actor);
  let townPath: string | undefined;
  if (query.townId) {
    const town = await repo.findUnit(ctx.db, query.townId);
    if (!town || !isPathInScope(town.path, paths)) return { items: [], total: 0, page: query.page ?? 1, pageSize: query.pageSize ?? LIMITS.pageSizeDefault };
    townPath = town.path;
  }
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
  const q = query.q?.trim();
  const { rows, total } = await repo.listJudgments(
    ctx.db,
    { paths, excludePersonIds: [...conflicted], campaignId: query.campaignId, townPath, category: query.category, status: query.status, q: q || undefined, sort: query.sort, order: query.order },
    page,
    pageSize,
  );
  const l = await lookups(ctx.db, rows, ctx.actor);
  return { items: rows.map((r) => presentWith(ctx, r, l, conflicted)), total, page, pageSize };
}

/** PROMOTE bars on `today`: integrity gate, accountability effect in force, weak annual grades in the last 3 years. */
export async function promoteBarsFor(db: DbOrTrx, personId: string, today: string, checkedAt: string): Promise<PromoteBars> {
  const bars = [...(await sources.integrityBars(db, personId, today)), ...(await sources.evidenceBars(db, personId, today))];
  return { ok: bars.length === 0, bars, checkedAt };
}

function evidenceOut(e: sources.EvidenceRef): JudgmentEvidence {
  return { id: e.id, sourceType: e.sourceType, date: e.date, summary: e.summary, polarity: e.polarity };
}

/** One judgment with its evidence, the PROMOTE bars as of today and the five-dimension result; one ledger event. */
export async function getJudgmentDetail(ctx: ServiceCtx, id: string): Promise<JudgmentDetail> {
  if (!hasPermission(ctx.actor, 'judgment.read')) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const conflicted = await conflictSet(trx, ctx.actor);
    const row = await readable(trx, ctx.actor, id, conflicted);
    const judgment = await presentOne(trx, ctx, id, conflicted);
    const evidence = await sources.listEvidenceByIds(trx, await repo.listEvidenceIds(trx, id));
    const promoteBars = row.category === 'PROMOTE' && (row.status === 'DRAFT' || row.status === 'PROPOSED') ? await promoteBarsFor(trx, row.cadre_person_id, todayCst(ctx), ctx.clock.now().toISOString()) : null;
    const campaigns = new Map((await sources.listCampaigns(trx)).map((c) => [c.id, c.name]));
    const history = (await repo.listHistory(trx, row.cadre_person_id)).map((h) => ({ id: h.id, category: h.category as JudgmentCategory, status: h.status as JudgmentStatus, campaignName: campaigns.get(h.campaign_id) ?? null, updatedAt: h.updated_at }));
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'judgment.read')),
      { action: 'judgment.viewed', objectType: 'five_category_judgment', objectId: id, orgPath: row.org_path, payload: { personId: row.cadre_person_id, campaignId: row.campaign_id } },
      ctx.clock.now(),
    );
    return { judgment, evidence: evidence.map(evidenceOut), promoteBars, fiveDimension: await sources.fiveDimensionOf(trx, row.cadre_person_id), history };
  });
}

function cleanRationale(text: string): string {
  const t = text.trim();
  if ([...t].length < JUDGMENT_RATIONALE_MIN) throw fieldError('rationale', `请填写研判理由（至少 ${JUDGMENT_RATIONALE_MIN} 个字），说明依据哪些事实得出该类别`, `Write a rationale of at least ${JUDGMENT_RATIONALE_MIN} characters`);
  return t;
}

/** Evidence ids must be at least one, distinct, and all about this cadre. */
async function checkEvidence(db: DbOrTrx, cadreId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw fieldError('evidenceIds', '研判理由须关联至少一条证据材料，请在证据列表中勾选', 'Link at least one evidence item to the rationale');
  const found = await sources.listEvidenceByIds(db, unique);
  const ok = new Set(found.filter((e) => e.cadrePersonId === cadreId).map((e) => e.id));
  const bad = unique.filter((id) => !ok.has(id));
  if (bad.length > 0) throw fieldError('evidenceIds', `有 ${bad.length} 条证据不存在或不是关于该干部的，请重新选择`, `${bad.length} evidence item(s) do not exist or are not about this cadre`);
  return unique;
}

/** EXCHANGE needs a destination town or street other than the cadre's own unit; other categories have none. */
async function checkDestination(db: DbOrTrx, category: JudgmentCategory, destinationId: string | null | undefined, subjectUnitId: string): Promise<string | null> {
  if (category !== 'EXCHANGE') return null;
  if (!destinationId) throw fieldError('destinationOrgUnitId', '交流使用须选择交流去向（乡镇或街道）', 'An exchange needs a destination town or street');
  const unit = await repo.findUnit(db, destinationId);
  if (!unit || (unit.type !== 'TOWN' && unit.type !== 'STREET')) throw fieldError('destinationOrgUnitId', '交流去向须为乡镇或街道', 'The destination must be a town or a street');
  if (unit.id === subjectUnitId) throw fieldError('destinationOrgUnitId', '交流去向不能是干部现任职单位', "The destination may not be the cadre's current unit");
  return unit.id;
}

async function ledgerJudgment(trx: Trx, ctx: ServiceCtx, permission: Permission, action: string, row: { id: string; org_path: string; cadre_person_id: string }, payload: Record<string, unknown>): Promise<void> {
  await appendLedgerEvent(
    trx,
    ledgerActor(ctx.actor, roleFor(ctx.actor, permission)),
    { action, objectType: 'five_category_judgment', objectId: row.id, orgPath: row.org_path, payload: { personId: row.cadre_person_id, ...payload } },
    ctx.clock.now(),
  );
}

/** The campaign team drafts, edits and proposes (SPEC M5 judgment workflow); anyone else gets 403 with the reason. */
async function requireOnTeam(trx: Trx, ctx: ServiceCtx, campaignId: string): Promise<void> {
  if (!(await sources.isOnCampaignTeam(trx, campaignId, ctx.actor.userId))) throw new AppError('FORBIDDEN', NOT_ON_TEAM_TEXT);
}

/** A new DRAFT judgment. The cadre must lie in the caller's judgment.write scope (404), not be the caller or a relative (403). */
export async function createJudgment(ctx: ServiceCtx, input: CreateJudgment): Promise<Judgment> {
  if (!hasPermission(ctx.actor, 'judgment.write')) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const subject = await repo.findSubject(trx, input.cadrePersonId);
    if (!subject || subject.is_cadre !== 1 || !isPathInScope(subject.org_path, scopePaths(ctx.actor, 'judgment.write'))) throw notFound(CADRE);
    const conflicted = await conflictSet(trx, ctx.actor);
    if (conflicted.has(subject.id)) throw new AppError('FORBIDDEN', CONFLICT_TEXT);
    const campaign = await sources.findCampaign(trx, input.campaignId);
    if (!campaign || !isPathInScope(campaign.orgPath, scopePaths(ctx.actor, 'judgment.write'))) throw notFound(CAMPAIGN);
    await requireOnTeam(trx, ctx, campaign.id);
    const open = await repo.findOpenJudgment(trx, subject.id, campaign.id);
    if (open) throw new AppError('CONFLICT', { zh: `${subject.name}在本次活动中已有一份未审定的研判意见，请在原意见上修改`, en: 'This cadre already has an open judgment in this campaign; edit that one' });
    const rationale = cleanRationale(input.rationale);
    const evidenceIds = await checkEvidence(trx, subject.id, input.evidenceIds);
    const destination = await checkDestination(trx, input.category, input.destinationOrgUnitId, subject.org_unit_id);
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await repo.insertJudgment(trx, {
      id, cadre_person_id: subject.id, campaign_id: campaign.id, category: input.category, destination_org_unit_id: destination, rationale, status: 'DRAFT',
      created_by_user_id: ctx.actor.userId, proposed_by_user_id: null, proposed_at: null, endorsed_by_user_id: null, endorsed_at: null, meeting_date: null, meeting_ref: null,
      returned_note: null, superseded_by_id: null, superseded_at: null, org_path: subject.org_path, created_at: now, updated_at: now,
    });
    await repo.replaceEvidenceLinks(trx, id, evidenceIds);
    await ledgerJudgment(trx, ctx, 'judgment.write', 'judgment.created', { id, org_path: subject.org_path, cadre_person_id: subject.id }, { campaignId: campaign.id, category: input.category, destinationOrgUnitId: destination, evidenceIds });
    return presentOne(trx, ctx, id, conflicted);
  });
}

/** Edits a DRAFT (category, rationale, evidence links, destination). */
export async function updateJudgment(ctx: ServiceCtx, id: string, input: UpdateJudgment): Promise<Judgment> {
  if (!hasPermission(ctx.actor, 'judgment.write')) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const conflicted = await conflictSet(trx, ctx.actor);
    const row = await writable(trx, ctx, id, conflicted, 'judgment.write');
    await requireOnTeam(trx, ctx, row.campaign_id);
    if (row.status !== 'DRAFT') throw new AppError('ILLEGAL_TRANSITION', { zh: '只有草稿状态的研判意见可以修改；已提交的请先由部务会退回', en: 'Only a DRAFT judgment can be edited' });
    const subject = await repo.findSubject(trx, row.cadre_person_id);
    const category = input.category ?? (row.category as JudgmentCategory);
    const rationale = input.rationale === undefined ? row.rationale : cleanRationale(input.rationale);
    const destinationInput = input.destinationOrgUnitId === undefined ? row.destination_org_unit_id : input.destinationOrgUnitId;
    const destination = await checkDestination(trx, category, destinationInput, subject?.org_unit_id ?? '');
    const values = { category, rationale, destination_org_unit_id: destination, updated_at: ctx.clock.now().toISOString() };
    if ((await repo.updateJudgmentState(trx, id, 'DRAFT', values)) !== 1) throw new AppError('ILLEGAL_TRANSITION', { zh: '该研判意见刚被他人处理，请刷新后查看', en: 'Someone else just changed this judgment; reload it' });
    let evidenceIds: string[] | undefined;
    if (input.evidenceIds !== undefined) {
      evidenceIds = await checkEvidence(trx, row.cadre_person_id, input.evidenceIds);
      await repo.replaceEvidenceLinks(trx, id, evidenceIds);
    }
    await ledgerJudgment(trx, ctx, 'judgment.write', 'judgment.updated', row, { category, destinationOrgUnitId: destination, rationaleChanged: input.rationale !== undefined, ...(evidenceIds ? { evidenceIds } : {}) });
    return presentOne(trx, ctx, id, conflicted);
  });
}

/** Visible (judgment.read scope, 404) and actionable (`permission` scope, 404; conflict, 403). */
async function writable(trx: Trx, ctx: ServiceCtx, id: string, conflicted: Set<string>, permission: Permission): Promise<FiveCategoryJudgmentRow> {
  const row = await repo.findJudgment(trx, id);
  if (!row || !isPathInScope(row.org_path, scopePaths(ctx.actor, 'judgment.read'))) throw notFound(JUDGMENT);
  if (conflicted.has(row.cadre_person_id)) throw new AppError('FORBIDDEN', CONFLICT_TEXT);
  if (!isPathInScope(row.org_path, scopePaths(ctx.actor, permission))) throw notFound(JUDGMENT);
  return row;
}

/** The one function that moves a judgment along the workflow (transition table in judgment.policy.ts). */
async function applyTransition(ctx: ServiceCtx, id: string, name: JudgmentTransitionName, guard: (trx: Trx, row: FiveCategoryJudgmentRow) => Promise<{ values: Record<string, unknown>; payload: Record<string, unknown> }>): Promise<Judgment> {
  const t = transitionNamed(name);
  if (!hasPermission(ctx.actor, t.permission)) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const conflicted = await conflictSet(trx, ctx.actor);
    const row = await writable(trx, ctx, id, conflicted, t.permission);
    if (row.status !== t.from) throw new AppError('ILLEGAL_TRANSITION', illegalTransitionText(t, row.status as JudgmentStatus));
    const change = await guard(trx, row);
    const now = ctx.clock.now().toISOString();
    if ((await repo.updateJudgmentState(trx, id, t.from, { ...change.values, status: t.to, updated_at: now })) !== 1) {
      throw new AppError('ILLEGAL_TRANSITION', { zh: '该研判意见刚被他人处理，请刷新后查看', en: 'Someone else just changed this judgment; reload it' });
    }
    await ledgerJudgment(trx, ctx, t.permission, t.action, row, { from: t.from, to: t.to, category: row.category, ...change.payload });
    return presentOne(trx, ctx, id, conflicted);
  });
}

async function requireEvidenceLinked(trx: Trx, row: FiveCategoryJudgmentRow): Promise<void> {
  if ((await repo.listEvidenceIds(trx, row.id)).length === 0) throw new AppError('ILLEGAL_TRANSITION', { zh: '研判理由须关联至少一条证据材料，请先在草稿中关联证据', en: 'Link at least one evidence item first' });
  if (row.category === 'EXCHANGE' && !row.destination_org_unit_id) throw new AppError('ILLEGAL_TRANSITION', { zh: '交流使用须先选择交流去向', en: 'Choose the destination of the exchange first' });
}

/** DRAFT → PROPOSED (campaign team). */
export async function proposeJudgment(ctx: ServiceCtx, id: string): Promise<Judgment> {
  return applyTransition(ctx, id, 'propose', async (trx, row) => {
    await requireOnTeam(trx, ctx, row.campaign_id);
    await requireEvidenceLinked(trx, row);
    return { values: { proposed_by_user_id: ctx.actor.userId, proposed_at: ctx.clock.now().toISOString(), returned_note: null }, payload: {} };
  });
}

/** PROPOSED → DRAFT with the meeting's note (OrgDeptMeeting). */
export async function returnJudgment(ctx: ServiceCtx, id: string, input: ReturnJudgment): Promise<Judgment> {
  const note = input.note.trim();
  if ([...note].length < LIMITS.reasonMin) throw fieldError('note', `请填写退回理由（至少 ${LIMITS.reasonMin} 个字）`, `Give a reason of at least ${LIMITS.reasonMin} characters`);
  return applyTransition(ctx, id, 'return', () => Promise.resolve({ values: { returned_note: note }, payload: { note } }));
}

/**
 * PROPOSED → ENDORSED at an OrgDeptMeeting (date ≤ today, reference). PROMOTE is refused while any bar holds; the
 * message lists every bar. A previously ENDORSED judgment of the same cadre becomes SUPERSEDED in the same
 * transaction (the partial unique index allows one ENDORSED per cadre).
 */
export async function endorseJudgment(ctx: ServiceCtx, id: string, input: EndorseJudgment): Promise<Judgment> {
  const today = todayCst(ctx);
  const meetingRef = input.meetingRef.trim();
  if (Number.isNaN(new Date(`${input.meetingDate}T00:00:00Z`).getTime()) || new Date(`${input.meetingDate}T00:00:00Z`).toISOString().slice(0, 10) !== input.meetingDate) {
    throw fieldError('meetingDate', `${input.meetingDate} 不是有效日期`, `${input.meetingDate} is not a valid date`);
  }
  if (input.meetingDate > today) throw fieldError('meetingDate', `部务会日期不能晚于今天（${today}）`, `The meeting date may not be after today (${today})`);
  if ([...meetingRef].length < 2) throw fieldError('meetingRef', '请填写部务会会议编号或纪要文号', 'Give the meeting reference');
  return applyTransition(ctx, id, 'endorse', async (trx, row) => {
    await requireEvidenceLinked(trx, row);
    if (row.category === 'PROMOTE') {
      const bars = await promoteBarsFor(trx, row.cadre_person_id, today, ctx.clock.now().toISOString());
      if (!bars.ok) {
        const zh = bars.bars.map((b, i) => `${i + 1}. ${b.zh}`).join('；');
        const en = bars.bars.map((b, i) => `${i + 1}. ${b.en}`).join('; ');
        throw new AppError('ILLEGAL_TRANSITION', { zh: `不能审定为“提拔重用”：${zh}`, en: `PROMOTE cannot be endorsed: ${en}` });
      }
    }
    const now = ctx.clock.now().toISOString();
    const previous = await repo.findEndorsedOf(trx, row.cadre_person_id);
    if (previous && previous.id !== row.id) {
      await repo.updateJudgmentState(trx, previous.id, 'ENDORSED', { status: 'SUPERSEDED', superseded_by_id: row.id, superseded_at: now, updated_at: now });
      await ledgerJudgment(trx, ctx, 'judgment.endorse', 'judgment.superseded', previous, { from: 'ENDORSED', to: 'SUPERSEDED', supersededById: row.id });
    }
    return { values: { endorsed_by_user_id: ctx.actor.userId, endorsed_at: now, meeting_date: input.meetingDate, meeting_ref: meetingRef }, payload: { meetingDate: input.meetingDate, meetingRef, supersedes: previous?.id ?? null } };
  });
}

/** Evidence about a cadre that a judgment may link (summaries only); a confidential read, so one ledger event. */
export async function listEvidenceOptions(ctx: ServiceCtx, query: EvidenceOptionsQuery): Promise<JudgmentEvidence[]> {
  if (!hasPermission(ctx.actor, 'judgment.write')) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const subject = await repo.findSubject(trx, query.cadrePersonId);
    if (!subject || !isPathInScope(subject.org_path, scopePaths(ctx.actor, 'judgment.write'))) throw notFound(CADRE);
    if ((await conflictSet(trx, ctx.actor)).has(subject.id)) throw new AppError('FORBIDDEN', CONFLICT_TEXT);
    const items = await sources.listEvidenceOfCadre(trx, subject.id, query.campaignId);
    await appendLedgerEvent(
      trx,
      ledgerActor(ctx.actor, roleFor(ctx.actor, 'judgment.write')),
      { action: 'judgment.evidence-listed', objectType: 'person', objectId: subject.id, orgPath: subject.org_path, payload: { campaignId: query.campaignId ?? null, count: items.length } },
      ctx.clock.now(),
    );
    return items.map(evidenceOut);
  });
}

/** Campaigns whose unit lies in the caller's judgment.read scope (filters and pickers). */
export async function listCampaignOptions(ctx: ServiceCtx): Promise<CampaignOption[]> {
  if (!hasPermission(ctx.actor, 'judgment.read')) throw forbidden();
  const paths = scopePaths(ctx.actor, 'judgment.read');
  const team = await sources.campaignsOnTeam(ctx.db, ctx.actor.userId);
  return (await sources.listCampaigns(ctx.db)).filter((c) => isPathInScope(c.orgPath, paths)).map((c) => ({ id: c.id, name: c.name, status: c.status, refDate: c.refDate, onTeam: team.has(c.id) }));
}
