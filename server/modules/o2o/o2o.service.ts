/**
 * O2O citizen-matter use cases (SPEC §3 M2). `submitMatter` is the one intake used by the public page, Open311 and
 * staff entry; `transitionMatter` is the one function that changes a matter's state (o2o.policy.ts table): scope
 * (404) → party (403) → state (409 ILLEGAL_TRANSITION) → guard (409/400) → update + matter_event + rollups + ledger
 * event, in one transaction. Deadlines are working days on the calendar (platform/calendar), dates in CST.
 */
import { randomInt } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Page } from '../../../contracts/common.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import type {
  BulkTransitionRequest,
  ListMattersQuery,
  Matter,
  MatterAction,
  MatterCategory,
  MatterChannel,
  MatterDetail,
  MatterLevel,
  MatterStatus,
  MatterUrgency,
  Satisfaction,
  TransitionRequest,
} from '../../../contracts/o2o.ts';
import { inTransaction, type DbOrTrx, type Trx } from '../../db/database.ts';
import type { CitizenMatterRow, CitizenMatterRowUpdate, NewMatterEventRow } from '../../db/schema.ts';
import { addWorkingDays, cstDate, endOfCstDay, loadWorkCalendar, workingDaysBetween, workingDaysFromTo, workingDeadline, type WorkCalendar } from '../../platform/calendar/index.ts';
import { maskPhone, normalisePhone } from '../../platform/crypto.ts';
import type { AppDeps, ServiceCtx } from '../../platform/deps.ts';
import { ledgerActor } from '../../platform/deps.ts';
import { AppError, fieldError, forbidden, notFound, pickText, type Text } from '../../platform/errors.ts';
import { groupCommit } from '../../platform/group-commit.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, isPathInScope, type Actor } from '../../platform/scope.ts';
import { receiveRoutedReport } from '../integrity/index.ts';
import { cleanPhotos } from './o2o.photos.ts';
import { canSeeMatter, canSeeRequester, LEVEL_ORDER, matterScopes, MAX_EXTENSIONS, partiesOf, transitionFor, type MatterParty, type MatterScopes } from './o2o.policy.ts';
import { presentMatter } from './o2o.presenter.ts';
import * as repo from './o2o.repository.ts';
import { renderTemplate } from './o2o.templates.ts';

export const MATTER: Text = { zh: '事项', en: 'matter' };
const CHECK_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LOCATION_TYPES = new Set(['VILLAGE', 'COMMUNITY', 'TOWN', 'STREET']);
const VILLAGE_TYPES = new Set(['VILLAGE', 'COMMUNITY']);

export type SubmitActor = { kind: 'citizen' } | { kind: 'open311'; clientId: string } | { kind: 'staff'; actor: Actor };

export type SubmitMatterInput = {
  channel: MatterChannel;
  category: MatterCategory;
  urgency?: MatterUrgency | undefined;
  title?: string | undefined;
  description: string;
  locationOrgUnitId: string;
  namesCadre?: boolean | undefined;
  anonymous: boolean;
  requesterName?: string | undefined;
  requesterPhone?: string | undefined;
  /** base64 images (validated and stripped here) */
  photos?: readonly string[] | undefined;
  /** hashed WeChat id or Open311 device/account id */
  requesterKey?: string | undefined;
  by: SubmitActor;
};

export type SubmitMatterResult = { id: string; code: string; checkCode: string; expectedDate: string; dueAt: string; status: MatterStatus };

function randomCheckCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CHECK_ALPHABET[randomInt(CHECK_ALPHABET.length)];
  return s;
}

export function checkHash(deps: Pick<AppDeps, 'cipher'>, code: string, checkCode: string): string {
  return deps.cipher.blindIndex('o2o_check', `${code}:${checkCode.toUpperCase()}`);
}

function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

function countyIdOf(path: string): string {
  return path.split('/')[1] ?? '';
}

function countyPathOf(path: string): string {
  return `/${countyIdOf(path)}/`;
}

type Sla = { respondHours: number; handleWorkingDays: number; extensionWorkingDays: number };

export async function slaFor(db: DbOrTrx, urgency: string, category: string): Promise<Sla> {
  const rule = await repo.findSlaRule(db, urgency, category);
  return rule ? { respondHours: rule.respond_hours, handleWorkingDays: rule.handle_working_days, extensionWorkingDays: rule.extension_working_days } : { respondHours: 24, handleWorkingDays: 10, extensionWorkingDays: 5 };
}

function statusDelta(row: Pick<CitizenMatterRow, 'received_day' | 'town_org_unit_id' | 'location_org_unit_id' | 'location_path' | 'category'>, status: string, n: number): repo.RollupDelta {
  return { metric: 'STATUS', day: row.received_day, townId: row.town_org_unit_id, villageId: row.location_org_unit_id, villagePath: row.location_path, category: row.category, bucket: status, n };
}

