/**
 * M3 use cases: teams (form, members, activate, dissolve), households (identify, the workflow of poverty.policy.ts,
 * plans, visits with photos, publicity objections), visit reminders, reports and exports.
 *
 * Every service starts with visibility (out of scope → 404), then the party and permission for the action (403
 * with the reason), then the state guard (409 ILLEGAL_TRANSITION with the reason); each write and each read of a
 * household file appends its ledger event in the same transaction. Dates are China Standard Time.
 */
import { uuidv7 } from 'uuidv7';
import type { Page } from '../../../contracts/common.ts';
import { LIMITS } from '../../../contracts/limits.ts';
import {
  ASSISTED_STATUSES,
  HOUSEHOLD_TRANSITIONS,
  type AddMember,
  type CreateHousehold,
  type CreateObjection,
  type CreateTeam,
  type CreateVisit,
  type EndMember,
  type HouseholdDetail,
  type HouseholdStatus,
  type HouseholdSummary,
  type HouseholdTransition,
  type ListHouseholdsQuery,
  type ListTeamsQuery,
  type MemberType,
  type PersonOption,
  type PovertySettings,
  type PutPlan,
  type Reminders,
  type RemindersQuery,
  type ResolveObjection,
  type TeamDetail,
  type TeamSlot,
  type TeamSummary,
  type TransitionInput,
  type Visit,
} from '../../../contracts/poverty.ts';
import { inTransaction, type DbOrTrx, type Trx } from '../../db/database.ts';
import type { PoorHouseholdRow, ServiceTeamRow } from '../../db/schema.ts';
import { ledgerActor, type ServiceCtx } from '../../platform/deps.ts';
import { AppError, conflict, fieldError, forbidden, notFound, type Text } from '../../platform/errors.ts';
import { appendLedgerEvent } from '../../platform/ledger/index.ts';
import { roleHasPermission } from '../../platform/policy.ts';
import { hasPermission, isPathInScope, type Actor } from '../../platform/scope.ts';
import type { Permission } from '../../../contracts/permissions.ts';
import {
  PARTY_TEXT,
  SLOT_TEXT,
  STATUS_TEXT,
  TEAM_MANAGER_ROLES,
  VILLAGE_ROLES,
  addCalendarDays,
  compositionProblems,
  illegalStateReason,
  pathsForParty,
  reminderPeriod,
  rolePaths,
  subtreeReadPaths,
  transitionRule,
  type TransitionRule,
} from './poverty.policy.ts';
import { presentHousehold, presentMember, presentTeam, presentVisits } from './poverty.presenter.ts';
import * as repo from './poverty.repository.ts';

const TEAM = { zh: '帮扶团队', en: 'service team' };
const HOUSEHOLD = { zh: '贫困户', en: 'poor household' };
const VISIT = { zh: '走访记录', en: 'visit' };
const PHOTO = { zh: '照片', en: 'photo' };
const PERSON = { zh: '人员', en: 'person' };
const UNIT = { zh: '村（社区）', en: 'village or community' };

