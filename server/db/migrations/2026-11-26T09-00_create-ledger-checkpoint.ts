/**
 * Signed ledger checkpoints (SECURITY.md §4.2). Frozen in time: uses Kysely<any> and the DDL helpers of
 * db/dialect.ts only, never app code.
 *
 * Append-only like ledger_event: a trigger refuses UPDATE and DELETE (PostgreSQL: and TRUNCATE). On PostgreSQL the
 * stronger protection is privileges: the tables owned by a separate role and UPDATE/DELETE/TRUNCATE revoked from
 * the application role. That needs a DBA (creating roles and changing owners needs rights the application role
 * normally lacks), and while the connected role owns the tables a REVOKE adds nothing (an owner can grant itself
 * the rights back), so this migration does not attempt it. The statements are in
 * server/platform/ledger/protection.ts; describeLedgerProtection() reports what is in place.
 */
import type { Kysely } from 'kysely';
import { createAppendOnlyGuard } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_checkpoint')
    .addColumn('tree_size', 'bigint', (c) => c.primaryKey())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('chain_head', 'text', (c) => c.notNull())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();
  await createAppendOnlyGuard(db, 'ledger_checkpoint');
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_checkpoint').ifExists().execute();
}
