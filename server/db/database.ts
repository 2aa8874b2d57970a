import { Kysely, Migrator, sql, type Transaction } from 'kysely';
import { createDialect, dialectOf, type DialectName, type DialectOptions } from './dialect.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type DbOrTrx = Kysely<Database>;

export type DatabaseHandle = { db: Db; dialect: DialectName; describe: string; destroy: () => Promise<void> };

export function createDatabase(url: string, options: DialectOptions = {}): DatabaseHandle {
  const handle = createDialect(url, options);
  const db = new Kysely<Database>({ dialect: handle.dialect });
  return { db, dialect: handle.name, describe: handle.describe, destroy: () => db.destroy() };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // On PostgreSQL pin Kysely's bookkeeping tables to the current schema: its existence check otherwise looks
  // across every schema and finds another installation's tables.
  const schema = dialectOf(db) === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Runs `fn` in one transaction (SQLite: BEGIN IMMEDIATE). Business writes and their ledger event go together. */
export function inTransaction<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('org_unit').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}