export function todayCst(ctx: { clock: { now(): Date } }): string {
  return new Date(ctx.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function roleFor(actor: Actor, permission: Permission): string | undefined {
  return actor.roles.find((r) => roleHasPermission(r, permission));
}

const refuse = (text: Text) => new AppError('FORBIDDEN', text);
const illegal = (text: Text) => new AppError('ILLEGAL_TRANSITION', text);

/** The caller's read visibility: subtree roles plus the teams they currently belong to. */
export async function visibilityOf(db: DbOrTrx, ctx: ServiceCtx): Promise<repo.Visibility> {
  if (!hasPermission(ctx.actor, 'poverty.read')) throw forbidden();
  const teamIds = ctx.actor.roles.includes('SERVICE_TEAM_MEMBER') || hasPermission(ctx.actor, 'poverty.visit') ? await repo.teamIdsOfPerson(db, ctx.actor.personId, todayCst(ctx)) : [];
  return { paths: subtreeReadPaths(ctx.actor), teamIds };
}

const canSee = (v: repo.Visibility, path: string, teamId: string | null) => isPathInScope(path, v.paths) || (teamId !== null && v.teamIds.includes(teamId));

async function event(trx: Trx, ctx: ServiceCtx, permission: Permission, action: string, objectType: string, objectId: string, orgPath: string, payload: Record<string, unknown>): Promise<number> {
  return appendLedgerEvent(trx, ledgerActor(ctx.actor, roleFor(ctx.actor, permission)), { action, objectType, objectId, orgPath, payload }, ctx.clock.now());
}

async function unitUnder(db: DbOrTrx, id: string | undefined, v: repo.Visibility): Promise<string | undefined> {
  if (!id) return undefined;
  const unit = await repo.findUnit(db, id);
  if (!unit || !isPathInScope(unit.path, v.paths)) throw notFound({ zh: '单位', en: 'unit' });
  return unit.path;
}

// ====================================================================================== settings, catalogues

export async function getSettings(ctx: ServiceCtx): Promise<PovertySettings> {
  if (!hasPermission(ctx.actor, 'poverty.read')) throw forbidden();
  return repo.getSettings(ctx.db);
}

/** County-level only: the grassroots section (poverty.write at the county root). */
export async function putSettings(ctx: ServiceCtx, input: PovertySettings): Promise<PovertySettings> {
  const countyPaths = rolePaths(ctx.actor, ['ORG_GRASSROOTS_SECTION'], 'poverty.write');
  if (countyPaths.length === 0) throw refuse({ zh: '只有县委组织部组织科可以修改帮扶参数', en: 'Only the county grassroots section may change these settings' });
  return inTransaction(ctx.db, async (trx) => {
    const at = ctx.clock.now().toISOString();
    await repo.putSetting(trx, 'notice_days', input.noticeDays, at);
    await repo.putSetting(trx, 'visit_every_months', input.visitEveryMonths, at);
    await event(trx, ctx, 'poverty.write', 'poverty.settings.changed', 'poverty_setting', 'poverty', countyPaths[0]!, { ...input });
    return repo.getSettings(trx);
  });
}

export async function listMemberTypes(ctx: ServiceCtx): Promise<MemberType[]> {
  if (!hasPermission(ctx.actor, 'poverty.read')) throw forbidden();
  return (await repo.listMemberTypes(ctx.db)).map((t) => ({ code: t.code, nameZh: t.name_zh, nameEn: t.name_en }));
}

/** People the caller may put on a team or record as a household head: the caller's poverty.write subtrees. */
export async function searchPeople(ctx: ServiceCtx, q: string | undefined): Promise<PersonOption[]> {
  const paths = rolePaths(ctx.actor, [...TEAM_MANAGER_ROLES, ...VILLAGE_ROLES], 'poverty.write');
  if (paths.length === 0) throw forbidden();
  const rows = await repo.searchPeople(ctx.db, paths, q?.trim() || undefined, 20);
  const villageOf = (r: (typeof rows)[number]) => (r.unit_type === 'VILLAGE' || r.unit_type === 'COMMUNITY' ? r.unit_id : r.unit_type === 'VILLAGER_GROUP' ? r.unit_parent_id : null);
  return rows.map((r) => ({ id: r.id, name: r.name, orgName: r.org_name, isPartyMember: r.is_party_member === 1, villageId: villageOf(r) }));
}

// ====================================================================================== teams

function managerPaths(actor: Actor): string[] {
  return rolePaths(actor, TEAM_MANAGER_ROLES, 'poverty.write');
}

async function loadTeamForManage(trx: DbOrTrx, ctx: ServiceCtx, id: string): Promise<ServiceTeamRow> {
  const team = await repo.findTeam(trx, id);
  const v = await visibilityOf(trx, ctx);
  if (!team || !canSee(v, team.org_path, team.id)) throw notFound(TEAM);
  if (!isPathInScope(team.org_path, managerPaths(ctx.actor))) throw refuse({ zh: '只有镇（街道）党（工）委书记、组织委员或县委组织部组织科可以组建和调整帮扶团队', en: 'Only the town secretary, the town organisation member or the county grassroots section may form or change teams' });
  return team;
}

export async function listTeams(ctx: ServiceCtx, query: ListTeamsQuery): Promise<Page<TeamSummary>> {
  const v = await visibilityOf(ctx.db, ctx);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
  const underPath = await unitUnder(ctx.db, query.orgUnitId, v);
  const { rows, total } = await repo.listTeams(ctx.db, v, { status: query.status, underPath, q: query.q?.trim() || undefined, onlyTeamIds: query.mine ? v.teamIds : undefined, page, pageSize });
  return { items: rows.map(presentTeam), total, page, pageSize };
}

export async function getTeam(ctx: ServiceCtx, id: string, month?: string): Promise<TeamDetail> {
  const db = ctx.db;
  const v = await visibilityOf(db, ctx);
  const summary = await repo.teamSummary(db, id);
  if (!summary || !canSee(v, summary.org_path, summary.id)) throw notFound(TEAM);
  const members = await repo.currentMembers(db, id);
  const households = await repo.householdsOfTeam(db, id);
  const settings = await repo.getSettings(db);
  const period = reminderPeriod(month ?? todayCst(ctx).slice(0, 7), settings.visitEveryMonths);
  const missing = await repo.missingVisits(db, v, { periodStart: period.start, periodEnd: period.end, teamId: id, limit: 200 });
  const manage = isPathInScope(summary.org_path, managerPaths(ctx.actor)) && summary.status !== 'DISSOLVED';
  const problems = compositionProblems(members.map((m) => ({ slot: m.slot, isPartyMember: m.is_party_member === 1 })));
  return {
    team: presentTeam(summary),
    members: members.map(presentMember),
    compositionProblems: problems.map((p) => (ctx.actor.locale === 'en' ? p.en : p.zh)),
    households: households.map((h) => ({ id: h.id, headName: h.head_name, status: h.status as HouseholdStatus, lastVisitOn: h.last_visit_on })),
    reminders: missing.rows.map((r) => reminderOf(r, period.start)),
    can: { manage, activate: manage && summary.status === 'DRAFT' && problems.length === 0, dissolve: manage && summary.status !== 'DISSOLVED' && Number(summary.household_count) === 0 },
  };
}

export async function createTeam(ctx: ServiceCtx, input: CreateTeam): Promise<TeamDetail> {
  const id = await inTransaction(ctx.db, async (trx) => {
    const village = await repo.findUnit(trx, input.villageOrgUnitId);
    const paths = managerPaths(ctx.actor);
    if (!village || !isPathInScope(village.path, [...paths, ...subtreeReadPaths(ctx.actor)])) throw notFound(UNIT);
    if (!isPathInScope(village.path, paths)) throw refuse({ zh: '只有镇（街道）党（工）委书记、组织委员或县委组织部组织科可以组建帮扶团队', en: 'Only the town or the county grassroots section may form a team' });
    if (village.type !== 'VILLAGE' && village.type !== 'COMMUNITY') throw fieldError('villageOrgUnitId', `${village.name}不是村或社区，帮扶团队须按村（社区）组建`, 'Teams are formed per village or community');
    if (village.valid_to !== null) throw fieldError('villageOrgUnitId', `${village.name}已撤销或合并，请选择现有的村（社区）`, 'That village no longer exists; choose a current one');
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await trx
      .insertInto('service_team')
      .values({ id, name: input.name.trim(), village_org_unit_id: village.id, org_path: village.path, leader_person_id: null, formed_at: input.formedAt, status: 'DRAFT', dissolved_at: null, created_at: now, updated_at: now })
      .execute();
    await event(trx, ctx, 'poverty.write', 'poverty.team.created', 'service_team', id, village.path, { name: input.name.trim(), villageId: village.id, formedAt: input.formedAt });
    return id;
  });
  return getTeam(ctx, id);
}

async function memberTypeKnown(db: DbOrTrx, code: string): Promise<void> {
  const ok = (await repo.listMemberTypes(db)).some((t) => t.code === code);
  if (!ok) throw fieldError('memberType', `成员类别 ${code} 不在类别清单中`, `Unknown member type ${code}`);
}

async function checkCandidate(trx: DbOrTrx, ctx: ServiceCtx, team: ServiceTeamRow, personId: string, slot: TeamSlot, memberType: string, excludeMemberId?: string) {
  const person = await repo.findPerson(trx, personId);
  if (!person) throw notFound(PERSON);
  await memberTypeKnown(trx, memberType);
  if (slot === 'LEADER' && person.is_party_member !== 1) throw fieldError('personId', `${person.name}不是中共党员，不能担任团长`, `${person.name} is not a Party member and may not lead a team`);
  const current = await repo.currentMembers(trx, team.id);
  if (current.some((m) => m.person_id === personId && m.id !== excludeMemberId)) throw conflict({ zh: `${person.name}已是本团队成员`, en: `${person.name} is already on this team` });
  return { person, current: current.filter((m) => m.id !== excludeMemberId) };
}

/** Adds a member. LEADER and CORE slots are limited to 1 and 3 at all times; an ACTIVE team takes only FLEX here. */
export async function addMember(ctx: ServiceCtx, teamId: string, input: AddMember): Promise<TeamDetail> {
  await inTransaction(ctx.db, async (trx) => {
    const team = await loadTeamForManage(trx, ctx, teamId);
    if (team.status === 'DISSOLVED') throw illegal({ zh: '该团队已解散，不能再调整成员', en: 'The team is dissolved' });
    const { person, current } = await checkCandidate(trx, ctx, team, input.personId, input.slot, input.memberType);
    const slotCount = current.filter((m) => m.slot === input.slot).length;
    if (input.slot === 'LEADER' && slotCount >= 1) throw conflict({ zh: '团队已有团长；请用"更换"替换现任团长', en: 'The team has a leader; replace them instead' });
    if (input.slot === 'CORE' && slotCount >= 3) throw conflict({ zh: '团队已有 3 名核心成员；请用"更换"替换其中一人', en: 'The team has 3 core members; replace one instead' });
    const from = input.from ?? todayCst(ctx);
    const id = uuidv7();
    await trx.insertInto('team_member').values({ id, team_id: team.id, person_id: person.id, slot: input.slot, member_type: input.memberType, from_date: from, to_date: null, created_at: ctx.clock.now().toISOString() }).execute();
    await repo.syncLeader(trx, team.id, ctx.clock.now().toISOString());
    await event(trx, ctx, 'poverty.write', 'poverty.team.member_added', 'service_team', team.id, team.org_path, { memberId: id, personId: person.id, slot: input.slot, memberType: input.memberType, from });
  });
  return getTeam(ctx, teamId);
}

/**
 * Ends a membership. In an ACTIVE team a LEADER or CORE member leaves only with a replacement in the same slot
 * (one change, so the team is never incomplete); FLEX members may leave freely.
 */
export async function endMember(ctx: ServiceCtx, teamId: string, memberId: string, input: EndMember): Promise<TeamDetail> {
  await inTransaction(ctx.db, async (trx) => {
    const team = await loadTeamForManage(trx, ctx, teamId);
    if (team.status === 'DISSOLVED') throw illegal({ zh: '该团队已解散，不能再调整成员', en: 'The team is dissolved' });
    const member = await repo.findMember(trx, team.id, memberId);
    if (!member || member.to_date !== null) throw notFound({ zh: '团队成员', en: 'team member' });
    const slot = member.slot as TeamSlot;
    const to = input.to ?? todayCst(ctx);
    if (to < member.from_date) throw fieldError('to', `离队日期不能早于入队日期 ${member.from_date}`, `The end date may not be before ${member.from_date}`);
    if (team.status === 'ACTIVE' && slot !== 'FLEX' && !input.replacement) {
      throw illegal({ zh: `团队已启用，${SLOT_TEXT[slot].zh}离队须同时指定接替人员（团队须始终有 1 名团长和 3 名核心成员）`, en: `The team is active: a ${SLOT_TEXT[slot].en} leaves only with a replacement (1 leader and 3 core members at all times)` });
    }
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('team_member').set({ to_date: to }).where('id', '=', member.id).execute();
    let replacementId: string | null = null;
    if (input.replacement) {
      if (slot === 'FLEX') throw fieldError('replacement', '机动成员离队不需要接替人员', 'A flexible member needs no replacement');
      const { person } = await checkCandidate(trx, ctx, team, input.replacement.personId, slot, input.replacement.memberType, member.id);
      replacementId = uuidv7();
      await trx
        .insertInto('team_member')
        .values({ id: replacementId, team_id: team.id, person_id: person.id, slot, member_type: input.replacement.memberType, from_date: to, to_date: null, created_at: now })
        .execute();
    }
    if (team.status === 'ACTIVE') {
      const members = await repo.currentMembers(trx, team.id);
      const problems = compositionProblems(members.map((m) => ({ slot: m.slot, isPartyMember: m.is_party_member === 1 })));
      if (problems.length > 0) throw illegal({ zh: `调整后团队不符合"1+3+X"要求：${problems.map((p) => p.zh).join('；')}`, en: `After the change the team breaks the 1+3+X rule: ${problems.map((p) => p.en).join('; ')}` });
    }
    await repo.syncLeader(trx, team.id, now);
    await event(trx, ctx, 'poverty.write', replacementId ? 'poverty.team.member_replaced' : 'poverty.team.member_ended', 'service_team', team.id, team.org_path, {
      memberId: member.id, personId: member.person_id, slot, to, ...(replacementId ? { replacementMemberId: replacementId, replacementPersonId: input.replacement!.personId } : {}),
    });
  });
  return getTeam(ctx, teamId);
}

export async function activateTeam(ctx: ServiceCtx, teamId: string): Promise<TeamDetail> {
  await inTransaction(ctx.db, async (trx) => {
    const team = await loadTeamForManage(trx, ctx, teamId);
    if (team.status !== 'DRAFT') throw illegal({ zh: `该团队当前状态为"${team.status === 'ACTIVE' ? '已启用' : '已解散'}"，只有组建中的团队可以启用`, en: 'Only a team being formed (DRAFT) can be activated' });
    const members = await repo.currentMembers(trx, team.id);
    const problems = compositionProblems(members.map((m) => ({ slot: m.slot, isPartyMember: m.is_party_member === 1 })));
    if (problems.length > 0) throw illegal({ zh: `团队不符合"1+3+X"要求，不能启用：${problems.map((p) => p.zh).join('；')}`, en: `The team breaks the 1+3+X rule: ${problems.map((p) => p.en).join('; ')}` });
    await trx.updateTable('service_team').set({ status: 'ACTIVE', updated_at: ctx.clock.now().toISOString() }).where('id', '=', team.id).where('status', '=', 'DRAFT').execute();
    await event(trx, ctx, 'poverty.write', 'poverty.team.activated', 'service_team', team.id, team.org_path, { members: members.length });
  });
  return getTeam(ctx, teamId);
}

export async function dissolveTeam(ctx: ServiceCtx, teamId: string): Promise<TeamDetail> {
  await inTransaction(ctx.db, async (trx) => {
    const team = await loadTeamForManage(trx, ctx, teamId);
    if (team.status === 'DISSOLVED') throw illegal({ zh: '该团队已解散', en: 'The team is already dissolved' });
    const active = await trx.selectFrom('poor_household').select('id').where('team_id', '=', team.id).where('status', 'in', [...ASSISTED_STATUSES]).limit(1).execute();
    if (active.length > 0) throw illegal({ zh: '该团队仍在帮扶贫困户，请先把这些户改派给其他团队', en: 'The team still assists households; reassign them first' });
    const today = todayCst(ctx);
    const now = ctx.clock.now().toISOString();
    await trx.updateTable('team_member').set({ to_date: today }).where('team_id', '=', team.id).where('to_date', 'is', null).execute();
    await trx.updateTable('service_team').set({ status: 'DISSOLVED', dissolved_at: today, leader_person_id: null, updated_at: now }).where('id', '=', team.id).execute();
    await event(trx, ctx, 'poverty.write', 'poverty.team.dissolved', 'service_team', team.id, team.org_path, { on: today });
  });
  return getTeam(ctx, teamId);
}

// ====================================================================================== households

async function loadVisibleHousehold(db: DbOrTrx, ctx: ServiceCtx, id: string): Promise<{ row: PoorHouseholdRow; v: repo.Visibility }> {
  const v = await visibilityOf(db, ctx);
  const row = await repo.findHousehold(db, id);
  if (!row || !canSee(v, row.org_path, row.team_id)) throw notFound(HOUSEHOLD);
  return { row, v };
}

export async function listHouseholds(ctx: ServiceCtx, query: ListHouseholdsQuery): Promise<Page<HouseholdSummary>> {
  const v = await visibilityOf(ctx.db, ctx);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? LIMITS.pageSizeDefault;
  const underPath = await unitUnder(ctx.db, query.orgUnitId, v);
  const { rows, total } = await repo.listHouseholds(ctx.db, v, { status: query.status, cause: query.cause, underPath, teamId: query.teamId, q: query.q?.trim() || undefined, sort: query.sort, order: query.order, page, pageSize });
  const causes = await repo.causesOf(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => presentHousehold(r, causes.get(r.id) ?? [])), total, page, pageSize };
}

async function isLeaderOf(db: DbOrTrx, actor: Actor, teamId: string | null, today: string): Promise<boolean> {
  if (!teamId || !actor.personId) return false;
  const row = await db
    .selectFrom('team_member')
    .select('id')
    .where('team_id', '=', teamId)
    .where('person_id', '=', actor.personId)
    .where('slot', '=', 'LEADER')
    .where('from_date', '<=', today)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', today)]))
    .executeTakeFirst();
  return !!row;
}

/** Whether the actor is the rule's party for this household (null) or why not. */
async function partyProblem(db: DbOrTrx, ctx: ServiceCtx, rule: TransitionRule, row: PoorHouseholdRow): Promise<Text | null> {
  if (!hasPermission(ctx.actor, rule.permission)) return { zh: `只有${PARTY_TEXT[rule.party].zh}可以执行此操作`, en: `Only ${PARTY_TEXT[rule.party].en} may do this` };
  if (rule.party === 'leader') {
    return (await isLeaderOf(db, ctx.actor, row.team_id, todayCst(ctx))) ? null : { zh: `只有${PARTY_TEXT.leader.zh}可以提出脱贫`, en: `Only ${PARTY_TEXT.leader.en} may propose an exit` };
  }
  return isPathInScope(row.org_path, pathsForParty(ctx.actor, rule.party, rule.permission)) ? null : { zh: `只有${PARTY_TEXT[rule.party].zh}可以执行此操作`, en: `Only ${PARTY_TEXT[rule.party].en} may do this` };
}

function guardProblem(rule: TransitionRule, row: PoorHouseholdRow, today: string, objections: { status: string }[]): Text | null {
  const state = illegalStateReason(rule, row.status as HouseholdStatus);
  if (state) return state;
  if (rule.name === 'approveExit') {
    if (!row.notice_end || today <= row.notice_end) {
      return { zh: `脱贫公示期至 ${row.notice_end ?? '—'} 结束，公示期满后方可批准脱贫`, en: `The public notice runs until ${row.notice_end ?? '—'}; approve after it ends` };
    }
    if (objections.some((o) => o.status === 'OPEN')) return { zh: '公示期间收到的异议尚未处理，请先处理异议', en: 'An objection received during the notice is still open; resolve it first' };
  }
  return null;
}

async function visitProblem(db: DbOrTrx, ctx: ServiceCtx, row: PoorHouseholdRow, v: repo.Visibility): Promise<Text | null> {
  if (!hasPermission(ctx.actor, 'poverty.visit')) return { zh: '只有帮扶团队成员或村（社区）干部可以记录走访和帮扶计划', en: 'Only team members or village cadres may log visits and plans' };
  if (!ASSISTED_STATUSES.includes(row.status as HouseholdStatus)) return { zh: `该户当前状态为"${STATUS_TEXT[row.status as HouseholdStatus].zh}"，没有帮扶团队，不能记录走访`, en: `The household is ${STATUS_TEXT[row.status as HouseholdStatus].en} and has no active team` };
  const own = row.team_id !== null && v.teamIds.includes(row.team_id);
  const village = isPathInScope(row.org_path, rolePaths(ctx.actor, VILLAGE_ROLES, 'poverty.visit'));
  return own || village ? null : { zh: '只有该户帮扶团队的成员或本村（社区）干部可以记录', en: "Only members of the household's team or the village's cadres may record this" };
}

async function planProblem(db: DbOrTrx, ctx: ServiceCtx, row: PoorHouseholdRow, v: repo.Visibility): Promise<Text | null> {
  if (isPathInScope(row.org_path, rolePaths(ctx.actor, [...VILLAGE_ROLES, 'TOWN_SECRETARY', 'TOWN_ORG_MEMBER'], 'poverty.write')) && row.status !== 'EXITED') return null;
  return visitProblem(db, ctx, row, v);
}

export async function getHousehold(ctx: ServiceCtx, id: string): Promise<HouseholdDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const { row, v } = await loadVisibleHousehold(trx, ctx, id);
    const detail = await buildDetail(trx, ctx, row, v);
    // a household file names a person's poverty status, causes and objections: every read is recorded
    await event(trx, ctx, 'poverty.read', 'poverty.household.viewed', 'poor_household', row.id, row.org_path, { headPersonId: row.head_person_id });
    return detail;
  });
}

