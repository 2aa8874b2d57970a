/**
 * Kysely queries of the administrative tree (`org_unit`) and of the denormalised `org_path` columns that follow
 * it. No HTTP, no rules: the service decides scope and validity and passes them in.
 */
import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { likePattern } from '../../db/dialect.ts';
import type { Database, NewOrgUnitRow, NewPostRow, OrgUnitRow, OrgUnitRowUpdate, PostRow } from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';
import type { DateRule } from './org.policy.ts';

export type OrgUnitListRow = OrgUnitRow & { child_count: number };

/** `<alias>.valid_from <= date AND (<alias>.valid_to IS NULL OR <alias>.valid_to >= date)` */
function validOn(alias: string, date: string) {
  const from = sql.ref(`${alias}.valid_from`);
  const to = sql.ref(`${alias}.valid_to`);
  return sql<SqlBool>`(${from} <= ${date} and (${to} is null or ${to} >= ${date}))`;
}

/**
 * Case-insensitive substring: `lower(column) LIKE %q% ESCAPE '!'` with the user's text escaped (the convention
 * of db/dialect.ts likePattern, which cannot wrap the column in lower()). PostgreSQL LIKE is case-sensitive.
 */
export function containsText(column: string, q: string) {
  const pattern = `%${q.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '!'`;
}

/** Pinyin keys are stored lower-case [a-z0-9]; callers pass a lower-case prefix. */
export function startsWith(column: string, prefix: string) {
  return likePattern(column, prefix, 'prefix');
}

function selectUnitsWithChildCount(db: DbOrTrx, rule: DateRule) {
  return db
    .selectFrom('org_unit')
    .selectAll('org_unit')
    .select((eb) => {
      let children = eb.selectFrom('org_unit as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 'org_unit.id');
      if (rule.kind === 'on') children = children.where(validOn('c', rule.date));
      return children.as('child_count');
    });
}

type UnitFilter = {
  paths: string[];
  rule: DateRule;
  type?: string | undefined;
};

function applyCommon(eb: ExpressionBuilder<Database, 'org_unit'>, f: UnitFilter) {
  const conds = [inSubtrees(eb, 'org_unit.path', f.paths)];
  if (f.rule.kind === 'on') conds.push(validOn('org_unit', f.rule.date));
  if (f.type) conds.push(eb('org_unit.type', '=', f.type));
  return eb.and(conds);
}

/** PostgreSQL may hand back counts and integers as strings; a scalar subquery is typed nullable. */
function normalise(rows: (OrgUnitRow & { child_count: number | null })[]): OrgUnitListRow[] {
  return rows.map((r) => ({ ...r, depth: Number(r.depth), sort_order: Number(r.sort_order), child_count: Number(r.child_count ?? 0) }));
}

/** The units whose path is one of `rootPaths` (the tops of the caller's scope). */
export async function listUnitsAtPaths(db: DbOrTrx, rootPaths: string[], f: UnitFilter): Promise<OrgUnitListRow[]> {
  if (rootPaths.length === 0) return [];
  const rows = await selectUnitsWithChildCount(db, f.rule)
    .where((eb) => applyCommon(eb, f))
    .where('org_unit.path', 'in', rootPaths)
    .orderBy('org_unit.sort_order')
    .orderBy('org_unit.pinyin')
    .orderBy('org_unit.id')
    .execute();
  return normalise(rows);
}

export async function listChildUnits(db: DbOrTrx, parentId: string, f: UnitFilter): Promise<OrgUnitListRow[]> {
  const rows = await selectUnitsWithChildCount(db, f.rule)
    .where((eb) => applyCommon(eb, f))
    .where('org_unit.parent_id', '=', parentId)
    .orderBy('org_unit.sort_order')
    .orderBy('org_unit.pinyin')
    .orderBy('org_unit.id')
    .execute();
  return normalise(rows);
}

/** Every unit of one type in scope (e.g. all villages), shallowest first. */
export async function listUnitsByType(db: DbOrTrx, f: UnitFilter & { type: string }, limit: number): Promise<OrgUnitListRow[]> {
  const rows = await selectUnitsWithChildCount(db, f.rule)
    .where((eb) => applyCommon(eb, f))
    .orderBy('org_unit.depth')
    .orderBy('org_unit.sort_order')
    .orderBy('org_unit.pinyin')
    .orderBy('org_unit.id')
    .limit(limit)
    .execute();
  return normalise(rows);
}

/** Name substring, full-pinyin prefix or initials prefix (the last two only for Latin search text). */
export async function searchUnits(db: DbOrTrx, q: string, latin: boolean, f: UnitFilter, limit: number): Promise<OrgUnitListRow[]> {
  const key = q.toLowerCase();
  const rows = await selectUnitsWithChildCount(db, f.rule)
    .where((eb) => applyCommon(eb, f))
    .where((eb) => eb.or([containsText('org_unit.name', q), ...(latin ? [startsWith('org_unit.pinyin', key), startsWith('org_unit.pinyin_initials', key)] : [])]))
    .orderBy('org_unit.depth')
    .orderBy('org_unit.sort_order')
    .orderBy('org_unit.pinyin')
    .orderBy('org_unit.id')
    .limit(limit)
    .execute();
  return normalise(rows);
}

export async function findUnitWithChildCount(db: DbOrTrx, id: string, rule: DateRule): Promise<OrgUnitListRow | undefined> {
  const row = await selectUnitsWithChildCount(db, rule).where('org_unit.id', '=', id).executeTakeFirst();
  return row ? normalise([row])[0] : undefined;
}

export async function findUnit(db: DbOrTrx, id: string): Promise<OrgUnitRow | undefined> {
  const row = await db.selectFrom('org_unit').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...row, depth: Number(row.depth), sort_order: Number(row.sort_order) } : undefined;
}