/** The contributions of a close to the rollups (working days to close, on time or late); negated on reopen. */
function closeDeltas(row: CitizenMatterRow, closedAt: string, cal: WorkCalendar, sign: 1 | -1): repo.RollupDelta[] {
  const base = { townId: row.town_org_unit_id, villageId: row.location_org_unit_id, villagePath: row.location_path, category: row.category, day: cstDate(new Date(closedAt)) };
  const days = Math.max(0, workingDaysFromTo(new Date(row.accepted_at ?? row.received_at), new Date(closedAt), cal));
  return [
    { ...base, metric: 'CLOSED_DAYS', bucket: String(days).padStart(3, '0'), n: sign },
    { ...base, metric: row.was_overdue ? 'LATE' : 'ON_TIME', bucket: '-', n: sign },
  ];
}

/**
 * Takes in a matter from any channel. A REPORT that names a cadre's misconduct is routed out of the O2O flow to
 * the discipline commission (status ROUTED_DISCIPLINE); the requester sees only "received". Identity is stored
 * encrypted with a masked copy; anonymous matters store none. Returns the code, the secret check code (shown
 * once) and the date by which the matter would be handled if accepted now.
 */
export async function submitMatter(deps: AppDeps, input: SubmitMatterInput): Promise<SubmitMatterResult> {
  const description = input.description.trim();
  if ([...description].length < 5) throw fieldError('description', '请把事项描述清楚（至少 5 个字）', 'Describe the matter in at least 5 characters');
  const anonymous = input.anonymous;
  // An anonymous requester may still leave a number for the O2O office's revisit; handlers never see it.
  const name = (input.requesterName ?? '').trim();
  let phone: string | null = null;
  if (input.requesterPhone && input.requesterPhone.trim()) {
    phone = normalisePhone(input.requesterPhone);
    if (!phone) throw fieldError('phone', '手机号码格式不正确，应为 11 位大陆手机号', 'The phone must be an 11-digit mainland mobile number');
  }
  if (name && [...name].length > LIMITS.nameMax) throw fieldError('name', `姓名最多 ${LIMITS.nameMax} 个字`, `Name at most ${LIMITS.nameMax} characters`);
  const photos = cleanPhotos(input.photos ?? []);
  const urgency: MatterUrgency = input.urgency ?? 'NORMAL';
  const routed = input.category === 'REPORT' && input.namesCadre === true;

  const cal = await loadWorkCalendar(deps.db);
  // Intake is the busiest write of the public surface: concurrent submissions share one durable commit
  // (platform/group-commit.ts); each still runs alone in its savepoint and is acknowledged only after the commit.
  return groupCommit(deps.db, async (trx) => {
    const unit = await repo.findUnit(trx, input.locationOrgUnitId);
    if (!unit || unit.valid_to !== null || !LOCATION_TYPES.has(unit.type)) throw fieldError('locationOrgUnitId', '请选择事项所在的村（社区）或镇（街道）', 'Choose the village (community) or town (street) of the matter');
    if (input.by.kind === 'staff' && !isPathInScope(unit.path, matterScopes(input.by.actor).accept)) throw notFound({ zh: '村（社区）', en: 'village' });
    const isVillage = VILLAGE_TYPES.has(unit.type);
    const townId = isVillage ? unit.parent_id! : unit.id;
    const level: MatterLevel = isVillage ? 'VILLAGE' : 'TOWN';
    const now = deps.clock.now();
    const nowIso = now.toISOString();
    const year = Number(cstDate(now).slice(0, 4));
    const seq = await repo.nextCodeSeq(trx, year);
    const code = `CSX-${year}-${String(seq).padStart(6, '0')}`;
    const checkCode = randomCheckCode();
    const sla = await slaFor(trx, urgency, input.category);
    const due = workingDeadline(now, sla.handleWorkingDays, cal);
    const id = uuidv7();
    const status: MatterStatus = routed ? 'ROUTED_DISCIPLINE' : 'SUBMITTED';
    const staff = input.by.kind === 'staff' ? input.by.actor : null;
    const title = (input.title?.trim() || [...description].slice(0, 30).join('')).slice(0, 60);
    // A misconduct report goes to the discipline commission's 信访举报 intake in this same transaction.
    const petitionId = routed ? await receiveRoutedReport(trx, deps, { code, title, description, locationPath: unit.path, anonymous, requesterName: name || null, requesterPhone: phone }) : null;
    const row = {
      id,
      code,
      check_hash: checkHash(deps, code, checkCode),
      channel: input.channel,
      source_group_id: null,
      open311_client_id: input.by.kind === 'open311' ? input.by.clientId : null,
      requester_key: input.requesterKey ? deps.cipher.blindIndex('o2o_requester', input.requesterKey) : null,
      requester_person_id: null,
      requester_name_enc: name ? deps.cipher.encrypt(name) : null,
      requester_name_masked: name ? maskName(name) : null,
      requester_phone_enc: phone ? deps.cipher.encrypt(phone) : null,
      requester_phone_masked: phone ? maskPhone(phone) : null,
      anonymous: anonymous ? 1 : 0,
      category: input.category,
      urgency,
      names_cadre: input.namesCadre ? 1 : 0,
      title,
      description,
      location_org_unit_id: unit.id,
      location_path: unit.path,
      town_org_unit_id: townId,
      current_level: routed ? 'COUNTY' : level,
      level_org_unit_id: routed ? countyIdOf(unit.path) : unit.id,
      level_path: routed ? countyPathOf(unit.path) : unit.path,
      assigned_org_unit_id: null,
      assigned_path: null,
      assignee_user_id: null,
      accepted_by_user_id: null,
      dispatched_by_user_id: null,
      status,
      received_at: nowIso,
      received_day: cstDate(now),
      respond_by: new Date(now.getTime() + sla.respondHours * 3_600_000).toISOString(),
      accepted_at: null,
      due_at: null,
      first_reply_at: null,
      replied_at: null,
      closed_at: null,
      resolution_text: null,
      reject_reason: null,
      public_reply: null,
      satisfaction: null,
      citizen_satisfaction: null,
      citizen_comment: null,
      revisit_at: null,
      extension_count: 0,
      overdue: 0,
      overdue_count: 0,
      was_overdue: 0,
      supervised: 0,
      escalation_count: 0,
      return_count: 0,
      reopen_count: 0,
      m10_candidate: 0,
      routed_to: routed ? 'DISCIPLINE_COMMISSION' : null,
      petition_id: petitionId,
      created_by_user_id: staff?.userId ?? null,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await repo.insertMatter(trx, row);
    if (photos.length) {
      await trx.insertInto('matter_photo').values(photos.map((p) => ({ id: uuidv7(), matter_id: id, sha256: p.sha256, mime: p.mime, size: p.data.length, data_base64: p.data.toString('base64'), created_at: nowIso }))).execute();
    }
    const receivedNote = await renderTemplate(trx, 'SUBMITTED', input.category, { code });
    await repo.insertEvents(trx, [{ id: uuidv7(), matter_id: id, at: nowIso, actor_user_id: staff?.userId ?? null, actor_role: staff ? roleOf(staff, 'o2o.accept') : input.by.kind === 'open311' ? 'OPEN311' : 'CITIZEN', action: 'submit', from_status: null, to_status: status, note: null, public_note: receivedNote }]);
    if (!routed) await repo.bumpRollups(trx, [statusDelta(row, status, 1)]);
    await appendLedgerEvent(
      trx,
      staff ? ledgerActor(staff, roleOf(staff, 'o2o.accept')) : { userId: null, role: input.by.kind === 'open311' ? 'OPEN311' : 'CITIZEN' },
      {
        action: routed ? 'o2o.matter.routed' : 'o2o.matter.submitted',
        objectType: 'citizen_matter',
        objectId: id,
        orgPath: unit.path,
        payload: { code, channel: input.channel, category: input.category, urgency, anonymous, photos: photos.length, ...(input.by.kind === 'open311' ? { open311ClientId: input.by.clientId } : {}), ...(routed ? { routedTo: 'DISCIPLINE_COMMISSION', petitionId } : {}) },
      },
      now,
    );
    return { id, code, checkCode, expectedDate: cstDate(due), dueAt: due.toISOString(), status };
  });
}

function roleOf(actor: Actor, permission: Parameters<typeof roleHasPermission>[1]): string | undefined {
  return actor.roles.find((r) => roleHasPermission(r, permission));
}

const ALL_ACTIONS: readonly MatterAction[] = ['accept', 'reject', 'answer', 'escalate', 'dispatch', 'sign', 'return', 'start', 'requestExtension', 'approveExtension', 'denyExtension', 'reply', 'close', 'revisit', 'reopen', 'resume', 'archive'];

/** Actions the actor may try now (state and party; guards such as CONSULT-only are checked on use). */
export function allowedActions(actor: Actor, s: MatterScopes, row: CitizenMatterRow): MatterAction[] {
  const parties = partiesOf(s, row);
  return ALL_ACTIONS.filter((a) => {
    const t = transitionFor(a);
    if (!t.from.includes(row.status as MatterStatus)) return false;
    if (!hasActionPermission(actor, a)) return false;
    if (!t.parties.some((p) => parties.has(p))) return false;
    if (a === 'answer' && row.category !== 'CONSULT') return false;
    if (a === 'escalate' && row.current_level === 'COUNTY') return false;
    if (a === 'requestExtension' && row.extension_count >= MAX_EXTENSIONS) return false;
    if (a === 'reopen' && row.satisfaction !== 'DISSATISFIED') return false;
    return true;
  });
}

function hasActionPermission(actor: Actor, action: MatterAction): boolean {
  const t = transitionFor(action);
  return hasPermission(actor, t.permission) || (action === 'escalate' && hasPermission(actor, 'o2o.dispatch'));
}

async function workingDaysLeft(row: CitizenMatterRow, now: Date, cal: WorkCalendar): Promise<number | null> {
  if (!row.due_at || !['ACCEPTED', 'ESCALATED', 'DISPATCHED', 'SIGNED', 'RETURNED', 'IN_PROGRESS', 'EXTENSION_REQUESTED', 'REOPENED'].includes(row.status)) return null;
  return workingDaysBetween(cstDate(now), cstDate(new Date(row.due_at)), cal);
}

async function present(ctx: ServiceCtx, row: repo.MatterListRow, s: MatterScopes, cal: WorkCalendar): Promise<Matter> {
  return presentMatter(row, { allowed: allowedActions(ctx.actor, s, row), requesterVisible: canSeeRequester(s, row), workingDaysLeft: await workingDaysLeft(row, ctx.clock.now(), cal) });
}

export async function listMatters(ctx: ServiceCtx, query: ListMattersQuery): Promise<Page<Matter>> {
  if (!hasPermission(ctx.actor, query.box === 'routed' ? 'petition.write' : 'o2o.read')) throw forbidden();
  const s = matterScopes(ctx.actor);
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await repo.findUnit(ctx.db, query.unitId);
    if (!unit) throw notFound({ zh: '单位', en: 'unit' });
    unitPath = unit.path;
  }
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
  const sort = query.sort ?? (query.box && query.box !== 'all' ? 'dueAt' : '-receivedAt');
  const { rows, total } = await repo.listMatters(ctx.db, s, query.box ?? 'all', { status: query.status, category: query.category, urgency: query.urgency, unitPath, code: query.code, from: query.from, to: query.to }, { page, pageSize, sort });
  const cal = await loadWorkCalendar(ctx.db);
  return { items: await Promise.all(rows.map((r) => present(ctx, r, s, cal))), total, page, pageSize };
}