async function buildDetail(db: DbOrTrx, ctx: ServiceCtx, row: PoorHouseholdRow, v: repo.Visibility): Promise<HouseholdDetail> {
  const listRow = (await repo.householdRow(db, row.id))!;
  const causes = (await repo.causesOf(db, [row.id])).get(row.id) ?? [];
  const members = row.team_id ? await repo.currentMembers(db, row.team_id) : [];
  const plans = await repo.plansOf(db, row.id);
  const measures = await repo.measuresOf(db, plans.map((p) => p.id));
  const visits = await repo.visitsOf(db, row.id);
  const objections = await repo.objectionsOf(db, row.id);
  const events = await repo.eventsOf(db, row.id);
  const today = todayCst(ctx);
  const en = ctx.actor.locale === 'en';
  const transitions = [];
  for (const name of HOUSEHOLD_TRANSITIONS) {
    const rule = transitionRule(name);
    if (rule.from !== row.status) continue;
    const reason = (await partyProblem(db, ctx, rule, row)) ?? guardProblem(rule, row, today, objections);
    transitions.push({ name, allowed: reason === null, reason: reason ? (en ? reason.en : reason.zh) : null });
  }
  const writeHere = isPathInScope(row.org_path, rolePaths(ctx.actor, [...VILLAGE_ROLES, 'TOWN_SECRETARY', 'TOWN_ORG_MEMBER'], 'poverty.write'));
  return {
    household: presentHousehold(listRow, causes),
    headPhoneMasked: listRow.phone_masked,
    noticeStart: row.notice_start,
    noticeEnd: row.notice_end,
    exitedOn: row.exited_on,
    teamMembers: members.map(presentMember),
    plans: plans.map((p) => ({
      year: p.year,
      updatedAt: p.updated_at,
      measures: measures.filter((m) => m.plan_id === p.id).map((m) => ({ type: m.type as never, description: m.description, fundingYuan: m.funding_yuan, ownerMemberId: m.owner_member_id })),
    })),
    visits: await presentVisits(db, visits),
    objections: objections.map((o) => ({ id: o.id, receivedOn: o.received_on, content: ctx.cipher.decrypt(o.content_enc), status: o.status as never, resolutionNote: o.resolution_note, resolvedAt: o.resolved_at })),
    timeline: events.map((e) => ({ id: e.id, action: e.action, fromStatus: e.from_status, toStatus: e.to_status, teamName: e.team_name, note: e.note, actorName: e.actor_name, occurredOn: e.occurred_on })),
    can: {
      transitions,
      visit: (await visitProblem(db, ctx, row, v)) === null,
      plan: (await planProblem(db, ctx, row, v)) === null,
      objection: writeHere && row.status === 'EXIT_PUBLICIZED',
      resolveObjection: isPathInScope(row.org_path, pathsForParty(ctx.actor, 'town', 'poverty.write')) && objections.some((o) => o.status === 'OPEN'),
    },
  };
}

