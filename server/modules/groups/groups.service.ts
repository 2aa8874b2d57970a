/**
 * Use cases of the four-level service groups (SPEC §3 M2): the [INF] level mapping, groups (create, archive, owner
 * and admins), memberships (add, remove, .xlsx import) and the member list.
 *
 * Every service starts with visibility (groups under the caller's o2o.read subtrees; anything else → 404), then the
 * management right (o2o.groups over the group's unit, else 403 with the reason), then the state guard (409). Each
 * write appends its ledger event in the same transaction. WeChat ids are hashed on arrival and never stored or logged.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Page } from '../../../contracts/common.ts';
import { ORG_UNIT_TYPES } from '../../../contracts/enums.ts';
import type {
  AddGroupMember,
  CreateGroup,
  GroupDetail,
  GroupLevel,
  GroupLevelConfig,
  GroupMember,
  GroupPersonOption,
  GroupSummary,
  ImportMembersResult,
  ListGroupsQuery,
  ListMembersQuery,
  PutGroupLevel,
  PutGroupStaff,
} from '../../../contracts/groups.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import { inTransaction, type DbOrTrx, type Trx } from '../../db/database.ts';
import type { ServiceGroupRow } from '../../db/schema.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { inspectXlsx, parseDateCell, parseTextCell, parseYesNoCell, readSheetTable } from '../../platform/excel/index.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, isPathInScope } from '../../platform/scope.ts';
import { chatKeyOf, countyManagePaths, keyPrefix, levelAccepts, managePaths, memberKeyOf, normaliseWechatId, parseUnitTypes, readPaths } from './groups.policy.ts';
import { presentGroup, presentLevel, presentMember, presentPerson } from './groups.presenter.ts';
import * as repo from './groups.repository.ts';

const GROUP = { zh: '服务群', en: 'service group' };
const UNIT = { zh: '单位', en: 'unit' };
const PERSON = { zh: '人员', en: 'person' };
const MEMBER = { zh: '群成员', en: 'group member' };

export const UNIT_TYPE_ZH: Record<string, string> = { COUNTY: '县', DEV_ZONE: '开发区', COUNTY_DEPT: '县直部门', TOWN: '镇', STREET: '街道', VILLAGE: '村', COMMUNITY: '社区', VILLAGER_GROUP: '村民小组', PARK: '园区' };

export function todayCst(ctx: { clock: { now(): Date } }): string {
  return new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

const refuse = (zh: string, en: string) => new AppError('FORBIDDEN', { zh, en });
const notManager = () => refuse('只有县委组织部组织科、镇（街道）组织委员、O2O 办公室或本村（社区）党组织书记可以管理该服务群', 'Only the grassroots section, the town organisation member, the O2O office or the village secretary may manage this group');

async function event(trx: Trx, ctx: ServiceCtx, permission: Permission, action: string, objectType: string, objectId: string, orgPath: string, payload: Record<string, unknown>): Promise<void> {
  const role = ctx.actor.roles.find((r) => roleHasPermission(r, permission));
  await appendLedgerEvent(trx, ledgerActor(ctx.actor, role), { action, objectType, objectId, orgPath, payload }, ctx.clock.now());
}

function requireRead(ctx: ServiceCtx): string[] {
  if (!hasPermission(ctx.actor, 'o2o.read')) throw forbidden();
  return readPaths(ctx.actor);
}

function requireManage(ctx: ServiceCtx): string[] {
  if (!hasPermission(ctx.actor, 'o2o.groups')) throw forbidden();
  return managePaths(ctx.actor);
}

/** A group the caller may see (404 otherwise), and may manage (403 otherwise). */
async function loadForManage(db: DbOrTrx, ctx: ServiceCtx, id: string): Promise<ServiceGroupRow> {
  const manage = requireManage(ctx);
  const group = await repo.findGroup(db, id);
  if (!group || !isPathInScope(group.org_path, [...readPaths(ctx.actor), ...manage])) throw notFound(GROUP);
  if (!isPathInScope(group.org_path, manage)) throw notManager();
  return group;
}

function requireActive(group: ServiceGroupRow): void {
  if (group.status !== 'ACTIVE') throw new AppError('ILLEGAL_TRANSITION', { zh: `服务群“${group.name}”已归档，不能再修改`, en: 'The group is archived and can no longer be changed' });
}