async function visibleRow(ctx: ServiceCtx, db: DbOrTrx, id: string, kind: 'o2o' | 'routed' = 'o2o'): Promise<{ row: repo.MatterListRow; s: MatterScopes }> {
  const row = await repo.findMatterWithNames(db, id);
  const s = matterScopes(ctx.actor);
  if (!row || (row.routed_to !== null) !== (kind === 'routed') || !canSeeMatter(s, row)) throw notFound(MATTER);
  return { row, s };
}

/** A matter with its timeline, photos and notices. Citizen matters are audited reads (SPEC §4): one ledger event per view. */
export async function getMatter(ctx: ServiceCtx, id: string, kind: 'o2o' | 'routed' = 'o2o'): Promise<MatterDetail> {
  if (!hasPermission(ctx.actor, kind === 'routed' ? 'petition.write' : 'o2o.read')) throw forbidden();
  return inTransaction(ctx.db, async (trx) => {
    const { row, s } = await visibleRow(ctx, trx, id, kind);
    const cal = await loadWorkCalendar(ctx.db);
    const [events, photos, notices] = await Promise.all([repo.listEvents(trx, id), repo.listPhotos(trx, id), repo.listNotices(trx, id)]);
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, roleOf(ctx.actor, 'o2o.read') ?? roleOf(ctx.actor, 'petition.write')), { action: 'o2o.matter.viewed', objectType: 'citizen_matter', objectId: id, orgPath: row.location_path, payload: { code: row.code } }, ctx.clock.now());
    return {
      matter: await present(ctx, row, s, cal),
      events: events.map((e) => ({ at: e.at, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, actorName: e.actor_name ?? null, actorRole: e.actor_role, note: e.note, publicNote: e.public_note })),
      photos: photos.map((p) => ({ id: p.id, mime: p.mime, size: Number(p.size) })),
      notices: notices.map((n) => ({ kind: n.kind, round: Number(n.round), toName: n.to_name ?? '', message: n.message, createdAt: n.created_at })),
    };
  });
}

