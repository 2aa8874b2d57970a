/**
 * Kysely queries of the Party tree (`party_org`). Scope is the `org_path` of the org unit each Party
 * organisation belongs to; the tree itself follows `party_org.path`.
 */
import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { Database, NewPartyOrgRow, PartyOrgRow } from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';
import type { DateRule } from './org.policy.ts';
import { containsText, startsWith } from './org.repository.ts';

export type PartyOrgListRow = PartyOrgRow & {
  org_unit_name: string;
  secretary_name: string | null;
  secretary_org_path: string | null;
  child_count: number;
  member_count: number;
};

/** `founded_at <= date AND (dissolved_at IS NULL OR dissolved_at > date)`: the dissolution day is the first day gone. */
function activeOn(alias: string, date: string) {
  const founded = sql.ref(`${alias}.founded_at`);
  const dissolved = sql.ref(`${alias}.dissolved_at`);
  return sql<SqlBool>`(${founded} <= ${date} and (${dissolved} is null or ${dissolved} > ${date}))`;
}

type PartyFilter = { paths: string[]; rule: DateRule };

function selectPartyOrgs(db: DbOrTrx, f: PartyFilter) {
  return db
    .selectFrom('party_org')
    .innerJoin('org_unit', 'org_unit.id', 'party_org.org_unit_id')
    .leftJoin('person as secretary', 'secretary.id', 'party_org.secretary_person_id')
    .selectAll('party_org')
    .select(['org_unit.name as org_unit_name', 'secretary.name as secretary_name', 'secretary.org_path as secretary_org_path'])
    .select((eb) => {
      let children = eb
        .selectFrom('party_org as c')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('c.parent_id', '=', 'party_org.id')
        .where((e) => inSubtrees(e, 'c.org_path', f.paths));
      if (f.rule.kind === 'on') children = children.where(activeOn('c', f.rule.date));
      return children.as('child_count');
    })
    .select((eb) =>
      eb
        .selectFrom('person as m')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.party_org_id', '=', 'party_org.id')
        .as('member_count'),
    );
}

function applyCommon(eb: ExpressionBuilder<Database, 'party_org'>, f: PartyFilter) {
  const conds = [inSubtrees(eb, 'party_org.org_path', f.paths)];
  if (f.rule.kind === 'on') conds.push(activeOn('party_org', f.rule.date));
  return eb.and(conds);
}

type RawPartyOrgRow = Omit<PartyOrgListRow, 'child_count' | 'member_count'> & { child_count: number | null; member_count: number | null };

/** PostgreSQL may hand back counts as strings; a scalar subquery is typed nullable. */
function normalise(rows: RawPartyOrgRow[]): PartyOrgListRow[] {
  return rows.map((r) => ({ ...r, depth: Number(r.depth), child_count: Number(r.child_count ?? 0), member_count: Number(r.member_count ?? 0) }));
}

/** Top-most Party organisations in scope: those whose parent is missing or outside the scope. */
export async function listRootPartyOrgs(db: DbOrTrx, f: PartyFilter): Promise<PartyOrgListRow[]> {
  const rows = await selectPartyOrgs(db, f)
    .leftJoin('party_org as parent', 'parent.id', 'party_org.parent_id')
    .where((eb) => applyCommon(eb, f))
    .where((eb) => eb.or([eb('parent.id', 'is', null), eb.not(inSubtrees(eb, 'parent.org_path', f.paths))]))
    .orderBy('party_org.depth')
    .orderBy('party_org.pinyin')
    .orderBy('party_org.id')
    .execute();
  return normalise(rows);
}

export async function listChildPartyOrgs(db: DbOrTrx, parentId: string, f: PartyFilter): Promise<PartyOrgListRow[]> {
  const rows = await selectPartyOrgs(db, f)
    .where((eb) => applyCommon(eb, f))
    .where('party_org.parent_id', '=', parentId)
    .orderBy('party_org.pinyin')
    .orderBy('party_org.id')
    .execute();
  return normalise(rows);
}

/** Name substring, pinyin or initials prefix; `underPath` restricts to one Party subtree. */
export async function searchPartyOrgs(db: DbOrTrx, q: string, latin: boolean, f: PartyFilter & { underPath?: string }, limit: number): Promise<PartyOrgListRow[]> {
  const key = q.toLowerCase();
  let query = selectPartyOrgs(db, f).where((eb) => applyCommon(eb, f));
  if (f.underPath) {
    const under = f.underPath;
    query = query.where((eb) => inSubtrees(eb, 'party_org.path', [under]));
  }
  const rows = await query
    .where((eb) => eb.or([containsText('party_org.name', q), ...(latin ? [startsWith('party_org.pinyin', key), startsWith('party_org.pinyin_initials', key)] : [])]))
    .orderBy('party_org.depth')
    .orderBy('party_org.pinyin')
    .orderBy('party_org.id')
    .limit(limit)
    .execute();
  return normalise(rows);
}

export async function findPartyOrgWithCounts(db: DbOrTrx, id: string, f: PartyFilter): Promise<PartyOrgListRow | undefined> {
  const row = await selectPartyOrgs(db, f).where('party_org.id', '=', id).executeTakeFirst();
  return row ? normalise([row])[0] : undefined;
}

export async function findPartyOrg(db: DbOrTrx, id: string): Promise<PartyOrgRow | undefined> {
  const row = await db.selectFrom('party_org').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...row, depth: Number(row.depth) } : undefined;
}

export async function mapPartyOrgNames(db: DbOrTrx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('party_org').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Children of `id` that still exist on `date` (not dissolved on or before it). */
export async function countChildrenActiveAfter(db: DbOrTrx, id: string, date: string): Promise<number> {
  const row = await db
    .selectFrom('party_org')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where((eb) => eb.or([eb('dissolved_at', 'is', null), eb('dissolved_at', '>', date)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPartyOrg(db: DbOrTrx, row: NewPartyOrgRow): Promise<void> {
  await db.insertInto('party_org').values(row).execute();
}

export async function updatePartyOrg(
  db: DbOrTrx,
  id: string,
  values: Partial<Pick<PartyOrgRow, 'name' | 'pinyin' | 'pinyin_initials' | 'secretary_person_id' | 'dissolved_at' | 'parent_id' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('party_org').set(values).where('id', '=', id).execute();
}

/** Moves a Party subtree: `path` under `oldPrefix` becomes `newPrefix || rest` (see rewriteSubtreePaths). */
export async function rewritePartySubtreePaths(db: DbOrTrx, oldPrefix: string, newPrefix: string, depthDelta: number, at: string): Promise<number> {
  const cut = oldPrefix.length + 1;
  const r = await db
    .updateTable('party_org')
    .set({
      path: sql<string>`cast(${newPrefix} as text) || substr(path, cast(${cut} as integer))`,
      depth: sql<number>`depth + cast(${depthDelta} as integer)`,
      updated_at: at,
    })
    .where((eb) => inSubtrees(eb, 'party_org.path', [oldPrefix]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A person (for the secretary field): where they belong and whether they are a Party member. */
export async function findPersonForSecretary(db: DbOrTrx, id: string): Promise<{ id: string; org_path: string; is_party_member: number } | undefined> {
  const row = await db.selectFrom('person').select(['id', 'org_path', 'is_party_member']).where('id', '=', id).executeTakeFirst();
  return row ? { ...row, is_party_member: Number(row.is_party_member) } : undefined;
}