/** A person the caller may name as owner, admin or member link: under the caller's o2o.groups subtrees. */
async function personInScope(db: DbOrTrx, id: string, paths: string[]) {
  const p = await repo.findPerson(db, id);
  if (!p || !isPathInScope(p.org_path, paths)) throw notFound(PERSON);
  return p;
}

// ====================================================================================== level mapping

export async function listLevels(ctx: ServiceCtx): Promise<GroupLevelConfig[]> {
  requireRead(ctx);
  return (await repo.listLevels(ctx.db)).map(presentLevel);
}

/** The level → unit-type mapping is [INF] (SPEC §7 item 3): county-level group managers may change it. */
export async function putLevel(ctx: ServiceCtx, level: GroupLevel, input: PutGroupLevel): Promise<GroupLevelConfig> {
  requireManage(ctx);
  const roots = countyManagePaths(ctx.actor);
  if (roots.length === 0) throw refuse('只有县级（县委组织部组织科等）可以调整四级服务群的层级划分', 'Only county-level managers may change the level mapping');
  const unknown = input.unitTypes.filter((t) => !(ORG_UNIT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) throw fieldError('unitTypes', `单位类型 ${unknown.join('、')} 不存在，请从县、镇、街道、村、社区、村民小组等类型中选择`, `Unknown unit types: ${unknown.join(', ')}`);
  return inTransaction(ctx.db, async (trx) => {
    const before = await repo.findLevel(trx, level);
    if (!before) throw notFound({ zh: '群层级', en: 'group level' });
    await repo.updateLevel(trx, level, { name_zh: input.nameZh.trim(), name_en: input.nameEn.trim(), unit_types: input.unitTypes.join(','), updated_by: ctx.actor.userId, updated_at: ctx.clock.now().toISOString() });
    await event(trx, ctx, 'o2o.groups', 'groups.level.changed', 'service_group_level', level, roots[0]!, { level, before: { nameZh: before.name_zh, unitTypes: parseUnitTypes(before.unit_types) }, after: input });
    return presentLevel((await repo.findLevel(trx, level))!);
  });
}

// ====================================================================================== groups

async function underPathOf(db: DbOrTrx, orgUnitId: string | undefined, paths: string[]): Promise<string | undefined> {
  if (!orgUnitId) return undefined;
  const unit = await repo.findUnit(db, orgUnitId);
  if (!unit || !isPathInScope(unit.path, paths)) throw notFound(UNIT);
  return unit.path;
}

export async function listGroups(ctx: ServiceCtx, query: ListGroupsQuery): Promise<Page<GroupSummary>> {
  const paths = requireRead(ctx);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
  const underPath = await underPathOf(ctx.db, query.orgUnitId, paths);
  const { rows, total } = await repo.listGroups(ctx.db, paths, { level: query.level, status: query.status, underPath, q: query.q?.trim() || undefined, page, pageSize });
  return { items: rows.map(presentGroup), total, page, pageSize };
}

export async function getGroup(ctx: ServiceCtx, id: string): Promise<GroupDetail> {
  const paths = requireRead(ctx);
  const summary = await repo.groupSummary(ctx.db, id);
  if (!summary || !isPathInScope(summary.org_path, paths)) throw notFound(GROUP);
  const owner = summary.owner_person_id ? await repo.findPerson(ctx.db, summary.owner_person_id) : undefined;
  const admins = await repo.groupAdmins(ctx.db, id);
  const manage = hasPermission(ctx.actor, 'o2o.groups') && isPathInScope(summary.org_path, managePaths(ctx.actor)) && summary.status === 'ACTIVE';
  return {
    group: presentGroup(summary),
    owner: owner ? presentPerson(owner) : null,
    admins: admins.map(presentPerson),
    hasChatId: summary.wechat_chat_id_hash !== null,
    archivedAt: summary.archived_at,
    can: { manage },
  };
}

export async function listMembers(ctx: ServiceCtx, id: string, query: ListMembersQuery): Promise<Page<GroupMember>> {
  const paths = requireRead(ctx);
  const group = await repo.findGroup(ctx.db, id);
  if (!group || !isPathInScope(group.org_path, paths)) throw notFound(GROUP);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
  const { rows, total } = await repo.listMembers(ctx.db, id, { partyOnly: query.partyOnly, includeLeft: query.includeLeft, page, pageSize });
  return { items: rows.map(presentMember), total, page, pageSize };
}

/** People the caller may name as owner, admin or linked member (their o2o.groups subtrees). */
export async function searchPeople(ctx: ServiceCtx, q: string | undefined): Promise<GroupPersonOption[]> {
  const paths = requireManage(ctx);
  const rows = await repo.searchPeople(ctx.db, paths, q?.trim() || undefined, 20);
  return rows.map((r) => ({ id: r.id, name: r.name, orgName: r.org_name, isPartyMember: r.is_party_member === 1 }));
}

async function checkStaff(trx: DbOrTrx, paths: string[], ownerPersonId: string, adminPersonIds: string[]): Promise<string[]> {
  await personInScope(trx, ownerPersonId, paths);
  const admins = adminPersonIds.filter((a) => a !== ownerPersonId);
  for (const a of admins) await personInScope(trx, a, paths);
  return admins;
}

export async function createGroup(ctx: ServiceCtx, input: CreateGroup): Promise<GroupDetail> {
  const manage = requireManage(ctx);
  const id = await inTransaction(ctx.db, async (trx) => {
    const unit = await repo.findUnit(trx, input.orgUnitId);
    if (!unit || !isPathInScope(unit.path, [...readPaths(ctx.actor), ...manage])) throw notFound(UNIT);
    if (!isPathInScope(unit.path, manage)) throw notManager();
    if (unit.valid_to !== null) throw fieldError('orgUnitId', `${unit.name}已撤销或合并，请选择现有的单位`, 'That unit no longer exists; choose a current one');
    const level = await repo.findLevel(trx, input.level);
    if (!level) throw fieldError('level', '群层级不存在，请选择县、镇、村或组级', 'Unknown level');
    if (!levelAccepts(level.unit_types, unit.type)) {
      const allowed = parseUnitTypes(level.unit_types).map((t) => UNIT_TYPE_ZH[t] ?? t).join('、');
      throw fieldError('orgUnitId', `${unit.name}是${UNIT_TYPE_ZH[unit.type] ?? unit.type}，不能建立${level.name_zh}；${level.name_zh}应对应：${allowed}（层级划分可在“层级设置”中调整）`, `A ${level.name_en} must be tied to: ${parseUnitTypes(level.unit_types).join(', ')}`);
    }
    let chatHash: string | null = null;
    if (input.wechatChatId !== undefined) {
      const chat = normaliseWechatId(input.wechatChatId);
      if (!chat) throw fieldError('wechatChatId', '群聊 ID 只能包含 4–64 位字母、数字、下划线或短横线，请检查后重新输入', 'The chat id must be 4-64 letters, digits, _ or -');
      chatHash = chatKeyOf(ctx.cipher, chat);
      if (await repo.findGroupByChatHash(trx, chatHash)) throw conflict({ zh: '该微信群已登记为另一个服务群，请勿重复登记', en: 'This WeChat group is already registered' });
    }
    const admins = await checkStaff(trx, manage, input.ownerPersonId, input.adminPersonIds ?? []);
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await trx
      .insertInto('service_group')
      .values({
        id, level: input.level, name: input.name.trim(), org_unit_id: unit.id, org_path: unit.path, town_org_unit_id: await repo.townOnPath(trx, unit.path), wechat_chat_id_hash: chatHash,
        owner_person_id: input.ownerPersonId, status: 'ACTIVE', created_by_user_id: ctx.actor.userId, created_at: now, archived_at: null, updated_at: now,
      })
      .execute();
    await repo.replaceAdmins(trx, id, admins, now);
    await event(trx, ctx, 'o2o.groups', 'groups.group.created', 'service_group', id, unit.path, { level: input.level, name: input.name.trim(), orgUnitId: unit.id, ownerPersonId: input.ownerPersonId, adminPersonIds: admins, hasChatId: chatHash !== null });
    return id;
  });
  return getGroup(ctx, id);
}

export async function archiveGroup(ctx: ServiceCtx, id: string): Promise<GroupDetail> {
  await inTransaction(ctx.db, async (trx) => {
    const group = await loadForManage(trx, ctx, id);
    requireActive(group);
    const now = ctx.clock.now().toISOString();
    const done = await trx.updateTable('service_group').set({ status: 'ARCHIVED', archived_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'ACTIVE').executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw conflict({ zh: '该服务群刚被他人修改，请刷新后重试', en: 'The group was just changed; reload and retry' });
    await event(trx, ctx, 'o2o.groups', 'groups.group.archived', 'service_group', id, group.org_path, { name: group.name, level: group.level });
  });
  return getGroup(ctx, id);
}

export async function putStaff(ctx: ServiceCtx, id: string, input: PutGroupStaff): Promise<GroupDetail> {
  await inTransaction(ctx.db, async (trx) => {
    const group = await loadForManage(trx, ctx, id);
    requireActive(group);
    const admins = await checkStaff(trx, managePaths(ctx.actor), input.ownerPersonId, input.adminPersonIds);
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('service_group').set({ owner_person_id: input.ownerPersonId, updated_at: now }).where('id', '=', id).execute();
    await repo.replaceAdmins(trx, id, admins, now);
    await event(trx, ctx, 'o2o.groups', 'groups.staff.changed', 'service_group', id, group.org_path, { before: { ownerPersonId: group.owner_person_id }, ownerPersonId: input.ownerPersonId, adminPersonIds: admins });
  });
  return getGroup(ctx, id);
}

// ====================================================================================== members

async function memberView(db: DbOrTrx, groupId: string, memberId: string): Promise<GroupMember> {
  const row = await repo.findMember(db, groupId, memberId);
  if (!row) throw notFound(MEMBER);
  const person = row.person_id ? await repo.findPerson(db, row.person_id) : undefined;
  return presentMember({ ...row, person_name: person?.name ?? null });
}

type MemberInput = { memberKey: string; personId: string | null; isPartyMember: boolean; joinedAt: string };

async function insertMember(trx: Trx, groupId: string, m: MemberInput, now: string): Promise<string> {
  const id = uuidv7();
  await trx.insertInto('group_membership').values({ id, group_id: groupId, member_key: m.memberKey, person_id: m.personId, is_party_member: m.isPartyMember ? 1 : 0, joined_at: m.joinedAt, left_at: null, created_at: now }).execute();
  return id;
}

export async function addMember(ctx: ServiceCtx, id: string, input: AddGroupMember): Promise<GroupMember> {
  const wechat = normaliseWechatId(input.wechatId);
  const memberId = await inTransaction(ctx.db, async (trx) => {
    const group = await loadForManage(trx, ctx, id);
    requireActive(group);
    if (!wechat) throw fieldError('wechatId', '微信号只能包含 4–64 位字母、数字、下划线或短横线，请检查后重新输入', 'The WeChat id must be 4-64 letters, digits, _ or -');
    const person = input.personId ? await personInScope(trx, input.personId, managePaths(ctx.actor)) : null;
    const memberKey = memberKeyOf(ctx.cipher, wechat);
    if (await repo.findCurrentMemberByKey(trx, id, memberKey)) throw conflict({ zh: '该微信号已是本群成员，无需重复添加', en: 'This WeChat id is already a member of the group' });
    const joinedAt = input.joinedAt ?? todayCst(ctx);
    if (joinedAt > todayCst(ctx)) throw fieldError('joinedAt', '入群日期不能晚于今天，请修改入群日期', 'The join date cannot be in the future');
    const memberId = await insertMember(trx, id, { memberKey, personId: person?.id ?? null, isPartyMember: input.isPartyMember, joinedAt }, ctx.clock.now().toISOString());
    await event(trx, ctx, 'o2o.groups', 'groups.member.added', 'group_membership', memberId, group.org_path, { groupId: id, keyPrefix: keyPrefix(memberKey), personId: person?.id ?? null, isPartyMember: input.isPartyMember, joinedAt });
    return memberId;
  });
  return memberView(ctx.db, id, memberId);
}

export async function removeMember(ctx: ServiceCtx, id: string, memberId: string): Promise<GroupMember> {
  await inTransaction(ctx.db, async (trx) => {
    const group = await loadForManage(trx, ctx, id);
    requireActive(group);
    const m = await repo.findMember(trx, id, memberId);
    if (!m) throw notFound(MEMBER);
    if (m.left_at !== null) throw new AppError('ILLEGAL_TRANSITION', { zh: '该成员已退群', en: 'The member has already left' });
    const today = todayCst(ctx);
    await trx.updateTable('group_membership').set({ left_at: today < m.joined_at ? m.joined_at : today }).where('id', '=', memberId).where('left_at', 'is', null).execute();
    await event(trx, ctx, 'o2o.groups', 'groups.member.removed', 'group_membership', memberId, group.org_path, { groupId: id, keyPrefix: keyPrefix(m.member_key) });
  });
  return memberView(ctx.db, id, memberId);
}

const IMPORT_COLUMNS = [
  { key: 'wechatId', header: '微信号', aliases: ['微信ID', 'wechat', 'wechatId', 'openid'], required: true },
  { key: 'party', header: '是否党员', aliases: ['党员'], required: false },
  { key: 'joinedAt', header: '入群日期', aliases: ['加入日期'], required: false },
] as const;
const IMPORT_MAX_ROWS = 500; // a WeChat group holds at most 500 members

/**
 * Adds the members of an uploaded roster (微信号 | 是否党员 | 入群日期) all-or-nothing: any bad row rejects the whole
 * file with per-row Chinese messages; ids already in the group are counted, not duplicated. The WeChat ids are
 * hashed as they are read; one ledger event for the import (counts and the file's SHA-256, never the ids).
 */
export async function importMembers(ctx: ServiceCtx, id: string, file: { fileName: string; buffer: Buffer }): Promise<ImportMembersResult> {
  const en = ctx.actor.locale === 'en';
  const pick = (t: { zh: string; en: string }) => (en ? t.en : t.zh);
  // visibility and right first: an out-of-scope group answers 404 before the file is even opened
  const group0 = await loadForManage(ctx.db, ctx, id);
  requireActive(group0);
  const inspection = await inspectXlsx(file.buffer);
  const read = await readSheetTable(file.buffer, inspection, { columns: IMPORT_COLUMNS, maxRows: IMPORT_MAX_ROWS, maxColumns: 20 });
  if (!read.ok) return { added: 0, alreadyMembers: 0, errors: [{ row: read.problem.headerRow, message: en ? 'Headers must include 微信号 (optional: 是否党员, 入群日期)' : `表头不符：应包含“微信号”列（可选“是否党员”“入群日期”）${read.problem.missing.length ? `，缺少 ${read.problem.missing.join('、')}` : ''}` }] };
  const today = todayCst(ctx);
  const errors: { row: number; message: string }[] = [];
  const keys = new Map<string, { isPartyMember: boolean; joinedAt: string }>();
  let duplicatesInFile = 0;
  for (const r of read.table.rows) {
    const empty = { kind: 'empty' } as const;
    const w = parseTextCell(r.cells.get('wechatId') ?? empty, 64);
    const party = parseYesNoCell(r.cells.get('party') ?? empty);
    const dateCell = r.cells.get('joinedAt') ?? empty;
    const joined = dateCell.kind === 'empty' ? ({ ok: true, value: today } as const) : parseDateCell(dateCell, read.table.date1904);
    const wechat = w.ok ? normaliseWechatId(w.value) : null;
    if (!wechat) errors.push({ row: r.row, message: w.ok ? pick({ zh: '“微信号”只能包含 4–64 位字母、数字、下划线或短横线', en: 'WeChat id: 4-64 letters, digits, _ or -' }) : pick(w.message) });
    if (!party.ok) errors.push({ row: r.row, message: `“是否党员”${pick(party.message)}` });
    if (!joined.ok) errors.push({ row: r.row, message: `“入群日期”${pick(joined.message)}` });
    else if (joined.value > today) errors.push({ row: r.row, message: pick({ zh: '“入群日期”不能晚于今天', en: 'Join date cannot be in the future' }) });
    if (wechat && party.ok && joined.ok) {
      const key = memberKeyOf(ctx.cipher, wechat);
      if (keys.has(key)) duplicatesInFile++;
      else keys.set(key, { isPartyMember: party.value ?? false, joinedAt: joined.value });
    }
  }
  if (read.table.rows.length === 0) errors.push({ row: read.table.headerRow + 1, message: pick({ zh: '表中没有数据行', en: 'The sheet has no data rows' }) });
  if (errors.length > 0) return { added: 0, alreadyMembers: 0, errors };
  const fileSha256 = createHash('sha256').update(file.buffer).digest('hex');
  return inTransaction(ctx.db, async (trx) => {
    const group = await loadForManage(trx, ctx, id);
    requireActive(group);
    const current = await repo.currentKeys(trx, id);
    const now = ctx.clock.now().toISOString();
    let added = 0;
    let already = duplicatesInFile;
    for (const [memberKey, r] of keys) {
      if (current.has(memberKey)) already++;
      else {
        await insertMember(trx, id, { memberKey, personId: null, isPartyMember: r.isPartyMember, joinedAt: r.joinedAt }, now);
        added++;
      }
    }
    await event(trx, ctx, 'o2o.groups', 'groups.members.imported', 'service_group', id, group.org_path, { rows: read.table.rows.length, added, alreadyMembers: already, fileSha256 });
    return { added, alreadyMembers: already, errors: [] };
  });
}