/**
 * Hands a routed report to the discipline commission's 信访举报 intake by hand, the caller (petition.write) becoming
 * its handler: for reports routed when no discipline-commission account covered the place (or before the hand-over
 * existed). Submission does this automatically; a report already handed over answers 409.
 */
export async function takeInRoutedReport(ctx: ServiceCtx, id: string): Promise<Matter> {
  if (!hasPermission(ctx.actor, 'petition.write')) throw forbidden();
  const cal = await loadWorkCalendar(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const { row, s } = await visibleRow(ctx, trx, id, 'routed');
    if (row.petition_id) throw new AppError('ILLEGAL_TRANSITION', { zh: '该举报已转入信访举报件，请在信访举报中查看', en: 'This report is already a petition; open it under petitions' });
    const petitionId = await receiveRoutedReport(
      trx,
      ctx,
      { code: row.code, title: row.title, description: row.description, locationPath: row.location_path, anonymous: row.anonymous === 1, requesterName: row.requester_name_enc ? ctx.cipher.decrypt(row.requester_name_enc) : null, requesterPhone: row.requester_phone_enc ? ctx.cipher.decrypt(row.requester_phone_enc) : null },
      ctx.actor,
    );
    const nowIso = ctx.clock.now().toISOString();
    const r = await trx.updateTable('citizen_matter').set({ petition_id: petitionId, updated_at: nowIso }).where('id', '=', row.id).where('petition_id', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw guard('该举报刚被他人转入信访件，请刷新', 'Someone else just took this report in; reload');
    await repo.insertEvents(trx, [{ id: uuidv7(), matter_id: row.id, at: nowIso, actor_user_id: ctx.actor.userId, actor_role: roleOf(ctx.actor, 'petition.write') ?? null, action: 'takeIn', from_status: row.status, to_status: row.status, note: null, public_note: null }]);
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, roleOf(ctx.actor, 'petition.write')), { action: 'o2o.matter.takenIn', objectType: 'citizen_matter', objectId: row.id, orgPath: row.location_path, payload: { code: row.code, petitionId } }, ctx.clock.now());
    return present(ctx, (await repo.findMatterWithNames(trx, row.id))!, s, cal);
  });
}

