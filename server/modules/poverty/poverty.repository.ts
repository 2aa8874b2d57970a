/**
 * Kysely queries for M3. No HTTP, no rules: the service passes the scope (subtree paths plus the ids of the
 * caller's own teams). Person and org-unit names are read-only joins on platform-core tables.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { likePattern } from '../../db/dialect.ts';
import type { PoorHouseholdRow, ServiceTeamRow } from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';

/** What a caller may see: rows under `paths`, or (households, visits, teams) of `teamIds`. */
export type Visibility = { paths: string[]; teamIds: string[] };

export function visible<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, pathColumn: string, teamColumn: string | null, v: Visibility): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (v.paths.length > 0) parts.push(inSubtrees(eb, pathColumn, v.paths));
  if (teamColumn && v.teamIds.length > 0) parts.push(eb(eb.ref(teamColumn as never), 'in', v.teamIds as never));
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return parts.length === 1 ? parts[0]! : eb.or(parts);
}

// ---------- settings and catalogues ----------

export async function getSettings(db: DbOrTrx): Promise<{ noticeDays: number; visitEveryMonths: number }> {
  const rows = await db.selectFrom('poverty_setting').select(['key', 'value']).execute();
  const map = new Map(rows.map((r) => [r.key, Number(r.value)]));
  return { noticeDays: map.get('notice_days') ?? 7, visitEveryMonths: map.get('visit_every_months') ?? 1 };
}

export async function putSetting(db: DbOrTrx, key: string, value: number, at: string): Promise<void> {
  await db.updateTable('poverty_setting').set({ value, updated_at: at }).where('key', '=', key).execute();
}

export function listMemberTypes(db: DbOrTrx) {
  return db.selectFrom('poverty_member_type').selectAll().where('active', '=', 1).orderBy('sort_order').execute();
}

// ---------- people and units ----------

export function findPerson(db: DbOrTrx, id: string) {
  return db
    .selectFrom('person')
    .leftJoin('org_unit', 'org_unit.id', 'person.org_unit_id')
    .select(['person.id', 'person.name', 'person.org_path', 'person.is_party_member', 'person.id_number_masked', 'person.phone_masked', 'org_unit.name as org_name'])
    .where('person.id', '=', id)
    .executeTakeFirst();
}

export function findUnit(db: DbOrTrx, id: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'type', 'path', 'parent_id', 'valid_to']).where('id', '=', id).executeTakeFirst();
}

export async function searchPeople(db: DbOrTrx, paths: string[], q: string | undefined, limit: number) {
  return db
    .selectFrom('person')
    .leftJoin('org_unit', 'org_unit.id', 'person.org_unit_id')
    .select(['person.id', 'person.name', 'person.is_party_member', 'org_unit.name as org_name', 'org_unit.id as unit_id', 'org_unit.type as unit_type', 'org_unit.parent_id as unit_parent_id'])
    .where((eb) => inSubtrees(eb, 'person.org_path', paths))
    .$if(!!q, (qb) => qb.where((eb) => eb.or([likePattern('person.name', q!, 'contains'), likePattern('person.name_pinyin', q!.toLowerCase(), 'prefix'), likePattern('person.name_initials', q!.toLowerCase(), 'prefix')])))
    .orderBy('person.name')
    .limit(limit)
    .execute();
}

// ---------- teams ----------