async function insertHouseholdEvent(trx: Trx, ctx: ServiceCtx, e: { householdId: string; action: string; from: string | null; to: string; teamId: string | null; note: string | null }): Promise<void> {
  await trx
    .insertInto('household_event')
    .values({ id: uuidv7(), household_id: e.householdId, action: e.action, from_status: e.from, to_status: e.to, team_id: e.teamId, note: e.note, actor_user_id: ctx.actor.userId, occurred_on: todayCst(ctx), created_at: ctx.clock.now().toISOString() })
    .execute();
}

/** — → IDENTIFIED, by the village after the villagers' review. The head must belong to that village (or its groups). */
export async function createHousehold(ctx: ServiceCtx, input: CreateHousehold): Promise<HouseholdDetail> {
  const id = await inTransaction(ctx.db, async (trx) => {
    const v = await visibilityOf(trx, ctx);
    const village = await repo.findUnit(trx, input.villageOrgUnitId);
    if (!village || !isPathInScope(village.path, v.paths)) throw notFound(UNIT);
    if (!isPathInScope(village.path, pathsForParty(ctx.actor, 'village', 'poverty.write'))) throw refuse({ zh: `贫困户须由${PARTY_TEXT.village.zh}在村民评议后识别录入`, en: `Households are identified by ${PARTY_TEXT.village.en} after the villagers' review` });
    if (village.type !== 'VILLAGE' && village.type !== 'COMMUNITY') throw fieldError('villageOrgUnitId', `${village.name}不是村或社区`, 'Choose a village or community');
    if (village.valid_to !== null) throw fieldError('villageOrgUnitId', `${village.name}已撤销或合并，请选择现有的村（社区）`, 'That village no longer exists');
    const head = await repo.findPerson(trx, input.headPersonId);
    if (!head || !isPathInScope(head.org_path, v.paths)) throw notFound(PERSON);
    if (!head.org_path.startsWith(village.path)) throw fieldError('headPersonId', `${head.name}不属于${village.name}，户主须是本村（社区）人员`, `${head.name} does not belong to ${village.name}`);
    if (await trx.selectFrom('poor_household').select('id').where('head_person_id', '=', head.id).executeTakeFirst()) throw conflict({ zh: `${head.name}已登记为贫困户户主`, en: `${head.name} is already registered as a household head` });
    const causes = [...new Set(input.causes)];
    const id = uuidv7();
    const now = ctx.clock.now().toISOString();
    await trx
      .insertInto('poor_household')
      .values({ id, head_person_id: head.id, village_org_unit_id: village.id, org_path: village.path, member_count: input.memberCount, team_id: null, status: 'IDENTIFIED', identified_year: input.identifiedYear, notice_start: null, notice_end: null, exited_on: null, created_at: now, updated_at: now })
      .execute();
    await trx.insertInto('household_cause').values(causes.map((cause) => ({ household_id: id, cause }))).execute();
    await insertHouseholdEvent(trx, ctx, { householdId: id, action: 'identify', from: null, to: 'IDENTIFIED', teamId: null, note: input.reviewNote.trim() });
    await event(trx, ctx, 'poverty.write', 'poverty.household.identified', 'poor_household', id, village.path, { headPersonId: head.id, memberCount: input.memberCount, causes, identifiedYear: input.identifiedYear });
    return id;
  });
  return inTransaction(ctx.db, async (trx) => {
    const { row, v } = await loadVisibleHousehold(trx, ctx, id);
    return buildDetail(trx, ctx, row, v);
  });
}

