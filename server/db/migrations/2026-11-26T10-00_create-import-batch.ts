/**
 * Excel import batches (issue 3, deliverable 6). One row per committed import, written in the same transaction as
 * the imported rows; `file_sha256` is UNIQUE so the same file cannot be imported twice (SECURITY.md §6.3 item 3).
 *
 * Frozen in time: uses Kysely<any> and the DDL helpers of db/dialect.ts only, never app code.
 */
import type { Kysely } from 'kysely';
import { pathColumnType } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('org_path', pathColumnType(db), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_batch_creator_idx').on('import_batch').columns(['created_by', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_batch').ifExists().execute();
}
