/**
 * Kysely queries for the service groups. No HTTP, no rules: the service passes the subtree paths of the caller's
 * scope. Person and org-unit names are read-only joins on platform-core tables.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { likePattern } from '../../db/dialect.ts';
import type { ServiceGroupLevelRow, ServiceGroupRow } from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';

// ---------- catalogue, units, people ----------

export function listLevels(db: DbOrTrx): Promise<ServiceGroupLevelRow[]> {
  return db.selectFrom('service_group_level').selectAll().orderBy('sort_order').execute();
}

export function findLevel(db: DbOrTrx, level: string): Promise<ServiceGroupLevelRow | undefined> {
  return db.selectFrom('service_group_level').selectAll().where('level', '=', level).executeTakeFirst();
}

export async function updateLevel(db: DbOrTrx, level: string, set: { name_zh: string; name_en: string; unit_types: string; updated_by: string; updated_at: string }): Promise<void> {
  await db.updateTable('service_group_level').set(set).where('level', '=', level).execute();
}

export function findUnit(db: DbOrTrx, id: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'type', 'path', 'parent_id', 'valid_to']).where('id', '=', id).executeTakeFirst();
}

/** The town (镇 / 街道) on a unit's path, if any (the unit itself or an ancestor). */
export async function townOnPath(db: DbOrTrx, path: string): Promise<string | null> {
  const ids = path.split('/').filter(Boolean);
  if (ids.length === 0) return null;
  const row = await db.selectFrom('org_unit').select('id').where('id', 'in', ids).where('type', 'in', ['TOWN', 'STREET']).orderBy('depth', 'desc').executeTakeFirst();
  return row?.id ?? null;
}

export function findPerson(db: DbOrTrx, id: string) {
  return db
    .selectFrom('person')
    .leftJoin('org_unit', 'org_unit.id', 'person.org_unit_id')
    .select(['person.id', 'person.name', 'person.org_path', 'person.is_party_member', 'org_unit.name as org_name'])
    .where('person.id', '=', id)
    .executeTakeFirst();
}

export function findPeople(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('person')
    .leftJoin('org_unit', 'org_unit.id', 'person.org_unit_id')
    .select(['person.id', 'person.name', 'person.org_path', 'person.is_party_member', 'org_unit.name as org_name'])
    .where('person.id', 'in', ids)
    .execute();
}

export function searchPeople(db: DbOrTrx, paths: string[], q: string | undefined, limit: number) {
  return db
    .selectFrom('person')
    .leftJoin('org_unit', 'org_unit.id', 'person.org_unit_id')
    .select(['person.id', 'person.name', 'person.is_party_member', 'org_unit.name as org_name'])
    .where((eb) => inSubtrees(eb, 'person.org_path', paths))
    .$if(!!q, (qb) => qb.where((eb) => eb.or([likePattern('person.name', q!, 'contains'), likePattern('person.name_pinyin', q!.toLowerCase(), 'prefix'), likePattern('person.name_initials', q!.toLowerCase(), 'prefix')])))
    .orderBy('person.name')
    .limit(limit)
    .execute();
}

// ---------- groups ----------

