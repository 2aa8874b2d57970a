/**
 * Kysely queries for people, cadres, posts, kinship and front-line records. No HTTP, no rules: the service
 * passes the scope paths, and every list applies them through `inSubtrees` on `person.org_path`.
 */
import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { ListPeopleQuery } from '../../../contracts/people.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { likePattern, prefixRange } from '../../db/dialect.ts';
import type { CadreRow, Database, FrontLineRow, NewCadreRow, NewFrontLineRow, NewKinshipRow, NewPersonRow, NewPostRow, PersonRow, PersonRowUpdate } from '../../db/schema.ts';
import { isLatinSearch } from '../../platform/pinyin.ts';
import { inSubtrees } from '../../platform/scope.ts';

export type PersonListRow = {
  id: string;
  name: string;
  gender: string;
  birth_date: string;
  org_unit_id: string;
  org_name: string;
  is_party_member: number;
  rank_level: string | null;
  id_number_masked: string | null;
  phone_masked: string | null;
};

const SORT_COLUMNS = {
  name: 'person.name_pinyin',
  birthDate: 'person.birth_date',
  orgName: 'org_unit.pinyin',
  rankLevel: 'cadre.rank_level',
} as const;

type PersonEb = ExpressionBuilder<Database, 'person'>;

/**
 * The filters of the people list on `person` alone, so the count needs no join. Cadre filters are EXISTS
 * subqueries; text search uses index ranges (pinyin and initials prefixes; a name prefix, or a substring for
 * two or more characters).
 */
function listFilters(eb: PersonEb, scope: string[], q: ListPeopleQuery, unitPath: string | null): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [inSubtrees(eb, 'person.org_path', scope)];
  if (unitPath) parts.push(inSubtrees(eb, 'person.org_path', [unitPath]));
  if (q.q) {
    const text = q.q.trim();
    if (isLatinSearch(text)) {
      const lower = text.toLowerCase();
      parts.push(eb.or([prefixRange('person.name_pinyin', lower), prefixRange('person.name_initials', lower)]));
    } else {
      parts.push([...text].length >= 2 ? likePattern('person.name', text, 'contains') : prefixRange('person.name', text));
    }
  }
  if (q.gender) parts.push(eb('person.gender', '=', q.gender));
  if (q.isPartyMember !== undefined) parts.push(eb('person.is_party_member', '=', q.isPartyMember ? 1 : 0));
  if (q.rankLevel || q.isCadre !== undefined) {
    // IN over the (small) cadre table lets the planner start from cadres instead of testing every person.
    const cadres = eb
      .selectFrom('cadre')
      .select('cadre.person_id')
      .$if(q.rankLevel !== undefined, (sq) => sq.where('cadre.rank_level', '=', q.rankLevel!));
    parts.push(q.isCadre === false ? eb('person.id', 'not in', cadres) : eb('person.id', 'in', cadres));
  }
  return eb.and(parts);
}

/** Totals are exact up to this many rows; above it the list says "10,000+" (a count over a whole county costs more than the page). */
export const PEOPLE_COUNT_CAP = 10_000;

export async function listPeople(
  db: DbOrTrx,
  scope: string[],
  q: ListPeopleQuery & { page: number; pageSize: number },
  unitPath: string | null,
  countCap: number = PEOPLE_COUNT_CAP,
): Promise<{ rows: PersonListRow[]; total: number; totalIsExact: boolean }> {
  const sort = q.sort ?? 'name';
  const sortColumn = SORT_COLUMNS[sort];
  const direction = q.order === 'desc' ? 'desc' : 'asc';
  // Without a search, walk the sort index and stop after one page. With a search the matches are few: sorting an
  // expression keeps both planners from walking the whole sort index and lets them use the search indexes instead.
  const sortKey = q.q ? sql<string>`${sql.ref(sortColumn)} || ''` : sql<string>`${sql.ref(sortColumn)}`;
  // Phase 1 picks the page's ids from index entries; phase 2 reads those rows with their unit and rank.
  const pageIds = db
    .selectFrom('person')
    .$if(sort === 'orgName', (qb) => qb.innerJoin('org_unit', 'org_unit.id', 'person.org_unit_id'))
    .$if(sort === 'rankLevel', (qb) => qb.leftJoin('cadre', 'cadre.person_id', 'person.id'))
    .where((eb) => listFilters(eb, scope, q, unitPath))
    .select('person.id')
    .orderBy(sortKey, direction)
    .orderBy('person.id', direction)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [rows, count] = await Promise.all([
    db
      .selectFrom('person')
      .innerJoin('org_unit', 'org_unit.id', 'person.org_unit_id')
      .leftJoin('cadre', 'cadre.person_id', 'person.id')
      .where('person.id', 'in', pageIds)
      .select([
        'person.id',
        'person.name',
        'person.gender',
        'person.birth_date',
        'person.org_unit_id',
        'org_unit.name as org_name',
        'person.is_party_member',
        'cadre.rank_level',
        'person.id_number_masked',
        'person.phone_masked',
      ])
      .orderBy(sql<string>`${sql.ref(sortColumn)}`, direction)
      .orderBy('person.id', direction)
      .execute(),
    db
      .selectFrom(
        db
          .selectFrom('person')
          .where((eb) => listFilters(eb, scope, q, unitPath))
          .select(sql<number>`1`.as('one'))
          .limit(countCap + 1)
          .as('matched'),
      )
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const n = Number(count.n);
  return { rows, total: Math.min(n, countCap), totalIsExact: n <= countCap };
}

/** Titles of the posts active on `today`, per person. */
export async function listCurrentTitles(db: DbOrTrx, personIds: string[], today: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .selectFrom('post')
    .select(['person_id', 'title'])
    .where('person_id', 'in', personIds)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .orderBy('is_principal', 'desc')
    .orderBy('start_date')
    .execute();
  for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.title]);
  return out;
}

