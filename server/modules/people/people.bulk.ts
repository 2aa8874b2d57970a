/**
 * Bulk people operations for the Excel import and export (server/modules/transfer). They reuse this module's
 * repository and presenter so scope, filters and masking are exactly those of GET /api/people.
 *
 * - `listPeopleForExport`: every row of the list the caller can see with the same filters (no paging), capped;
 * - `findRegisteredIdNumberIndexes`: which blind indexes are already registered (duplicate check);
 * - `insertPeopleRows`: chunked multi-row inserts of people, cadre records and posts INSIDE the caller's
 *   transaction (the import writes its batch row and ledger events in the same one).
 */
import type { ListPeopleQuery, PersonListItem } from '../../../contracts/people.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { NewCadreRow, NewPersonRow, NewPostRow } from '../../db/schema.ts';
import { isoDate } from '../../platform/clock.ts';
import type { ServiceCtx } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { scopePaths } from '../../platform/scope.ts';
import { getOrgUnitInScope } from '../org/index.ts';
import { presentListItem } from './people.presenter.ts';
import * as repo from './people.repository.ts';

export type ExportFilters = Omit<ListPeopleQuery, 'page' | 'pageSize'>;

/**
 * The people list for an export: same scope (people.read), filters and sort as `listPeople`, every page at once.
 * More than `maxRows` rows → 413 asking the user to narrow the filters (nothing is read beyond the count).
 * `scopePath` is the unit filter's path, or null for the whole scope.
 */
export async function listPeopleForExport(ctx: ServiceCtx, filters: ExportFilters, maxRows: number): Promise<{ items: PersonListItem[]; unitPath: string | null }> {
  const scope = scopePaths(ctx.actor, 'people.read');
  const unit = filters.orgUnitId ? await getOrgUnitInScope(ctx.db, ctx.actor, 'people.read', filters.orgUnitId) : null;
  const unitPath = unit?.path ?? null;
  const probe = await repo.listPeople(ctx.db, scope, { ...filters, page: 1, pageSize: 1 }, unitPath, maxRows);
  if (!probe.totalIsExact) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      zh: `符合条件的人员超过单次导出 ${maxRows} 人的上限；请增加筛选条件（如按单位）分批导出`,
      en: `More than the ${maxRows} people allowed in one export match; narrow the filters (e.g. by unit)`,
    });
  }
  if (probe.total === 0) return { items: [], unitPath };
  const { rows } = await repo.listPeople(ctx.db, scope, { ...filters, page: 1, pageSize: maxRows }, unitPath, maxRows);
  const today = isoDate(ctx.clock.now());
  const titles = new Map<string, string[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = await repo.listCurrentTitles(
      ctx.db,
      rows.slice(i, i + 500).map((r) => r.id),
      today,
    );
    for (const [k, v] of chunk) titles.set(k, v);
  }
  const now = ctx.clock.now();
  return { items: rows.map((r) => presentListItem(r, titles.get(r.id) ?? [], now)), unitPath };
}

/** The subset of `indexes` already registered to some person (any scope: ID numbers are unique county-wide). */
export async function findRegisteredIdNumberIndexes(db: DbOrTrx, indexes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < indexes.length; i += 500) {
    const chunk = indexes.slice(i, i + 500);
    const rows = await db.selectFrom('person').select('id_number_bidx').where('id_number_bidx', 'in', chunk).execute();
    for (const r of rows) if (r.id_number_bidx) found.add(r.id_number_bidx);
  }
  return found;
}

export type NewPersonBundle = { person: NewPersonRow; cadre: NewCadreRow | null; posts: NewPostRow[] };

/** Stays far below SQLite's 32,766 and PostgreSQL's 65,535 bind parameters (person rows have 20 columns). */
const CHUNK = 500;

/** Inserts people with their cadre records and posts; must run inside the caller's transaction. */
export async function insertPeopleRows(trx: DbOrTrx, bundles: NewPersonBundle[]): Promise<void> {
  if (!trx.isTransaction) throw new Error('insertPeopleRows must run inside a transaction');
  const people = bundles.map((b) => b.person);
  const cadres = bundles.flatMap((b) => (b.cadre ? [b.cadre] : []));
  const posts = bundles.flatMap((b) => b.posts);
  for (let i = 0; i < people.length; i += CHUNK) await trx.insertInto('person').values(people.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < cadres.length; i += CHUNK) await trx.insertInto('cadre').values(cadres.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < posts.length; i += CHUNK) await trx.insertInto('post').values(posts.slice(i, i + CHUNK)).execute();
}