export function findGroup(db: DbOrTrx, id: string): Promise<ServiceGroupRow | undefined> {
  return db.selectFrom('service_group').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findGroupByChatHash(db: DbOrTrx, hash: string) {
  return db.selectFrom('service_group').select(['id']).where('wechat_chat_id_hash', '=', hash).executeTakeFirst();
}

function withSummary<Q extends ReturnType<typeof groupsFrom>>(qb: Q) {
  return qb
    .leftJoin('org_unit as town', 'town.id', 'g.town_org_unit_id')
    .leftJoin('person as owner', 'owner.id', 'g.owner_person_id')
    .select((eb) => [
      'g.id', 'g.level', 'g.name', 'g.org_unit_id', 'g.org_path', 'g.status', 'g.created_at', 'g.archived_at', 'g.owner_person_id', 'g.wechat_chat_id_hash',
      'u.name as unit_name', 'town.name as town_name', 'owner.name as owner_name',
      eb.selectFrom('group_membership as m').select(sql<number>`count(*)`.as('n')).whereRef('m.group_id', '=', 'g.id').where('m.left_at', 'is', null).as('member_count'),
      eb.selectFrom('group_membership as m').select(sql<number>`count(*)`.as('n')).whereRef('m.group_id', '=', 'g.id').where('m.left_at', 'is', null).where('m.is_party_member', '=', 1).as('party_count'),
    ]);
}

function groupsFrom(db: DbOrTrx) {
  return db.selectFrom('service_group as g').innerJoin('org_unit as u', 'u.id', 'g.org_unit_id');
}

export type GroupSummaryRow = Awaited<ReturnType<ReturnType<typeof withSummary>['executeTakeFirstOrThrow']>>;

export function groupSummary(db: DbOrTrx, id: string): Promise<GroupSummaryRow | undefined> {
  return withSummary(groupsFrom(db).where('g.id', '=', id)).executeTakeFirst();
}

export async function listGroups(
  db: DbOrTrx,
  paths: string[],
  f: { level?: string; status?: string; underPath?: string; q?: string; page: number; pageSize: number },
): Promise<{ rows: GroupSummaryRow[]; total: number }> {
  const base = groupsFrom(db)
    .where((eb) => inSubtrees(eb, 'g.org_path', paths))
    .$if(!!f.underPath, (q) => q.where((eb) => inSubtrees(eb, 'g.org_path', [f.underPath!])))
    .$if(!!f.level, (q) => q.where('g.level', '=', f.level!))
    .$if(!!f.status, (q) => q.where('g.status', '=', f.status!))
    .$if(!!f.q, (q) => q.where((eb) => eb.or([likePattern('g.name', f.q!, 'contains'), likePattern('u.name', f.q!, 'contains')])));
  const rows = await withSummary(base)
    .orderBy(sql`case g.level when 'COUNTY' then 1 when 'TOWN' then 2 when 'VILLAGE' then 3 else 4 end`)
    .orderBy('g.org_path')
    .orderBy('g.name')
    .orderBy('g.id') // a total order: pages (and the export walking them) never repeat or skip a group
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const count = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export function groupAdmins(db: DbOrTrx, groupId: string) {
  return db
    .selectFrom('service_group_admin as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .leftJoin('org_unit as u', 'u.id', 'p.org_unit_id')
    .select(['p.id', 'p.name', 'u.name as org_name'])
    .where('a.group_id', '=', groupId)
    .orderBy('p.name')
    .execute();
}

export async function replaceAdmins(db: DbOrTrx, groupId: string, personIds: string[], at: string): Promise<void> {
  await db.deleteFrom('service_group_admin').where('group_id', '=', groupId).execute();
  if (personIds.length > 0) await db.insertInto('service_group_admin').values(personIds.map((person_id) => ({ group_id: groupId, person_id, created_at: at }))).execute();
}

// ---------- members ----------

export async function listMembers(db: DbOrTrx, groupId: string, f: { partyOnly?: boolean; includeLeft?: boolean; page: number; pageSize: number }) {
  const base = db
    .selectFrom('group_membership as m')
    .where('m.group_id', '=', groupId)
    .$if(!f.includeLeft, (q) => q.where('m.left_at', 'is', null))
    .$if(!!f.partyOnly, (q) => q.where('m.is_party_member', '=', 1));
  const rows = await base
    .leftJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.member_key', 'm.person_id', 'm.is_party_member', 'm.joined_at', 'm.left_at', 'p.name as person_name'])
    .orderBy('m.joined_at')
    .orderBy('m.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const count = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export function findMember(db: DbOrTrx, groupId: string, memberId: string) {
  return db.selectFrom('group_membership').selectAll().where('group_id', '=', groupId).where('id', '=', memberId).executeTakeFirst();
}

export function findCurrentMemberByKey(db: DbOrTrx, groupId: string, memberKey: string) {
  return db.selectFrom('group_membership').select(['id']).where('group_id', '=', groupId).where('member_key', '=', memberKey).where('left_at', 'is', null).executeTakeFirst();
}

export async function currentKeys(db: DbOrTrx, groupId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('group_membership').select('member_key').where('group_id', '=', groupId).where('left_at', 'is', null).execute();
  return new Set(rows.map((r) => r.member_key));
}

// ---------- coverage (live) ----------

/** Groups per level and status in scope. */
export function groupCounts(db: DbOrTrx, paths: string[]) {
  return db
    .selectFrom('service_group as g')
    .select(['g.level', 'g.status', sql<number>`count(*)`.as('n')])
    .where((eb) => inSubtrees(eb, 'g.org_path', paths))
    .groupBy(['g.level', 'g.status'])
    .execute();
}

function activeMemberships(db: DbOrTrx, paths: string[]) {
  return db
    .selectFrom('group_membership as m')
    .innerJoin('service_group as g', 'g.id', 'm.group_id')
    .where('g.status', '=', 'ACTIVE')
    .where('m.left_at', 'is', null)
    .where((eb) => inSubtrees(eb, 'g.org_path', paths));
}

/** Distinct member keys (and those flagged Party members) across the ACTIVE groups in scope. */
export function distinctMembers(db: DbOrTrx, paths: string[]) {
  return activeMemberships(db, paths)
    .select([
      sql<number>`count(distinct m.member_key)`.as('members'),
      sql<number>`count(distinct case when m.is_party_member = 1 then m.member_key end)`.as('party'),
      sql<number>`count(*)`.as('memberships'),
    ])
    .executeTakeFirstOrThrow();
}

export function distinctMembersByLevel(db: DbOrTrx, paths: string[]) {
  return activeMemberships(db, paths)
    .select(['g.level', sql<number>`count(distinct m.member_key)`.as('members'), sql<number>`count(distinct case when m.is_party_member = 1 then m.member_key end)`.as('party')])
    .groupBy('g.level')
    .execute();
}

export function distinctMembersByTown(db: DbOrTrx, paths: string[]) {
  return activeMemberships(db, paths)
    .select(['g.town_org_unit_id', sql<number>`count(distinct m.member_key)`.as('members'), sql<number>`count(distinct case when m.is_party_member = 1 then m.member_key end)`.as('party')])
    .groupBy('g.town_org_unit_id')
    .execute();
}

export function groupsByTown(db: DbOrTrx, paths: string[]) {
  return db
    .selectFrom('service_group as g')
    .leftJoin('org_unit as town', 'town.id', 'g.town_org_unit_id')
    .select(['g.town_org_unit_id', 'town.name as town_name', 'town.sort_order', 'town.path as town_path', 'g.level', sql<number>`count(*)`.as('n')])
    .where('g.status', '=', 'ACTIVE')
    .where((eb) => inSubtrees(eb, 'g.org_path', paths))
    .groupBy(['g.town_org_unit_id', 'town.name', 'town.sort_order', 'town.path', 'g.level'])
    .execute();
}