/** One workflow step: visibility (404), party (403), state and guards (409), then update + history + ledger. */
export async function transition(ctx: ServiceCtx, id: string, name: HouseholdTransition, input: TransitionInput): Promise<HouseholdDetail> {
  const rule = transitionRule(name);
  return inTransaction(ctx.db, async (trx) => {
    const { row, v } = await loadVisibleHousehold(trx, ctx, id);
    const party = await partyProblem(trx, ctx, rule, row);
    if (party) throw refuse(party);
    const today = todayCst(ctx);
    const objections = await repo.objectionsOf(trx, row.id);
    const guard = guardProblem(rule, row, today, objections);
    if (guard) throw illegal(guard);
    const note = input.note?.trim() || null;
    const values: Partial<PoorHouseholdRow> = { status: rule.to };
    let teamId = row.team_id;
    const payload: Record<string, unknown> = { from: rule.from, to: rule.to };
    if (rule.needsTeam) {
      if (!input.teamId) throw fieldError('teamId', '请选择帮扶团队', 'Choose a team');
      const team = await repo.findTeam(trx, input.teamId);
      if (!team || !canSee(v, team.org_path, team.id)) throw notFound(TEAM);
      if (team.village_org_unit_id !== row.village_org_unit_id) throw fieldError('teamId', `${team.name}不是本村（社区）的帮扶团队`, "That team does not serve the household's village");
      if (team.status !== 'ACTIVE') throw illegal({ zh: `${team.name}尚未启用（须有 1 名党员团长和 3 名核心成员），不能分配贫困户`, en: `${team.name} is not active yet and cannot take households` });
      teamId = team.id;
      values.team_id = team.id;
      payload.teamId = team.id;
    }
    if (rule.name === 'publicize') {
      const { noticeDays } = await repo.getSettings(trx);
      values.notice_start = today;
      values.notice_end = addCalendarDays(today, noticeDays - 1);
      payload.noticeStart = values.notice_start;
      payload.noticeEnd = values.notice_end;
    }
    if (rule.name === 'approveExit') {
      values.exited_on = today;
      payload.upheldObjections = objections.filter((o) => o.status === 'UPHELD').length;
    }
    if (rule.name === 'reassist') {
      values.notice_start = null;
      values.notice_end = null;
    }
    if (note) payload.note = note;
    const res = await trx
      .updateTable('poor_household')
      .set({ ...values, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', row.id)
      .where('status', '=', rule.from)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw illegal({ zh: '该户刚被他人处理，请刷新后查看', en: 'Someone else just changed this household; reload it' });
    await insertHouseholdEvent(trx, ctx, { householdId: row.id, action: rule.name, from: rule.from, to: rule.to, teamId, note });
    await event(trx, ctx, rule.permission, rule.action, 'poor_household', row.id, row.org_path, payload);
    const fresh = (await repo.findHousehold(trx, row.id))!;
    return buildDetail(trx, ctx, fresh, await visibilityOf(trx, ctx));
  });
}

/** Publicity objections: recorded by the village or town while the exit is under notice. */
export async function createObjection(ctx: ServiceCtx, id: string, input: CreateObjection): Promise<HouseholdDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const { row, v } = await loadVisibleHousehold(trx, ctx, id);
    const paths = rolePaths(ctx.actor, [...VILLAGE_ROLES, 'TOWN_SECRETARY', 'TOWN_ORG_MEMBER'], 'poverty.write');
    if (!isPathInScope(row.org_path, paths)) throw refuse({ zh: '只有本村（社区）或镇（街道）干部可以登记公示异议', en: 'Only the village or town may record an objection' });
    if (row.status !== 'EXIT_PUBLICIZED') throw illegal({ zh: `该户当前状态为"${STATUS_TEXT[row.status as HouseholdStatus].zh}"，不在脱贫公示期内`, en: 'The household is not under public notice' });
    if (input.receivedOn < row.notice_start! || input.receivedOn > todayCst(ctx)) throw fieldError('receivedOn', `收到日期须在公示开始（${row.notice_start}）之后且不晚于今天`, `The date must lie between ${row.notice_start} and today`);
    const oid = uuidv7();
    await trx
      .insertInto('household_objection')
      .values({ id: oid, household_id: row.id, received_on: input.receivedOn, content_enc: ctx.cipher.encrypt(input.content.trim()), status: 'OPEN', resolution_note: null, recorded_by_user_id: ctx.actor.userId, resolved_by_user_id: null, resolved_at: null, created_at: ctx.clock.now().toISOString() })
      .execute();
    await event(trx, ctx, 'poverty.write', 'poverty.household.objection_recorded', 'poor_household', row.id, row.org_path, { objectionId: oid, receivedOn: input.receivedOn });
    return buildDetail(trx, ctx, row, v);
  });
}

