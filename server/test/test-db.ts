/**
 * Test databases: every database test runs on SQLite and on PostgreSQL ("no mocks", as in Kysely's own suite).
 * PostgreSQL tests use a fresh schema per database on the server at PG_URL (or DATABASE_URL). Without one they
 * are skipped loudly; with CI=true they are required and fail instead.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { isCi, testPostgresUrl } from '../config.ts';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '../db/database.ts';
import type { DialectName } from '../db/dialect.ts';

const pgUrl = testPostgresUrl();

export const TEST_DIALECTS: DialectName[] = pgUrl || isCi() ? ['sqlite', 'postgres'] : ['sqlite'];

if (!pgUrl) {
  const msg = isCi()
    ? 'CI=true but neither PG_URL nor DATABASE_URL points at PostgreSQL: the PostgreSQL half of the suite will FAIL'
    : '!!! PostgreSQL tests SKIPPED: set PG_URL=postgres://… to run every database test on PostgreSQL too';
  console.warn(`\n${msg}\n`);
}

/** `url` and `schema` let a child process open the same database (PostgreSQL: the schema on the test server). */
export type TestDatabase = DatabaseHandle & { cleanup: () => Promise<void>; url?: string; schema?: string };

/** `sqliteFile`: a durable SQLite file (WAL, synchronous=FULL as in production) instead of `:memory:` (benchmarks). */
export async function createTestDatabase(dialect: DialectName, options: { migrate?: boolean; sqliteFile?: string } = {}): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let dropSchema: (() => Promise<void>) | null = null;
  let where: { url?: string; schema?: string } = {};
  if (dialect === 'sqlite') {
    handle = createDatabase(options.sqliteFile ? `sqlite:${options.sqliteFile}` : 'sqlite::memory:');
  } else {
    if (!pgUrl) throw new Error('PostgreSQL test requested but PG_URL is not set (required when CI=true)');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    handle = createDatabase(pgUrl, { schema, poolSize: 4 });
    where = { url: pgUrl, schema };
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    };
  }
  if (options.migrate ?? true) await migrateToLatest(handle.db);
  return {
    ...handle,
    ...where,
    cleanup: async () => {
      await handle.destroy();
      if (dropSchema) await dropSchema();
    },
  };
}