/** The requester's full name and phone, for the accepting and handling actors only; a ledger event per reveal. */
export async function revealRequester(ctx: ServiceCtx, id: string): Promise<{ name: string | null; phone: string | null }> {
  return inTransaction(ctx.db, async (trx) => {
    const { row, s } = await visibleRow(ctx, trx, id);
    if (!canSeeRequester(s, row)) throw new AppError('FORBIDDEN', row.anonymous ? { zh: '该事项为匿名反映，承办人不能查看反映人身份', en: 'The matter is anonymous; handlers may not see the requester' } : { zh: '只有受理和承办人员可以查看反映人身份', en: 'Only the accepting and handling actors may see the requester' });
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, roleOf(ctx.actor, 'o2o.read')), { action: 'o2o.requester.revealed', objectType: 'citizen_matter', objectId: id, orgPath: row.location_path, payload: { code: row.code } }, ctx.clock.now());
    return { name: row.requester_name_enc ? ctx.cipher.decrypt(row.requester_name_enc) : null, phone: row.requester_phone_enc ? ctx.cipher.decrypt(row.requester_phone_enc) : null };
  });
}

export async function getMatterPhoto(ctx: ServiceCtx, id: string, photoId: string): Promise<{ mime: string; data: Buffer }> {
  const { row } = await visibleRow(ctx, ctx.db, id);
  const photo = await repo.findPhoto(ctx.db, row.id, photoId);
  if (!photo) throw notFound({ zh: '照片', en: 'photo' });
  return { mime: photo.mime, data: Buffer.from(photo.data_base64, 'base64') };
}

const STATUS_ZH: Record<MatterStatus, string> = {
  SUBMITTED: '待受理', REJECTED: '不予受理', ACCEPTED: '已受理', ANSWERED_ON_SPOT: '当场答复', ESCALATED: '已上报', DISPATCHED: '已转办', SIGNED: '已签收', RETURNED: '已退回',
  IN_PROGRESS: '办理中', EXTENSION_REQUESTED: '申请延期', REPLIED: '已答复', CLOSED: '已办结', REVISITED: '已回访', REOPENED: '重新办理', ARCHIVED: '已归档', ROUTED_DISCIPLINE: '已移送纪委',
};

function illegal(row: CitizenMatterRow, action: MatterAction): AppError {
  return new AppError('ILLEGAL_TRANSITION', { zh: `事项当前状态为“${STATUS_ZH[row.status as MatterStatus] ?? row.status}”，不能执行该操作（${action}）`, en: `The matter is ${row.status}; ${action} is not possible now` });
}

const guard = (zh: string, en: string) => new AppError('ILLEGAL_TRANSITION', { zh, en });

function requireText(value: string | undefined, field: 'reason' | 'text', min: number): string {
  const t = (value ?? '').trim();
  if ([...t].length < min) throw fieldError(field, field === 'reason' ? `请填写理由（至少 ${min} 个字）` : `请填写答复内容（至少 ${min} 个字）`, field === 'reason' ? `Give a reason of at least ${min} characters` : `Write a reply of at least ${min} characters`);
  return t;
}

type Plan = {
  values: CitizenMatterRowUpdate;
  /** the final status (after automatic follow-ups) */
  finalStatus: MatterStatus;
  note: string | null;
  publicNote: string | null;
  followUps: { action: string; to: MatterStatus; note: string | null; publicNote: string | null }[];
  extraDeltas: repo.RollupDelta[];
  payload: Record<string, unknown>;
  notices: { kind: 'ESCALATION'; toUnitId: string; toPath: string; message: string }[];
};