/** The town decides an objection. Upheld: the exit is cancelled and the household is ASSISTED again. */
export async function resolveObjection(ctx: ServiceCtx, id: string, objectionId: string, input: ResolveObjection): Promise<HouseholdDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const { row } = await loadVisibleHousehold(trx, ctx, id);
    if (!isPathInScope(row.org_path, pathsForParty(ctx.actor, 'town', 'poverty.write'))) throw refuse({ zh: `只有${PARTY_TEXT.town.zh}可以处理公示异议`, en: `Only ${PARTY_TEXT.town.en} may decide an objection` });
    const objection = await trx.selectFrom('household_objection').selectAll().where('id', '=', objectionId).where('household_id', '=', row.id).executeTakeFirst();
    if (!objection) throw notFound({ zh: '异议', en: 'objection' });
    if (objection.status !== 'OPEN') throw illegal({ zh: '该异议已处理', en: 'The objection has already been decided' });
    const now = ctx.clock.now().toISOString();
    const note = input.note.trim();
    await trx.updateTable('household_objection').set({ status: input.decision, resolution_note: note, resolved_by_user_id: ctx.actor.userId, resolved_at: now }).where('id', '=', objection.id).execute();
    await event(trx, ctx, 'poverty.write', 'poverty.household.objection_resolved', 'poor_household', row.id, row.org_path, { objectionId: objection.id, decision: input.decision });
    if (input.decision === 'UPHELD' && row.status === 'EXIT_PUBLICIZED') {
      await trx.updateTable('poor_household').set({ status: 'ASSISTED', notice_start: null, notice_end: null, updated_at: now }).where('id', '=', row.id).execute();
      await insertHouseholdEvent(trx, ctx, { householdId: row.id, action: 'exitCancelled', from: 'EXIT_PUBLICIZED', to: 'ASSISTED', teamId: row.team_id, note });
      await event(trx, ctx, 'poverty.write', 'poverty.household.exit_cancelled', 'poor_household', row.id, row.org_path, { from: 'EXIT_PUBLICIZED', to: 'ASSISTED', objectionId: objection.id });
    }
    const fresh = (await repo.findHousehold(trx, row.id))!;
    return buildDetail(trx, ctx, fresh, await visibilityOf(trx, ctx));
  });
}