export async function listUnitsByIds(db: DbOrTrx, ids: string[]): Promise<OrgUnitRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('org_unit').selectAll().where('id', 'in', ids).execute();
  return rows.map((r) => ({ ...r, depth: Number(r.depth), sort_order: Number(r.sort_order) }));
}

/** id → name of the given units (for ancestors). */
export async function mapUnitNames(db: DbOrTrx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A unit that is not closed on `today` and uses `code`, other than `exceptIds`. */
export async function findOpenUnitByCode(db: DbOrTrx, code: string, today: string, exceptIds: string[] = []): Promise<OrgUnitRow | undefined> {
  let q = db
    .selectFrom('org_unit')
    .selectAll()
    .where('code', '=', code)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', today)]));
  if (exceptIds.length) q = q.where('id', 'not in', exceptIds);
  return q.executeTakeFirst();
}

export async function insertUnit(db: DbOrTrx, row: NewOrgUnitRow): Promise<void> {
  await db.insertInto('org_unit').values(row).execute();
}

export async function updateUnit(db: DbOrTrx, id: string, values: OrgUnitRowUpdate): Promise<void> {
  await db.updateTable('org_unit').set(values).where('id', '=', id).execute();
}

/** Children of `parentId` still valid on or after `date` (not closed before it). */
export async function listChildrenOpenOn(db: DbOrTrx, parentId: string, date: string): Promise<OrgUnitRow[]> {
  const rows = await db
    .selectFrom('org_unit')
    .selectAll()
    .where('parent_id', '=', parentId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .orderBy('path')
    .execute();
  return rows.map((r) => ({ ...r, depth: Number(r.depth), sort_order: Number(r.sort_order) }));
}

export type PathRewriteCounts = { units: number; people: number; posts: number; partyOrgs: number };

/**
 * Moves a subtree: every `org_unit.path` and every denormalised `org_path` (person, post, party_org: the
 * tables that carry an org unit's path today; add new scoped tables here) under `oldPrefix` becomes
 * `newPrefix || rest`. One UPDATE per table over the index range `oldPrefix <= path < upperBound(oldPrefix)`;
 * `||` and `substr` behave the same on SQLite and PostgreSQL. Paths are sequences of unique ids, so a rewritten
 * path can never equal an existing one (the unique index on org_unit.path cannot trip).
 */
export async function rewriteSubtreePaths(db: DbOrTrx, oldPrefix: string, newPrefix: string, depthDelta: number, at: string): Promise<PathRewriteCounts> {
  const cut = oldPrefix.length + 1;
  const rewrite = (column: string) => sql<string>`cast(${newPrefix} as text) || substr(${sql.ref(column)}, cast(${cut} as integer))`;
  const units = await db
    .updateTable('org_unit')
    .set({ path: rewrite('path'), depth: sql<number>`depth + cast(${depthDelta} as integer)`, updated_at: at })
    .where((eb) => inSubtrees(eb, 'org_unit.path', [oldPrefix]))
    .executeTakeFirst();
  const people = await db
    .updateTable('person')
    .set({ org_path: rewrite('org_path'), updated_at: at })
    .where((eb) => inSubtrees(eb, 'person.org_path', [oldPrefix]))
    .executeTakeFirst();
  const posts = await db
    .updateTable('post')
    .set({ org_path: rewrite('org_path'), updated_at: at })
    .where((eb) => inSubtrees(eb, 'post.org_path', [oldPrefix]))
    .executeTakeFirst();
  const partyOrgs = await db
    .updateTable('party_org')
    .set({ org_path: rewrite('org_path'), updated_at: at })
    .where((eb) => inSubtrees(eb, 'party_org.org_path', [oldPrefix]))
    .executeTakeFirst();
  return {
    units: Number(units.numUpdatedRows),
    people: Number(people.numUpdatedRows),
    posts: Number(posts.numUpdatedRows),
    partyOrgs: Number(partyOrgs.numUpdatedRows),
  };
}

/** People whose unit is one of `fromIds` now belong to `to`. */
export async function reassignPeople(db: DbOrTrx, fromIds: string[], to: { id: string; path: string }, at: string): Promise<number> {
  if (fromIds.length === 0) return 0;
  const r = await db.updateTable('person').set({ org_unit_id: to.id, org_path: to.path, updated_at: at }).where('org_unit_id', 'in', fromIds).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Posts at the given units that are open on `date` (not ended before it). */
export async function listPostsOpenOn(db: DbOrTrx, unitIds: string[], date: string): Promise<PostRow[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('post')
    .selectAll()
    .where('org_unit_id', 'in', unitIds)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, is_leadership: Number(r.is_leadership), is_principal: Number(r.is_principal) }));
}

export async function endPost(db: DbOrTrx, id: string, endDate: string, at: string): Promise<void> {
  await db.updateTable('post').set({ end_date: endDate, updated_at: at }).where('id', '=', id).execute();
}

export async function movePostToUnit(db: DbOrTrx, id: string, to: { id: string; path: string }, at: string): Promise<void> {
  await db.updateTable('post').set({ org_unit_id: to.id, org_path: to.path, updated_at: at }).where('id', '=', id).execute();
}

export async function insertPost(db: DbOrTrx, row: NewPostRow): Promise<void> {
  await db.insertInto('post').values(row).execute();
}