/** Applies one transition of o2o.policy.ts MATTER_TRANSITIONS. */
export async function transitionMatter(ctx: ServiceCtx, id: string, req: TransitionRequest): Promise<Matter> {
  const t = transitionFor(req.action);
  if (!hasActionPermission(ctx.actor, req.action)) throw forbidden();
  const cal = await loadWorkCalendar(ctx.db);
  return inTransaction(ctx.db, async (trx) => {
    const { row, s } = await visibleRow(ctx, trx, id);
    const parties = partiesOf(s, row);
    const party: MatterParty | undefined = t.parties.find((p) => parties.has(p));
    if (!party) {
      throw new AppError('FORBIDDEN', {
        zh: t.parties.includes('handler') ? '只有承办单位的人员可以执行该操作' : t.parties.includes('dispatcher') ? '只有该事项所在层级的 O2O 办公室可以执行该操作' : '只有事项所在村（社区）的受理人员可以执行该操作',
        en: t.parties.includes('handler') ? 'Only the handling unit may do this' : t.parties.includes('dispatcher') ? "Only the O2O office of the matter's level may do this" : "Only the accepting cadres of the matter's village may do this",
      });
    }
    if (!t.from.includes(row.status as MatterStatus)) throw illegal(row, req.action);
    const now = ctx.clock.now();
    const nowIso = now.toISOString();
    const plan = await planTransition(ctx, trx, row, req, party, now, cal);
    const updated = await repo.updateMatter(trx, row.id, row.status, { ...plan.values, status: plan.finalStatus, updated_at: nowIso });
    if (updated !== 1) throw guard('该事项刚被他人处理，请刷新后查看', 'Someone else just changed this matter; reload it');
    const role = roleOf(ctx.actor, t.permission) ?? roleOf(ctx.actor, 'o2o.dispatch') ?? null;
    const events: NewMatterEventRow[] = [{ id: uuidv7(), matter_id: row.id, at: nowIso, actor_user_id: ctx.actor.userId, actor_role: role, action: req.action, from_status: row.status, to_status: t.to, note: plan.note, public_note: plan.publicNote }];
    let prev: MatterStatus = t.to;
    for (const f of plan.followUps) {
      events.push({ id: uuidv7(), matter_id: row.id, at: nowIso, actor_user_id: null, actor_role: 'SYSTEM', action: f.action, from_status: prev, to_status: f.to, note: f.note, public_note: f.publicNote });
      prev = f.to;
    }
    await repo.insertEvents(trx, events);
    await repo.bumpRollups(trx, [...(row.status !== plan.finalStatus ? [statusDelta(row, row.status, -1), statusDelta(row, plan.finalStatus, 1)] : []), ...plan.extraDeltas]);
    for (const n of plan.notices) {
      await trx.insertInto('o2o_notice').values({ id: uuidv7(), matter_id: row.id, kind: n.kind, round: row.escalation_count + 1, to_org_unit_id: n.toUnitId, to_path: n.toPath, leader_person_id: await repo.findUnitLeader(trx, n.toUnitId), message: n.message, created_at: nowIso, acknowledged_at: null, acknowledged_by: null }).execute();
    }
    await appendLedgerEvent(trx, ledgerActor(ctx.actor, role ?? undefined), { action: `o2o.matter.${req.action}`, objectType: 'citizen_matter', objectId: row.id, orgPath: row.location_path, payload: { code: row.code, from: row.status, to: plan.finalStatus, by: party, ...plan.payload } }, now);
    const fresh = await repo.findMatterWithNames(trx, row.id);
    return present(ctx, fresh!, s, cal);
  });
}