/** Replaces the plan of one year (measures in order). */
export async function putPlan(ctx: ServiceCtx, id: string, year: number, input: PutPlan): Promise<HouseholdDetail> {
  return inTransaction(ctx.db, async (trx) => {
    const { row, v } = await loadVisibleHousehold(trx, ctx, id);
    const problem = await planProblem(trx, ctx, row, v);
    if (problem) throw refuse(problem);
    if (year < row.identified_year || year > Number(todayCst(ctx).slice(0, 4)) + 1) throw fieldError('year', `计划年度须在 ${row.identified_year} 至 ${Number(todayCst(ctx).slice(0, 4)) + 1} 之间`, 'Year out of range');
    const memberIds = row.team_id ? new Set((await trx.selectFrom('team_member').select('id').where('team_id', '=', row.team_id).execute()).map((m) => m.id)) : new Set<string>();
    input.measures.forEach((m, i) => {
      if (m.ownerMemberId && !memberIds.has(m.ownerMemberId)) throw fieldError(`measures.${i}.ownerMemberId`, '责任人须是该户帮扶团队的成员', "The owner must be a member of the household's team");
    });
    const now = ctx.clock.now().toISOString();
    const existing = await trx.selectFrom('assistance_plan').select('id').where('household_id', '=', row.id).where('year', '=', year).executeTakeFirst();
    const planId = existing?.id ?? uuidv7();
    if (existing) {
      await trx.deleteFrom('assistance_measure').where('plan_id', '=', planId).execute();
      await trx.updateTable('assistance_plan').set({ updated_at: now, updated_by_user_id: ctx.actor.userId }).where('id', '=', planId).execute();
    } else {
      await trx.insertInto('assistance_plan').values({ id: planId, household_id: row.id, year, updated_by_user_id: ctx.actor.userId, created_at: now, updated_at: now }).execute();
    }
    if (input.measures.length > 0) {
      await trx
        .insertInto('assistance_measure')
        .values(input.measures.map((m, i) => ({ id: uuidv7(), plan_id: planId, seq: i + 1, type: m.type, description: m.description.trim(), funding_yuan: m.fundingYuan ?? null, owner_member_id: m.ownerMemberId ?? null })))
        .execute();
    }
    await event(trx, ctx, 'poverty.visit', 'poverty.household.plan_saved', 'poor_household', row.id, row.org_path, { year, measures: input.measures.length, types: input.measures.map((m) => m.type) });
    return buildDetail(trx, ctx, row, v);
  });
}

