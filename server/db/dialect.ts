/**
 * The only file that branches on the SQL dialect. Everything else writes one Kysely query for both.
 *
 * Storage conventions that keep queries identical on both databases:
 * - timestamps are ISO-8601 UTC text (`2026-11-26T07:00:00.000Z`), dates `YYYY-MM-DD` text: they sort as text;
 * - booleans are integers 0/1;
 * - materialised paths (`org_path`) use byte-wise ordering (SQLite BINARY, PostgreSQL `COLLATE "C"`), so the
 *   subtree predicate is an index range scan on both.
 */
import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import pg from 'pg';

export type DialectName = 'sqlite' | 'postgres';

// PostgreSQL returns int8 (count, sum) and numeric as strings; SQLite returns numbers. Normalise here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** SQLite transactions take the write lock up front (BEGIN IMMEDIATE), so a read-then-write inside a
 * transaction cannot fail with SQLITE_BUSY_SNAPSHOT when another process committed in between. */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  readonly #database: Database.Database;
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0] & { database: Database.Database }) {
    super(config);
    this.#config = config;
    this.#database = config.database;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createAdapter(): DialectAdapter {
    return registerRawDriver(super.createAdapter(), { name: 'sqlite', database: this.#database });
  }
}

class PoolPostgresDialect extends PostgresDialect {
  readonly #pool: pg.Pool;
  constructor(pool: pg.Pool) {
    super({ pool });
    this.#pool = pool;
  }
  override createAdapter(): DialectAdapter {
    return registerRawDriver(super.createAdapter(), { name: 'postgres', pool: this.#pool });
  }
}

/**
 * The driver under a Kysely instance, for the few bulk readers that bypass the query builder (the ledger verifier
 * reads a million rows as arrays). `sqlite`: the one better-sqlite3 connection (also under its transactions);
 * `postgres`: the pool (never under a transaction: a pool client is another connection); `postgres-snapshot`: the one
 * client of a `withReadOnlySnapshot` view, inside its transaction.
 */
export type RawDriver =
  | { name: 'sqlite'; database: Database.Database }
  | { name: 'postgres'; pool: pg.Pool }
  | { name: 'postgres-snapshot'; client: pg.PoolClient };

const rawDrivers = new WeakMap<DialectAdapter, RawDriver>();

function registerRawDriver(adapter: DialectAdapter, raw: RawDriver): DialectAdapter {
  rawDrivers.set(adapter, raw);
  return adapter;
}

export function rawDriverOf(db: Kysely<any>): RawDriver | null {
  return rawDrivers.get(db.getExecutor().adapter) ?? null;
}

/**
 * Runs `fn` on a stable read-only view. PostgreSQL outside a transaction: ONE pool client in a READ ONLY, REPEATABLE
 * READ transaction (one snapshot; the server refuses writes), handed to `fn` as a Kysely bound to that client, whose
 * rawDriverOf is the client itself, so bulk readers and query-builder reads see the same snapshot. Otherwise (SQLite,
 * or already inside a transaction) `fn(db)`: SQLite has one connection, and rows up to the size read are immutable.
 */
export async function withReadOnlySnapshot<T>(db: Kysely<any>, fn: (view: Kysely<any>) => Promise<T>): Promise<T> {
  const raw = rawDriverOf(db);
  if (db.isTransaction || raw?.name !== 'postgres') {
    if (db.isTransaction || dialectOf(db) !== 'postgres') return fn(db);
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => fn(trx));
  }
  const client = await raw.pool.connect();
  let view: Kysely<any> | null = null;
  try {
    await client.query('start transaction isolation level repeatable read read only');
    const one = { query: client.query.bind(client), release: () => undefined };
    const onePool = { connect: async () => one, end: async () => undefined } as unknown as pg.Pool;
    view = new Kysely<any>({ dialect: new SnapshotPostgresDialect(onePool, client) });
    const result = await fn(view);
    await client.query('commit');
    return result;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
    await view?.destroy();
  }
}

class SnapshotPostgresDialect extends PostgresDialect {
  readonly #client: pg.PoolClient;
  constructor(pool: pg.Pool, client: pg.PoolClient) {
    super({ pool });
    this.#client = client;
  }
  override createAdapter(): DialectAdapter {
    return registerRawDriver(super.createAdapter(), { name: 'postgres-snapshot', client: this.#client });
  }
}

export type DialectHandle = { name: DialectName; dialect: Dialect; describe: string };

/**
 * PostgreSQL prepared statements for the hottest fixed queries (the ledger append's lock and insert): SQL text that
 * starts with the marker from `preparedSql(name, text)` is sent as a named statement, parsed and planned once per
 * connection. Everything else goes through unchanged.
 */
const PREPARED_MARK = '/*bw:prepared:';

export function preparedSql(name: string, text: string): string {
  return `${PREPARED_MARK}${name}*/ ${text}`;
}

function preparedStatementsOn(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]): unknown => {
    const [text, values] = args;
    if (typeof text === 'string' && text.startsWith(PREPARED_MARK) && args.length <= 2) {
      const name = text.slice(PREPARED_MARK.length, text.indexOf('*/'));
      return query({ name: `bw_${name}`, text, values });
    }
    return query(...args);
  };
}

export function parseDatabaseUrl(url: string): { name: DialectName; target: string } {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { name: 'postgres', target: url };
  if (url.startsWith('sqlite:')) return { name: 'sqlite', target: url.slice('sqlite:'.length) };
  throw new Error(`DATABASE_URL 无法识别："${url.replace(/\/\/[^@]*@/, '//***@')}"。应为 sqlite:<文件> 或 postgres://…`);
}

export type DialectOptions = {
  /** PostgreSQL only: search_path for this pool (tests isolate themselves in a schema). */
  schema?: string;
  readonly?: boolean;
  poolSize?: number;
  /** SQLite only (tests): open an in-memory database deserialised from this database file image. */
  sqliteImage?: Buffer;
};

export function createDialect(url: string, options: DialectOptions = {}): DialectHandle {
  const { name, target } = parseDatabaseUrl(url);
  if (name === 'sqlite') {
    const file = target === '' || target === ':memory:' ? ':memory:' : target;
    const database = options.sqliteImage ? new Database(options.sqliteImage) : new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    if (!options.readonly) {
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = FULL');
    }
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 10000');
    return { name, dialect: new ImmediateSqliteDialect({ database }), describe: `SQLite ${database.prepare('select sqlite_version() v').pluck().get() as string} (${file})` };
  }
  const pool = new pg.Pool({
    connectionString: target,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  pool.on('connect', preparedStatementsOn);
  return { name, dialect: new PoolPostgresDialect(pool), describe: `PostgreSQL (${target.replace(/\/\/[^@]*@/, '//***@')})` };
}

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Column type for materialised paths: byte-wise collation so prefix ranges use the index. */
export function pathColumnType(db: Kysely<any>): RawBuilder<unknown> {
  return dialectOf(db) === 'postgres' ? sql`text collate "C"` : sql`text`;
}

/** Case-insensitive substring match (SQLite LIKE is already case-insensitive for ASCII). */
export function likeOperator(db: Kysely<any>): 'like' | 'ilike' {
  return dialectOf(db) === 'postgres' ? 'ilike' : 'like';
}

/** Serialise ledger appends across processes: PostgreSQL takes a transaction-scoped advisory lock;
 * SQLite already holds the write lock from BEGIN IMMEDIATE. */
export async function lockForLedgerAppend(trx: Kysely<any>): Promise<void> {
  if (dialectOf(trx) === 'postgres') await trx.executeQuery(CompiledQuery.raw(preparedSql('ledger_lock', 'select pg_advisory_xact_lock(7262026)'), []));
}

/** Installs the append-only guard on a table (defence in depth; the verifier is the real check). */
export async function createAppendOnlyGuard(db: Kysely<any>, table: string): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only'); end`).execute(db);
    await sql.raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end`).execute(db);
  } else {
    await sql.raw(`create or replace function ${table}_append_only() returns trigger language plpgsql as $$ begin raise exception '${table} is append-only'; end $$`).execute(db);
    await sql.raw(`create trigger ${table}_no_update before update or delete or truncate on ${table} for each statement execute function ${table}_append_only()`).execute(db);
  }
}

/** Version string of the server, for bench reports. */
export async function serverVersion(db: Kysely<any>): Promise<string> {
  if (dialectOf(db) === 'postgres') {
    const r = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
    return `PostgreSQL ${r.rows[0]?.v ?? '?'}`;
  }
  const r = await sql<{ v: string }>`select sqlite_version() as v`.execute(db);
  return `SQLite ${r.rows[0]?.v ?? '?'}`;
}

/** `column LIKE pattern ESCAPE '!'` with the user's text escaped, identical on both dialects. */
export function likePattern(column: string, text: string, position: 'prefix' | 'contains'): RawBuilder<SqlBool> {
  const escaped = text.replace(/[!%_]/g, (c) => `!${c}`);
  const pattern = position === 'prefix' ? `${escaped}%` : `%${escaped}%`;
  return sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '!'`;
}

/** `column` starts with `text`, as an index range (`text <= column < text'`): needs a byte-ordered column. */
export function prefixRange(column: string, text: string): RawBuilder<SqlBool> {
  const last = text.codePointAt(text.length - 1) ?? 0;
  const upper = text.slice(0, -String.fromCodePoint(last).length) + String.fromCodePoint(last + 1);
  return sql<SqlBool>`(${sql.ref(column)} >= ${text} and ${sql.ref(column)} < ${upper})`;
}

/**
 * Keeps planner statistics current so subtree ranges and name-ordered scans pick the right index (a county-wide
 * scope covers most rows, a town scope few). SQLite: `PRAGMA optimize` on open, full `ANALYZE` after bulk loads;
 * PostgreSQL: `VACUUM (ANALYZE)` after bulk loads (autovacuum does the rest). Never call it inside a transaction.
 */
export async function refreshStatistics(db: Kysely<any>, mode: 'open' | 'after-bulk-load'): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql.raw(mode === 'open' ? 'pragma optimize=0x10002' : 'analyze').execute(db);
  } else if (mode === 'after-bulk-load') {
    // VACUUM also sets the visibility map, so counts can use index-only scans before autovacuum comes by.
    await sql.raw('vacuum (analyze)').execute(db);
  }
}
