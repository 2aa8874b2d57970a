/**
 * The repository query (people.repository.ts `listPeople`: first page ordered by name + total count) against the
 * SAME SQL executed raw. The SQL text and parameters are captured from Kysely's query log while `listPeople`
 * runs, so the raw side executes literally what the repository sends:
 * - SQLite: better-sqlite3 statements prepared once, run one after the other (Kysely's SQLite driver also
 *   serialises the two queries of listPeople on its single connection);
 * - PostgreSQL: a pg.Pool of the same size as the app's, both queries in parallel (as listPeople's Promise.all).
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { ListPeopleQuery } from '../contracts/people.ts';
import type { Db } from '../server/db/database.ts';
import type { DialectName } from '../server/db/dialect.ts';
import type { Database as Schema } from '../server/db/schema.ts';
import { listPeople } from '../server/modules/people/people.repository.ts';
import { median, timeOnce } from './lib.ts';

export type ListCall = { scope: string[]; query: ListPeopleQuery & { page: number; pageSize: number }; unitPath: string | null };

export type RawQuery = { sql: string; parameters: readonly unknown[] };

/** Where the raw side runs: a SQLite file or a PostgreSQL URL (search_path set in the URL). */
export type RawTarget = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

/** Captures the statements `listPeople` sends for `call`, in a throw-away Kysely instance with a query log. */
export async function captureListPeopleSql(target: RawTarget, call: ListCall): Promise<{ rows: RawQuery; count: RawQuery }> {
  const captured: CompiledQuery[] = [];
  const log = (event: { level: string; query: CompiledQuery }) => {
    if (event.level === 'query') captured.push(event.query);
  };
  const db =
    target.dialect === 'sqlite'
      ? new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(target.file, { readonly: true }) }), log })
      : new Kysely<Schema>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 2 }) }), log });
  try {
    await listPeople(db, call.scope, call.query, call.unitPath);
  } finally {
    await db.destroy();
  }
  const count = captured.find((q) => /count\(\*\)/i.test(q.sql));
  const rows = captured.find((q) => q !== count);
  if (!count || !rows || captured.length !== 2) throw new Error(`expected listPeople to send 2 statements, saw ${captured.length}`);
  return { rows: { sql: rows.sql, parameters: rows.parameters }, count: { sql: count.sql, parameters: count.parameters } };
}

export type RawRunner = {
  /** both statements as listPeople runs them */
  both(): Promise<{ rows: number; total: number }>;
  /** any one statement (prepared once on SQLite) */
  exec(query: RawQuery): Promise<void>;
  plan(): Promise<{ rows: string[]; count: string[] }>;
  close(): Promise<void>;
};

export async function rawRunner(target: RawTarget, q: { rows: RawQuery; count: RawQuery }, poolSize = 10): Promise<RawRunner> {
  if (target.dialect === 'sqlite') {
    const db = new Database(target.file, { readonly: true });
    const statements = new Map<string, Database.Statement>();
    const prepared = (s: string) => {
      let stmt = statements.get(s);
      if (!stmt) statements.set(s, (stmt = db.prepare(s)));
      return stmt;
    };
    const rowsStmt = prepared(q.rows.sql);
    const countStmt = prepared(q.count.sql);
    const explain = (s: RawQuery) => (db.prepare(`explain query plan ${s.sql}`).all(s.parameters) as { detail: string }[]).map((r) => r.detail);
    return {
      both: async () => {
        const rows = rowsStmt.all(q.rows.parameters);
        const count = countStmt.get(q.count.parameters) as { n: number };
        return { rows: rows.length, total: Number(count.n) };
      },
      exec: async (query) => {
        prepared(query.sql).all(query.parameters);
      },
      plan: async () => ({ rows: explain(q.rows), count: explain(q.count) }),
      close: async () => {
        db.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: poolSize });
  const explain = async (s: RawQuery) => (await pool.query<{ 'QUERY PLAN': string }>(`explain ${s.sql}`, [...s.parameters])).rows.map((r) => r['QUERY PLAN']);
  return {
    both: async () => {
      const [rows, count] = await Promise.all([pool.query(q.rows.sql, [...q.rows.parameters]), pool.query<{ n: number }>(q.count.sql, [...q.count.parameters])]);
      return { rows: rows.rowCount ?? rows.rows.length, total: Number(count.rows[0]?.n) };
    },
    exec: async (query) => {
      await pool.query(query.sql, [...query.parameters]);
    },
    plan: async () => ({ rows: await explain(q.rows), count: await explain(q.count) }),
    close: () => pool.end(),
  };
}

export type QueryComparison = {
  kyselyMs: number;
  rawMs: number;
  rawRowsMs: number;
  rawCountMs: number;
  ratio: number;
  rows: number;
  total: number;
  iterations: number;
  plan: { rows: string[]; count: string[] };
  sql: { rows: string; count: string };
};

/** A call slower than this gets the minimum number of iterations (3) so the bench stays within its time budget. */
const SLOW_MS = 750;

/** Repository call vs raw, alternating, after warm-ups; medians. */
export async function compareListPeople(db: Db, dialect: DialectName, target: RawTarget, call: ListCall, iterations: number): Promise<QueryComparison> {
  if (dialect !== target.dialect) throw new Error('dialect mismatch');
  const compiled = await captureListPeopleSql(target, call);
  const raw = await rawRunner(target, compiled);
  try {
    const viaRepo = () => listPeople(db, call.scope, call.query, call.unitPath);
    // The first call of each side is the warm-up and the correctness check.
    const firstMs = await timeOnce(async () => {
      const check = await viaRepo();
      const rawCheck = await raw.both();
      // The repository caps the count (PEOPLE_COUNT_CAP): raw sees cap + 1 rows when the total is a floor.
      const rawTotal = check.totalIsExact ? rawCheck.total : Math.min(rawCheck.total, check.total);
      if (check.rows.length !== rawCheck.rows || check.total !== rawTotal) {
        throw new Error(`raw and repository disagree: ${check.rows.length}/${check.total} vs ${rawCheck.rows}/${rawCheck.total}`);
      }
    });
    const slow = firstMs / 2 > SLOW_MS;
    const n = slow ? 3 : iterations;
    if (!slow) {
      await viaRepo();
      await raw.both();
    }
    const k: number[] = [];
    const r: number[] = [];
    let last = { rows: 0, total: 0 };
    const timedRepo = () =>
      timeOnce(async () => {
        const x = await viaRepo();
        last = { rows: x.rows.length, total: x.total };
      });
    for (let i = 0; i < n; i++) {
      // Alternate which side goes first so neither always inherits a warmer cache.
      if (i % 2 === 0) {
        k.push(await timedRepo());
        r.push(await timeOnce(() => raw.both()));
      } else {
        r.push(await timeOnce(() => raw.both()));
        k.push(await timedRepo());
      }
    }
    const split = async (query: RawQuery) => {
      const t: number[] = [];
      for (let i = 0; i < 3; i++) t.push(await timeOnce(() => raw.exec(query)));
      return median(t);
    };
    const kyselyMs = median(k);
    const rawMs = median(r);
    return {
      kyselyMs,
      rawMs,
      rawRowsMs: await split(compiled.rows),
      rawCountMs: await split(compiled.count),
      ratio: kyselyMs / rawMs,
      rows: last.rows,
      total: last.total,
      iterations: n,
      plan: await raw.plan(),
      sql: { rows: compiled.rows.sql, count: compiled.count.sql },
    };
  } finally {
    await raw.close();
  }
}