export async function createVisit(ctx: ServiceCtx, id: string, input: CreateVisit): Promise<Visit> {
  return inTransaction(ctx.db, async (trx) => {
    const { row, v } = await loadVisibleHousehold(trx, ctx, id);
    const problem = await visitProblem(trx, ctx, row, v);
    if (problem) throw refuse(problem);
    const today = todayCst(ctx);
    if (input.visitedOn > today) throw fieldError('visitedOn', '走访日期不能晚于今天', 'The visit date may not be in the future');
    if (Number(input.visitedOn.slice(0, 4)) < row.identified_year) throw fieldError('visitedOn', `走访日期不能早于识别年度 ${row.identified_year}`, 'The visit predates the identification');
    const members = await trx
      .selectFrom('team_member')
      .select(['person_id'])
      .where('team_id', '=', row.team_id!)
      .where('from_date', '<=', input.visitedOn)
      .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', input.visitedOn)]))
      .execute();
    const allowed = new Set(members.map((m) => m.person_id));
    const ids = [...new Set(input.memberIds)];
    const stranger = ids.find((p) => !allowed.has(p));
    if (stranger) throw fieldError('memberIds', '参加走访的人员须是走访当日该户帮扶团队的成员', "Visitors must be members of the household's team on the visit date");
    const vid = uuidv7();
    await trx
      .insertInto('assistance_visit')
      .values({ id: vid, team_id: row.team_id!, household_id: row.id, org_path: row.org_path, visited_on: input.visitedOn, needs: input.needs.trim(), actions_taken: input.actionsTaken.trim(), logged_by_user_id: ctx.actor.userId, created_at: ctx.clock.now().toISOString() })
      .execute();
    await trx.insertInto('visit_member').values(ids.map((p) => ({ visit_id: vid, person_id: p }))).execute();
    await event(trx, ctx, 'poverty.visit', 'poverty.visit.logged', 'assistance_visit', vid, row.org_path, { householdId: row.id, teamId: row.team_id, visitedOn: input.visitedOn, members: ids.length });
    const [visit] = await presentVisits(trx, [(await repo.findVisit(trx, vid))!]);
    return visit!;
  });
}

/** Photo metadata after the file was stored; the caller checked type and size. */
export async function attachPhoto(ctx: ServiceCtx, visitId: string, photo: { sha256: string; mime: string; size: number }, store: () => Promise<void>): Promise<Visit> {
  return inTransaction(ctx.db, async (trx) => {
    const visit = await repo.findVisit(trx, visitId);
    if (!visit) throw notFound(VISIT);
    const { row, v } = await loadVisibleHousehold(trx, ctx, visit.household_id).catch(() => {
      throw notFound(VISIT);
    });
    const problem = await visitProblem(trx, ctx, row, v);
    if (problem && visit.logged_by_user_id !== ctx.actor.userId) throw refuse(problem);
    const count = await trx.selectFrom('visit_photo').select('id').where('visit_id', '=', visit.id).execute();
    if (count.length >= 6) throw conflict({ zh: '每次走访最多上传 6 张照片', en: 'At most 6 photos per visit' });
    const dup = await trx.selectFrom('visit_photo').select('id').where('visit_id', '=', visit.id).where('sha256', '=', photo.sha256).executeTakeFirst();
    if (dup) throw conflict({ zh: '这张照片已上传过', en: 'This photo is already attached' });
    await store();
    const pid = uuidv7();
    await trx.insertInto('visit_photo').values({ id: pid, visit_id: visit.id, sha256: photo.sha256, mime: photo.mime, size_bytes: photo.size, created_at: ctx.clock.now().toISOString() }).execute();
    await event(trx, ctx, 'poverty.visit', 'poverty.visit.photo_added', 'assistance_visit', visit.id, visit.org_path, { photoId: pid, sha256: photo.sha256, sizeBytes: photo.size, mime: photo.mime });
    const [out] = await presentVisits(trx, [visit]);
    return out!;
  });
}

/** A photo for an authorised reader (same visibility as the household); each read is a ledger event. */
export async function readPhoto(ctx: ServiceCtx, photoId: string): Promise<{ sha256: string; mime: string }> {
  return inTransaction(ctx.db, async (trx) => {
    const photo = await repo.findPhoto(trx, photoId);
    const v = await visibilityOf(trx, ctx);
    if (!photo) throw notFound(PHOTO);
    const household = await repo.findHousehold(trx, photo.household_id);
    if (!household || !canSee(v, household.org_path, household.team_id)) throw notFound(PHOTO);
    await event(trx, ctx, 'poverty.read', 'poverty.visit.photo_viewed', 'assistance_visit', photo.visit_id, photo.org_path, { photoId: photo.id });
    return { sha256: photo.sha256, mime: photo.mime };
  });
}

// ====================================================================================== reminders

function reminderOf(r: repo.HouseholdListRow, periodStart: string) {
  return { householdId: r.id, headName: r.head_name, villageName: r.village_name, teamId: r.team_id, teamName: r.team_name, status: r.status as HouseholdStatus, lastVisitOn: r.last_visit_on, periodStart };
}

/** Assisted households with no visit in the current period ([CFG] every N months, default monthly). */
export async function reminders(ctx: ServiceCtx, query: RemindersQuery): Promise<Reminders> {
  const v = await visibilityOf(ctx.db, ctx);
  const { visitEveryMonths } = await repo.getSettings(ctx.db);
  const period = reminderPeriod(query.month ?? todayCst(ctx).slice(0, 7), visitEveryMonths);
  const underPath = await unitUnder(ctx.db, query.orgUnitId, v);
  const { rows, total } = await repo.missingVisits(ctx.db, v, { periodStart: period.start, periodEnd: period.end, teamId: query.teamId, underPath, limit: query.limit ?? 200 });
  return { periodStart: period.start, periodEnd: period.end, everyMonths: visitEveryMonths, total, items: rows.map((r) => reminderOf(r, period.start)) };
}