export function findTeam(db: DbOrTrx, id: string): Promise<ServiceTeamRow | undefined> {
  return db.selectFrom('service_team').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Teams in which the person is a current member (to_date null or not yet passed). */
export async function teamIdsOfPerson(db: DbOrTrx, personId: string | null, today: string): Promise<string[]> {
  if (!personId) return [];
  const rows = await db
    .selectFrom('team_member')
    .innerJoin('service_team', 'service_team.id', 'team_member.team_id')
    .select('team_member.team_id')
    .where('team_member.person_id', '=', personId)
    .where('service_team.status', '!=', 'DISSOLVED')
    .where('team_member.from_date', '<=', today)
    .where((eb) => eb.or([eb('team_member.to_date', 'is', null), eb('team_member.to_date', '>=', today)]))
    .execute();
  return [...new Set(rows.map((r) => r.team_id))];
}

const teamSummarySelect = (db: DbOrTrx) =>
  db
    .selectFrom('service_team as t')
    .innerJoin('org_unit as v', 'v.id', 't.village_org_unit_id')
    .leftJoin('org_unit as town', 'town.id', 'v.parent_id')
    .leftJoin('person as leader', 'leader.id', 't.leader_person_id')
    .select((eb) => [
      't.id', 't.name', 't.village_org_unit_id', 't.status', 't.formed_at', 't.org_path', 'v.name as village_name', 'town.name as town_name', 'leader.name as leader_name',
      eb.selectFrom('team_member as m').select(sql<number>`count(*)`.as('n')).whereRef('m.team_id', '=', 't.id').where('m.to_date', 'is', null).as('member_count'),
      eb.selectFrom('poor_household as h').select(sql<number>`count(*)`.as('n')).whereRef('h.team_id', '=', 't.id').where('h.status', 'in', ['ASSISTED', 'EXIT_PROPOSED', 'EXIT_PUBLICIZED']).as('household_count'),
    ]);

export type TeamSummaryRow = Awaited<ReturnType<ReturnType<typeof teamSummarySelect>['executeTakeFirstOrThrow']>>;

export async function listTeams(db: DbOrTrx, v: Visibility, f: { status?: string; underPath?: string; q?: string; onlyTeamIds?: string[]; page: number; pageSize: number }) {
  const base = db
    .selectFrom('service_team as t')
    .innerJoin('org_unit as v', 'v.id', 't.village_org_unit_id')
    .where((eb) => visible(eb, 't.org_path', 't.id', v))
    .$if(!!f.status, (q) => q.where('t.status', '=', f.status!))
    .$if(!!f.underPath, (q) => q.where((eb) => inSubtrees(eb, 't.org_path', [f.underPath!])))
    .$if(!!f.onlyTeamIds, (q) => q.where('t.id', 'in', f.onlyTeamIds!.length ? f.onlyTeamIds! : ['-']))
    .$if(!!f.q, (q) => q.where((eb) => eb.or([likePattern('t.name', f.q!, 'contains'), likePattern('v.name', f.q!, 'contains')])));
  const total = Number((await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const ids = (await base.select('t.id').orderBy('t.org_path').orderBy('t.name').orderBy('t.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()).map((r) => r.id);
  if (ids.length === 0) return { rows: [] as TeamSummaryRow[], total };
  const rows = await teamSummarySelect(db).where('t.id', 'in', ids).execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { rows, total };
}

export function teamSummary(db: DbOrTrx, id: string) {
  return teamSummarySelect(db).where('t.id', '=', id).executeTakeFirst();
}

export function currentMembers(db: DbOrTrx, teamId: string) {
  return db
    .selectFrom('team_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .leftJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .select(['m.id', 'm.person_id', 'm.slot', 'm.member_type', 'm.from_date', 'm.to_date', 'p.name', 'p.is_party_member', 'u.name as org_name'])
    .where('m.team_id', '=', teamId)
    .where('m.to_date', 'is', null)
    .orderBy(sql`case m.slot when 'LEADER' then 0 when 'CORE' then 1 else 2 end`)
    .orderBy('m.from_date')
    .execute();
}

export type MemberRow = Awaited<ReturnType<typeof currentMembers>>[number];

export function findMember(db: DbOrTrx, teamId: string, memberId: string) {
  return db.selectFrom('team_member').selectAll().where('team_id', '=', teamId).where('id', '=', memberId).executeTakeFirst();
}

export async function syncLeader(db: DbOrTrx, teamId: string, at: string): Promise<void> {
  const leader = await db.selectFrom('team_member').select('person_id').where('team_id', '=', teamId).where('slot', '=', 'LEADER').where('to_date', 'is', null).executeTakeFirst();
  await db.updateTable('service_team').set({ leader_person_id: leader?.person_id ?? null, updated_at: at }).where('id', '=', teamId).execute();
}

export function activeTeamsOfVillage(db: DbOrTrx, villageId: string) {
  return db.selectFrom('service_team').select(['id', 'name']).where('village_org_unit_id', '=', villageId).where('status', '=', 'ACTIVE').execute();
}

// ---------- households ----------

export function findHousehold(db: DbOrTrx, id: string): Promise<PoorHouseholdRow | undefined> {
  return db.selectFrom('poor_household').selectAll().where('id', '=', id).executeTakeFirst();
}

const householdSelect = (db: DbOrTrx) =>
  db
    .selectFrom('poor_household as h')
    .innerJoin('person as p', 'p.id', 'h.head_person_id')
    .innerJoin('org_unit as v', 'v.id', 'h.village_org_unit_id')
    .leftJoin('org_unit as town', 'town.id', 'v.parent_id')
    .leftJoin('service_team as t', 't.id', 'h.team_id')
    .select((eb) => [
      'h.id', 'h.head_person_id', 'h.village_org_unit_id', 'h.org_path', 'h.member_count', 'h.team_id', 'h.status', 'h.identified_year', 'h.notice_start', 'h.notice_end', 'h.exited_on',
      'p.name as head_name', 'p.id_number_masked', 'p.phone_masked', 'v.name as village_name', 'town.name as town_name', 't.name as team_name',
      eb.selectFrom('assistance_visit as av').select(sql<string | null>`max(av.visited_on)`.as('x')).whereRef('av.household_id', '=', 'h.id').as('last_visit_on'),
      eb.selectFrom('assistance_visit as av2').select(sql<number>`count(*)`.as('n')).whereRef('av2.household_id', '=', 'h.id').as('visit_count'),
    ]);

export type HouseholdListRow = Awaited<ReturnType<ReturnType<typeof householdSelect>['executeTakeFirstOrThrow']>>;

const SORT_COLUMNS = { headName: 'p.name', villageName: 'v.name', status: 'h.status', identifiedYear: 'h.identified_year', lastVisitOn: 'last_visit_on' } as const;

export async function listHouseholds(
  db: DbOrTrx,
  v: Visibility,
  f: { status?: string; cause?: string; underPath?: string; teamId?: string; q?: string; sort?: keyof typeof SORT_COLUMNS; order?: 'asc' | 'desc'; page: number; pageSize: number },
) {
  const filtered = householdSelect(db)
    .where((eb) => visible(eb, 'h.org_path', 'h.team_id', v))
    .$if(!!f.status, (q) => q.where('h.status', '=', f.status!))
    .$if(!!f.teamId, (q) => q.where('h.team_id', '=', f.teamId!))
    .$if(!!f.underPath, (q) => q.where((eb) => inSubtrees(eb, 'h.org_path', [f.underPath!])))
    .$if(!!f.cause, (q) => q.where((eb) => eb.exists(eb.selectFrom('household_cause as c').select('c.cause').whereRef('c.household_id', '=', 'h.id').where('c.cause', '=', f.cause!))))
    .$if(!!f.q, (q) => q.where((eb) => eb.or([likePattern('p.name', f.q!, 'contains'), likePattern('v.name', f.q!, 'contains')])));
  const total = Number((await db.selectFrom(filtered.as('x')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const col = SORT_COLUMNS[f.sort ?? 'villageName'];
  const dir = f.order ?? 'asc';
  const rows = await filtered
    .orderBy(sql.ref(col), dir)
    .orderBy('h.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total };
}

export function householdRow(db: DbOrTrx, id: string) {
  return householdSelect(db).where('h.id', '=', id).executeTakeFirst();
}

export async function causesOf(db: DbOrTrx, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('household_cause').select(['household_id', 'cause']).where('household_id', 'in', ids).orderBy('cause').execute();
  for (const r of rows) (out.get(r.household_id) ?? out.set(r.household_id, []).get(r.household_id)!).push(r.cause);
  return out;
}

export function householdsOfTeam(db: DbOrTrx, teamId: string) {
  return householdSelect(db).where('h.team_id', '=', teamId).where('h.status', 'in', ['ASSISTED', 'EXIT_PROPOSED', 'EXIT_PUBLICIZED']).orderBy('p.name').execute();
}

// ---------- reminders ----------

/** Assisted households of the scope with no visit on or after `periodStart` (and up to `periodEnd`). */
export async function missingVisits(db: DbOrTrx, v: Visibility, f: { periodStart: string; periodEnd: string; teamId?: string; underPath?: string; limit: number }) {
  const base = householdSelect(db)
    .where((eb) => visible(eb, 'h.org_path', 'h.team_id', v))
    .where('h.status', 'in', ['ASSISTED', 'EXIT_PROPOSED', 'EXIT_PUBLICIZED'])
    .$if(!!f.teamId, (q) => q.where('h.team_id', '=', f.teamId!))
    .$if(!!f.underPath, (q) => q.where((eb) => inSubtrees(eb, 'h.org_path', [f.underPath!])))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('assistance_visit as pv').select('pv.id').whereRef('pv.household_id', '=', 'h.id').where('pv.visited_on', '>=', f.periodStart).where('pv.visited_on', '<=', f.periodEnd))),
    );
  const total = Number((await db.selectFrom(base.as('x')).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.orderBy('h.org_path').orderBy('p.name').limit(f.limit).execute();
  return { rows, total };
}

// ---------- plans, visits, objections, events ----------

export function plansOf(db: DbOrTrx, householdId: string) {
  return db.selectFrom('assistance_plan').selectAll().where('household_id', '=', householdId).orderBy('year', 'desc').execute();
}

export function measuresOf(db: DbOrTrx, planIds: string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('assistance_measure').selectAll().where('plan_id', 'in', planIds).orderBy('plan_id').orderBy('seq').execute();
}

export function visitsOf(db: DbOrTrx, householdId: string) {
  return db.selectFrom('assistance_visit').selectAll().where('household_id', '=', householdId).orderBy('visited_on', 'desc').orderBy('id', 'desc').execute();
}

export function findVisit(db: DbOrTrx, id: string) {
  return db.selectFrom('assistance_visit').selectAll().where('id', '=', id).executeTakeFirst();
}

export function visitMembers(db: DbOrTrx, visitIds: string[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('visit_member as vm').innerJoin('person as p', 'p.id', 'vm.person_id').select(['vm.visit_id', 'vm.person_id', 'p.name']).where('vm.visit_id', 'in', visitIds).execute();
}

export function visitPhotos(db: DbOrTrx, visitIds: string[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('visit_photo').selectAll().where('visit_id', 'in', visitIds).orderBy('created_at').execute();
}

export function findPhoto(db: DbOrTrx, id: string) {
  return db
    .selectFrom('visit_photo as ph')
    .innerJoin('assistance_visit as v', 'v.id', 'ph.visit_id')
    .select(['ph.id', 'ph.sha256', 'ph.mime', 'ph.size_bytes', 'ph.visit_id', 'v.household_id', 'v.org_path', 'v.team_id'])
    .where('ph.id', '=', id)
    .executeTakeFirst();
}

export function objectionsOf(db: DbOrTrx, householdId: string) {
  return db.selectFrom('household_objection').selectAll().where('household_id', '=', householdId).orderBy('created_at').execute();
}

export function eventsOf(db: DbOrTrx, householdId: string) {
  return db
    .selectFrom('household_event as e')
    .leftJoin('service_team as t', 't.id', 'e.team_id')
    .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.action', 'e.from_status', 'e.to_status', 'e.note', 'e.occurred_on', 'e.created_at', 't.name as team_name', 'u.display_name as actor_name'])
    .where('e.household_id', '=', householdId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}
