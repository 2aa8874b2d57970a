/**
 * Kysely queries of the transfer module: import batches, and the read-only lookups an import needs (the units
 * of the importer's scope, code catalogues, an account by username for the CLI).
 */
import type { DbOrTrx } from '../../db/database.ts';
import type { ImportBatchRow, NewImportBatchRow } from '../../db/schema.ts';
import { inSubtrees } from '../../platform/scope.ts';

export function findBatchBySha(db: DbOrTrx, sha256: string): Promise<ImportBatchRow | undefined> {
  return db.selectFrom('import_batch').selectAll().where('file_sha256', '=', sha256).executeTakeFirst();
}

export function findBatch(db: DbOrTrx, id: string): Promise<ImportBatchRow | undefined> {
  return db.selectFrom('import_batch').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertBatch(db: DbOrTrx, row: NewImportBatchRow): Promise<void> {
  await db.insertInto('import_batch').values(row).execute();
}

export function listBatchesOfUser(db: DbOrTrx, userId: string, limit: number): Promise<ImportBatchRow[]> {
  return db.selectFrom('import_batch').selectAll().where('created_by', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export type UnitLookupRow = { id: string; code: string | null; name: string; short_name: string | null; path: string; type: string; valid_to: string | null; parent_id: string | null };

const UNIT_COLUMNS = ['id', 'code', 'name', 'short_name', 'path', 'type', 'valid_to', 'parent_id'] as const;

/** Every unit (open or closed) inside the subtrees. */
export function listUnitsUnder(db: DbOrTrx, paths: string[]): Promise<UnitLookupRow[]> {
  return db
    .selectFrom('org_unit')
    .select([...UNIT_COLUMNS])
    .where((eb) => inSubtrees(eb, 'org_unit.path', paths))
    .orderBy('path')
    .execute();
}

export async function listUnitsByIds(db: DbOrTrx, ids: string[]): Promise<UnitLookupRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('org_unit').select([...UNIT_COLUMNS]).where('id', 'in', ids).execute();
}

export function listCatalogue(db: DbOrTrx, catalog: string): Promise<{ code: string; name_zh: string }[]> {
  return db.selectFrom('code_item').select(['code', 'name_zh']).where('catalog', '=', catalog).where('active', '=', 1).orderBy('sort_order').execute();
}

export function findUserByUsername(db: DbOrTrx, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}