async function planTransition(ctx: ServiceCtx, trx: Trx, row: CitizenMatterRow, req: TransitionRequest, party: MatterParty, now: Date, cal: WorkCalendar): Promise<Plan> {
  const nowIso = now.toISOString();
  const plan: Plan = { values: {}, finalStatus: transitionFor(req.action).to, note: req.note?.trim() || null, publicNote: null, followUps: [], extraDeltas: [], payload: {}, notices: [] };
  const category = row.category as MatterCategory;
  switch (req.action) {
    case 'accept': {
      const sla = await slaFor(trx, row.urgency, row.category);
      const due = workingDeadline(now, sla.handleWorkingDays, cal);
      plan.values = { accepted_at: nowIso, accepted_by_user_id: ctx.actor.userId, due_at: due.toISOString() };
      plan.publicNote = await renderTemplate(trx, 'ACCEPTED', category, { code: row.code, dueDate: cstDate(due) });
      plan.payload = { dueAt: due.toISOString(), handleWorkingDays: sla.handleWorkingDays, lateAcceptance: nowIso > row.respond_by };
      break;
    }
    case 'reject': {
      const reason = requireText(req.reason, 'reason', LIMITS.reasonMin);
      plan.values = { reject_reason: reason, closed_at: nowIso };
      plan.note = reason;
      plan.publicNote = await renderTemplate(trx, 'REJECTED', category, { code: row.code, reason });
      plan.payload = { reason };
      break;
    }
    case 'answer': {
      if (row.category !== 'CONSULT') throw guard('只有咨询类事项可以当场答复', 'Only CONSULT matters can be answered on the spot');
      const text = requireText(req.text, 'text', 2);
      const publicReply = await renderTemplate(trx, 'ANSWERED_ON_SPOT', category, { code: row.code, text });
      plan.values = { resolution_text: text, public_reply: publicReply, first_reply_at: row.first_reply_at ?? nowIso, replied_at: nowIso, closed_at: nowIso };
      plan.publicNote = publicReply;
      plan.finalStatus = 'CLOSED';
      plan.followUps.push({ action: 'autoClose', to: 'CLOSED', note: null, publicNote: await renderTemplate(trx, 'CLOSED', category, { code: row.code }) });
      plan.extraDeltas = closeDeltas({ ...row, accepted_at: row.accepted_at ?? nowIso }, nowIso, cal, 1);
      plan.payload = { textLength: [...text].length };
      break;
    }
    case 'escalate': {
      const idx = LEVEL_ORDER.indexOf(row.current_level as MatterLevel);
      if (idx >= LEVEL_ORDER.length - 1) throw guard('事项已在县级，不能再上报', 'The matter is already at county level');
      if (party === 'acceptor' && !partiesOf(matterScopes(ctx.actor), row).has('dispatcher') && row.current_level !== 'VILLAGE') throw guard('事项已上报到镇（街道），由镇级 O2O 办公室决定是否继续上报', 'The matter is at the town; its O2O office decides on further escalation');
      const reason = requireText(req.reason, 'reason', LIMITS.reasonMin);
      const next = LEVEL_ORDER[idx + 1]!;
      const target = next === 'TOWN' ? await repo.findUnit(trx, row.town_org_unit_id) : await repo.findUnit(trx, countyIdOf(row.location_path));
      if (!target) throw notFound({ zh: '上级单位', en: 'upper unit' });
      plan.values = { current_level: next, level_org_unit_id: target.id, level_path: target.path, escalation_count: row.escalation_count + 1 };
      plan.note = reason;
      plan.payload = { reason, fromLevel: row.current_level, toLevel: next };
      break;
    }
    case 'dispatch': {
      if (!req.targetOrgUnitId) throw fieldError('targetOrgUnitId', '请选择承办单位', 'Choose the handling unit');
      const target = await repo.findUnit(trx, req.targetOrgUnitId);
      const s = matterScopes(ctx.actor);
      if (!target || target.valid_to !== null || !isPathInScope(target.path, s.dispatch)) throw fieldError('targetOrgUnitId', '承办单位不存在或不在您的转办范围内（只能转办给同级或下级单位）', 'The handling unit does not exist or is outside your dispatch scope (same or lower level only)');
      plan.values = { assigned_org_unit_id: target.id, assigned_path: target.path, assignee_user_id: null, dispatched_by_user_id: ctx.actor.userId };
      plan.publicNote = await renderTemplate(trx, 'DISPATCHED', category, { code: row.code, unit: target.name, dueDate: row.due_at ? cstDate(new Date(row.due_at)) : '' });
      plan.payload = { targetOrgUnitId: target.id };
      break;
    }
    case 'sign':
    case 'start':
    case 'resume':
      plan.values = { assignee_user_id: ctx.actor.userId };
      break;
    case 'return': {
      const reason = requireText(req.reason, 'reason', LIMITS.reasonMin);
      plan.values = { assigned_org_unit_id: null, assigned_path: null, assignee_user_id: null, return_count: row.return_count + 1 };
      plan.note = reason;
      plan.payload = { reason, returnedBy: row.assigned_org_unit_id };
      break;
    }
    case 'requestExtension': {
      if (row.extension_count >= MAX_EXTENSIONS) throw guard(`每个事项最多延期 ${MAX_EXTENSIONS} 次`, `A matter may be extended at most ${MAX_EXTENSIONS} time(s)`);
      const reason = requireText(req.reason, 'reason', LIMITS.reasonMin);
      plan.note = reason;
      plan.payload = { reason };
      break;
    }
    case 'approveExtension': {
      if (row.extension_count >= MAX_EXTENSIONS) throw guard(`每个事项最多延期 ${MAX_EXTENSIONS} 次`, `A matter may be extended at most ${MAX_EXTENSIONS} time(s)`);
      const sla = await slaFor(trx, row.urgency, row.category);
      const base = row.due_at && row.due_at > nowIso ? cstDate(new Date(row.due_at)) : cstDate(now);
      const due = endOfCstDay(addWorkingDays(base, Math.max(1, sla.extensionWorkingDays), cal));
      plan.values = { due_at: due.toISOString(), extension_count: row.extension_count + 1, overdue: 0 };
      // SPEC M2: the new due date must be told to the requester.
      plan.publicNote = await renderTemplate(trx, 'EXTENSION_REQUESTED', category, { code: row.code, dueDate: cstDate(due) });
      plan.payload = { dueAt: due.toISOString(), extensionWorkingDays: sla.extensionWorkingDays };
      break;
    }
    case 'denyExtension': {
      const reason = requireText(req.reason, 'reason', LIMITS.reasonMin);
      plan.note = reason;
      plan.payload = { reason };
      break;
    }
    case 'reply': {
      const text = requireText(req.text, 'text', LIMITS.reasonMin);
      const publicReply = await renderTemplate(trx, 'REPLIED', category, { code: row.code, text });
      plan.values = { resolution_text: text, public_reply: publicReply, first_reply_at: row.first_reply_at ?? nowIso, replied_at: nowIso, overdue: 0 };
      plan.publicNote = publicReply;
      plan.payload = { textLength: [...text].length };
      break;
    }
    case 'close': {
      // SPEC M2: a matter closes only after a REPLIED event with non-empty resolution text.
      if (!row.resolution_text?.trim() || !(await repo.hasEvent(trx, row.id, 'REPLIED'))) throw guard('该事项尚无答复内容，不能办结', 'The matter has no reply yet and cannot be closed');
      plan.values = { closed_at: nowIso };
      plan.publicNote = await renderTemplate(trx, 'CLOSED', category, { code: row.code });
      plan.extraDeltas = closeDeltas(row, nowIso, cal, 1);
      break;
    }
    case 'revisit': {
      if (!req.satisfaction) throw fieldError('satisfaction', '请选择群众满意度', 'Choose the satisfaction');
      const satisfaction: Satisfaction = req.satisfaction;
      plan.values = { satisfaction, revisit_at: nowIso };
      plan.payload = { satisfaction };
      plan.extraDeltas = [{ metric: 'SATISFACTION', day: cstDate(now), townId: row.town_org_unit_id, villageId: row.location_org_unit_id, villagePath: row.location_path, category: row.category, bucket: satisfaction, n: 1 }];
      if (satisfaction !== 'DISSATISFIED') {
        plan.finalStatus = 'ARCHIVED';
        plan.followUps.push({ action: 'autoArchive', to: 'ARCHIVED', note: null, publicNote: null });
      }
      break;
    }
    case 'reopen': {
      if (row.satisfaction !== 'DISSATISFIED') throw guard('只有回访不满意的事项才能重新办理', 'Only a matter revisited as DISSATISFIED can be reopened');
      if (req.handlerFault !== true) throw guard('只有因承办人主观原因导致不满意的事项才能重新办理；其他情况请归档', "Reopen only when the dissatisfaction is the handler's fault; otherwise archive it");
      const reason = requireText(req.reason, 'reason', LIMITS.reasonMin);
      const sla = await slaFor(trx, row.urgency, row.category);
      const due = workingDeadline(now, Math.max(1, sla.handleWorkingDays), cal);
      plan.values = { reopen_count: row.reopen_count + 1, due_at: due.toISOString(), closed_at: null, satisfaction: null, revisit_at: null, overdue: 0 };
      plan.note = reason;
      plan.publicNote = await renderTemplate(trx, 'REOPENED', category, { code: row.code });
      plan.payload = { reason, handlerFault: true, dueAt: due.toISOString() };
      // The earlier close and revisit no longer count.
      plan.extraDeltas = [
        ...(row.closed_at ? closeDeltas(row, row.closed_at, cal, -1) : []),
        ...(row.satisfaction && row.revisit_at ? [{ metric: 'SATISFACTION', day: cstDate(new Date(row.revisit_at)), townId: row.town_org_unit_id, villageId: row.location_org_unit_id, villagePath: row.location_path, category: row.category, bucket: row.satisfaction, n: -1 }] : []),
      ];
      break;
    }
    case 'archive':
      break;
  }
  return plan;
}

/** Applies the same transition to many matters (bulk accept, dispatch, close review); each in its own transaction. */
export async function bulkTransition(ctx: ServiceCtx, req: BulkTransitionRequest, locale: 'zh-CN' | 'en'): Promise<{ done: string[]; failed: { id: string; code: string; message: string }[] }> {
  if (!['accept', 'dispatch', 'close', 'sign', 'archive'].includes(req.transition.action)) throw fieldError('transition.action', '批量操作仅支持受理、转办、办结审核、签收和归档', 'Bulk supports accept, dispatch, close, sign and archive only');
  const done: string[] = [];
  const failed: { id: string; code: string; message: string }[] = [];
  for (const id of [...new Set(req.ids)]) {
    try {
      await transitionMatter(ctx, id, req.transition);
      done.push(id);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      failed.push({ id, code: e.code, message: pickText(e.text, locale) });
    }
  }
  return { done, failed };
}