export function findPerson(db: DbOrTrx, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPersonByIdNumberIndex(db: DbOrTrx, blindIndex: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('person').select('id').where('id_number_bidx', '=', blindIndex).executeTakeFirst();
}

export function findCadre(db: DbOrTrx, personId: string): Promise<CadreRow | undefined> {
  return db.selectFrom('cadre').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export function listPostsOfPerson(db: DbOrTrx, personId: string) {
  return db
    .selectFrom('post')
    .innerJoin('org_unit', 'org_unit.id', 'post.org_unit_id')
    .selectAll('post')
    .select('org_unit.name as org_name')
    .where('post.person_id', '=', personId)
    .orderBy('post.start_date', 'desc')
    .execute();
}

export function findPost(db: DbOrTrx, personId: string, postId: string) {
  return db.selectFrom('post').selectAll().where('id', '=', postId).where('person_id', '=', personId).executeTakeFirst();
}

export function listKinshipOfPerson(db: DbOrTrx, personId: string) {
  return db
    .selectFrom('kinship')
    .innerJoin('person as relative', 'relative.id', 'kinship.relative_person_id')
    .select(['kinship.id', 'kinship.relative_person_id', 'kinship.relation', 'kinship.relation_code', 'relative.name as relative_name', 'relative.org_path as relative_org_path'])
    .where('kinship.person_id', '=', personId)
    .orderBy('kinship.created_at')
    .execute();
}

/** Kinship rows where the person is on either side. */
export function listKinshipEitherWay(db: DbOrTrx, personId: string) {
  return db
    .selectFrom('kinship')
    .select(['person_id', 'relative_person_id'])
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('relative_person_id', '=', personId)]))
    .execute();
}

export function findKinship(db: DbOrTrx, personId: string, relativeId: string) {
  return db.selectFrom('kinship').select('id').where('person_id', '=', personId).where('relative_person_id', '=', relativeId).executeTakeFirst();
}

export function listFrontLineOfPerson(db: DbOrTrx, personId: string): Promise<FrontLineRow[]> {
  return db.selectFrom('front_line').selectAll().where('person_id', '=', personId).orderBy('start_date', 'desc').execute();
}

export async function findNames(db: DbOrTrx, table: 'org_unit' | 'party_org', id: string | null): Promise<string | null> {
  if (!id) return null;
  const row = await db.selectFrom(table).select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

export async function insertPerson(db: DbOrTrx, row: NewPersonRow): Promise<void> {
  await db.insertInto('person').values(row).execute();
}

export async function updatePerson(db: DbOrTrx, id: string, values: PersonRowUpdate): Promise<void> {
  await db.updateTable('person').set(values).where('id', '=', id).execute();
}

export async function insertCadre(db: DbOrTrx, row: NewCadreRow): Promise<void> {
  await db.insertInto('cadre').values(row).execute();
}

export async function insertPost(db: DbOrTrx, row: NewPostRow): Promise<void> {
  await db.insertInto('post').values(row).execute();
}

export async function endPost(db: DbOrTrx, postId: string, endDate: string, at: string): Promise<void> {
  await db.updateTable('post').set({ end_date: endDate, updated_at: at }).where('id', '=', postId).execute();
}

export async function insertKinship(db: DbOrTrx, row: NewKinshipRow): Promise<void> {
  await db.insertInto('kinship').values(row).execute();
}

export async function insertFrontLine(db: DbOrTrx, row: NewFrontLineRow): Promise<void> {
  await db.insertInto('front_line').values(row).execute();
}

export function listCodes(db: DbOrTrx, catalog: string) {
  return db.selectFrom('code_item').selectAll().where('catalog', '=', catalog).where('active', '=', 1).orderBy('sort_order').execute();
}

export async function codeExists(db: DbOrTrx, catalog: string, code: string): Promise<boolean> {
  const row = await db.selectFrom('code_item').select('code').where('catalog', '=', catalog).where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}
